"""Excel exports of the 随机抽查事项清单 and the 执法检查人员名录库: the rows of the page, the user's own agency."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from zhifa.inspections import services


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(BytesIO(response.content), read_only=True).active
    return [tuple("" if v is None else v for v in row) for row in sheet.iter_rows(values_only=True)]


def test_item_list_export_has_the_items_of_the_page(client, lead, catalogues):
    client.force_login(lead)
    page = client.get(reverse("inspections:item_list")).content.decode()
    assert "导出Excel" in page
    rows = sheet_rows(client.get(reverse("inspections:item_list"), {"export": 1}))
    assert rows[0] == ("事项编码", "事项名称", "执法领域", "设定依据", "抽查对象", "抽查方式", "实施主体")
    by_code = {row[0]: row for row in rows[1:]}
    assert "SCJG-JC-001" in by_code and "WSJK-JC-001" not in by_code  # another agency's catalogue
    _code, name, _field, basis, target, method, _body = by_code["SCJG-JC-001"]
    assert (name, target, method) == ("食品经营监督检查", "食品经营者", "现场检查")
    assert basis.startswith("《") and basis in page
    assert all(row[0] in page for row in rows[1:])


def test_inspector_list_export_has_the_officers_and_residences(client, lead, inspectors, catalogues, city):
    services.residence_set(actor=lead, officer=inspectors[1], region=city["east"])
    client.force_login(lead)
    assert "导出Excel" in client.get(reverse("inspections:inspector_list")).content.decode()
    rows = sheet_rows(client.get(reverse("inspections:inspector_list"), {"export": 1}))
    assert rows[0] == ("执法领域", "姓名", "居住地区划")
    assert sorted(rows[1:]) == sorted(
        [
            ("市场监管", "张伟", "未登记"),
            ("市场监管", "李娜", city["east"].name),
            ("市场监管", "王强", "未登记"),
            ("市场监管", "赵敏", "未登记"),
        ]
    )


def test_exports_of_another_agency_have_none_of_ours(client, west_lead, inspectors, catalogues):
    client.force_login(west_lead)
    assert sheet_rows(client.get(reverse("inspections:item_list"), {"export": 1}))[1:] == []
    assert sheet_rows(client.get(reverse("inspections:inspector_list"), {"export": 1}))[1:] == []


def test_exports_need_the_permission(client, agencies, make_user, catalogues):
    client.force_login(make_user(agencies["east_market"], username="no_role"))
    for name in ("item_list", "inspector_list"):
        assert client.get(reverse(f"inspections:{name}"), {"export": 1}).status_code == 403
