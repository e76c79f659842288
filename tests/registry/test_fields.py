"""执法领域 kept by the 系统管理员 (no Django admin): the list with search and pages, add, edit the name and
order, 停用 and 启用 — through the page and the API alike, recorded and audited, refused by field with
nothing written; a county's admin reads it only, business users cannot change it; a 停用 field is not
offered for a new certificate, and refused by name when named anyway — page, API and Excel import alike —
while the certificates that cover it keep it."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from tests.factories import CertificateFactory, OfficerFactory, valid_id_number
from tests.helpers import filled
from zhifa.accounts.choices import RoleCode
from zhifa.audit.choices import AuditAction
from zhifa.audit.models import AuditEntry
from zhifa.core.models import Record
from zhifa.registry import excel, services
from zhifa.registry.choices import CertificateStatus
from zhifa.registry.excel import RowError
from zhifa.registry.forms import CertificateIssueForm
from zhifa.registry.models import Certificate, EnforcementField

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(agencies, make_user):
    """The city's 系统管理员 (a top-level region): keeps the list."""
    return make_user(agencies["city_justice"], RoleCode.SYSTEM_ADMIN, username="city_sys")


@pytest.fixture
def county_admin(agencies, make_user):
    return make_user(agencies["east_justice"], RoleCode.SYSTEM_ADMIN, username="east_sys")


def counts() -> tuple[int, int, int]:
    """Fields, records and 管理操作 audit entries (a login and a refused request are audit entries too)."""
    admin = AuditEntry.objects.filter(action=AuditAction.ADMIN_ACTION)
    return EnforcementField.objects.count(), Record.objects.count(), admin.count()


def test_the_list_searches_and_pages_in_its_order(keeper, client):
    client.force_login(keeper)
    page = client.get("/registry/fields/", {"page_size": 10}).content.decode()
    assert "共 13 条，第 1/2 页" in page
    assert page.index("农业农村") < page.index("商务") < page.index("文化市场")  # 10, 20, 30 (code order)
    found = client.get("/registry/fields/", {"q": "市场"}).content.decode()
    assert "市场监管" in found and "文化市场" in found and "生态环境" not in found
    assert 'href="/registry/fields/market/edit/"' in found and "新增执法领域" in found


def test_add_edit_deactivate_and_activate_through_the_pages(keeper, client):
    client.force_login(keeper)
    created = client.post("/registry/fields/new/", {"name": "税务", "ordering": "15"})
    assert (created.status_code, created["Location"]) == (302, "/registry/fields/")
    field = EnforcementField.objects.get(name="税务")  # people see the name; the code is made up
    assert (field.code, field.ordering, field.active) == ("f1", 15, True)
    edited = client.post("/registry/fields/f1/edit/", {"name": "税务稽查", "ordering": "5"})
    assert edited.status_code == 302
    assert client.post("/registry/fields/f1/deactivate/").status_code == 302
    field.refresh_from_db()
    assert (field.name, field.ordering, field.active) == ("税务稽查", 5, False)
    stopped = client.get("/registry/fields/", {"active": "0"}).content.decode()
    assert "税务稽查" in stopped and "市场监管" not in stopped
    assert client.post("/registry/fields/f1/activate/").status_code == 302
    field.refresh_from_db()
    assert field.active is True
    actions = list(
        Record.objects.filter(subject_type="registry.enforcementfield", subject_id="f1")
        .order_by("id")
        .values_list("action", "agency__name")
    )
    assert actions == [
        ("registry_field.create", "测试市司法局"),
        ("registry_field.update", "测试市司法局"),
        ("registry_field.deactivate", "测试市司法局"),
        ("registry_field.activate", "测试市司法局"),
    ]
    assert AuditEntry.objects.filter(object_id="f1").count() == 4
    second = client.post("/registry/fields/new/", {"name": "烟草专卖", "ordering": "16"})
    assert second.status_code == 302 and EnforcementField.objects.get(name="烟草专卖").code == "f2"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": " ", "ordering": 1}, "name", "请填写名称"),
        ({"name": "市场监管", "ordering": 1}, "name", "“名称”市场监管已被另一执法领域使用"),
        ({"name": "税务", "ordering": None}, "ordering", "请填写排序"),
        ({"name": "税务", "ordering": 10000}, "ordering", "“排序”应为0至9999的整数"),
    ],
)
def test_refusals_name_the_field_and_write_nothing_on_page_and_api(keeper, client, data, field, message):
    client.force_login(keeper)
    before = counts()
    page = client.post("/registry/fields/new/", {k: "" if v is None else v for k, v in data.items()})
    assert page.status_code == 200 and page.context["form"].errors[field] == [message]
    api = client.post("/api/registry/fields", data, content_type="application/json")
    assert api.status_code == 422 and {"loc": ["body", field], "msg": message} in api.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize(
    ("code", "message"),
    [("Tax!", "“代码”应为32位以内的小写字母、数字、-或_"), ("market", "“代码”market已被使用")],
)
def test_an_integration_may_give_the_code_checked(keeper, client, code, message):
    client.force_login(keeper)
    before = counts()
    data = {"code": code, "name": "税务", "ordering": 1}
    api = client.post("/api/registry/fields", data, content_type="application/json")
    assert api.status_code == 422 and api.json()["detail"] == [{"loc": ["body", "code"], "msg": message}]
    assert counts() == before
    made = client.post("/api/registry/fields", {**data, "code": "tax"}, content_type="application/json")
    assert made.status_code == 201 and made.json() == {
        "code": "tax",
        "name": "税务",
        "ordering": 1,
        "active": True,
    }


def test_the_api_lists_edits_and_switches(keeper, client):
    client.force_login(keeper)
    listed = client.get("/api/registry/fields", {"q": "生态"}).json()
    assert listed["items"] == [{"code": "ecology", "name": "生态环境", "ordering": 40, "active": True}]
    updated = client.put(
        "/api/registry/fields/ecology",
        {"name": "生态环境保护", "ordering": 1},
        content_type="application/json",
    )
    assert updated.json() == {"code": "ecology", "name": "生态环境保护", "ordering": 1, "active": True}
    assert client.post("/api/registry/fields/ecology/deactivate").json()["active"] is False
    again = client.post("/api/registry/fields/ecology/deactivate")
    assert again.status_code == 422
    assert {"loc": ["body", "active"], "msg": "执法领域“生态环境保护”已停用"} in again.json()["detail"]
    assert client.get("/api/registry/fields", {"active": "0"}).json()["items"][0]["code"] == "ecology"
    assert (
        client.put(
            "/api/registry/fields/nothing", {"name": "无"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_a_countys_admin_reads_only_and_business_users_cannot_change(county_admin, officer, client):
    before = counts()
    client.force_login(county_admin)
    page = client.get("/registry/fields/").content.decode()
    assert 'data-testid="fields-read-only"' in page and "/registry/fields/market/edit/" not in page
    assert client.get("/registry/fields/market/edit/").status_code == 403
    assert client.post("/registry/fields/market/deactivate/").status_code == 403
    refused = client.post(
        "/api/registry/fields",
        {"code": "tax", "name": "税务", "ordering": 1},
        content_type="application/json",
    )
    assert refused.status_code == 403
    client.force_login(officer)
    assert client.get("/api/registry/fields").status_code == 200  # reference data: everyone reads it
    assert client.post("/api/registry/fields/market/deactivate").status_code == 403
    assert client.get("/registry/fields/new/").status_code == 403
    assert counts() == before
    assert "执法领域" not in [i["label"] for m in _menu(officer) for i in m["items"]]
    assert "执法领域" in [i["label"] for m in _menu(county_admin) for i in m["items"]]


def _menu(user):
    from zhifa.core.menu import menu_for

    return menu_for(user)


# ---- a 停用 field: refused for a new certificate through every door; what names it keeps it ----------

STOPPED = "执法领域“城市管理”已停用，不能用于新的执法证"
CERTIFICATE_JSON = {
    "number": "JZ20260009",
    "kind": "enforcement",
    "issuer": "东区司法局",
    "issued_on": "2026-01-05",
    "expires_on": "2031-01-04",
}
CERTIFICATE_ROW = {
    "身份证号码": valid_id_number(321),
    "证件编号": "JZ20260009",
    "证件类别": "行政执法证",
    "发证机关": "东区司法局",
    "发证日期": "2026-01-05",
    "有效期至": "2031-01-04",
    "执法领域": "市场监管",
}


@pytest.fixture
def stopped(holder):
    """城市管理 停用 (after the holder's certificate was issued on it: that one keeps it)."""
    kept = CertificateFactory(officer=holder, number="JZ20250001", fields=["market", "urban"])
    EnforcementField.objects.filter(code="urban").update(active=False)
    return kept


@pytest.fixture
def issuer(agencies, make_user):
    """东区司法局's supervisor: issues certificates to 东区's officers."""
    return make_user(agencies["east_justice"], RoleCode.SUPERVISOR, username="east_supervisor")


@pytest.fixture
def holder(agencies):
    return OfficerFactory(agency=agencies["east_market"], name="张伟", id_number=valid_id_number(321))


def written() -> tuple[int, int, int]:
    """Certificates, the fields they cover, records."""
    return Certificate.objects.count(), Certificate.fields.through.objects.count(), Record.objects.count()


def test_the_certificate_form_offers_only_the_fields_in_use(stopped, issuer, holder, client):
    client.force_login(issuer)
    page = client.get(f"/registry/officers/{holder.pk}/certificates/new/").content.decode()
    urban, market = (EnforcementField.objects.get(code=code).pk for code in ("urban", "market"))
    assert f'value="{market}"' in page and f'value="{urban}"' not in page and "城市管理" not in page
    offered = [label for _, label in CertificateIssueForm().fields["certificate_fields"].widget.choices]
    assert offered[:3] == ["农业农村", "商务", "文化市场"] and "城市管理" not in offered


def test_the_service_refuses_a_stopped_field_by_name_and_writes_nothing(stopped, issuer, holder):
    before = written()
    with pytest.raises(ValidationError) as refused:
        services.certificate_issue(
            actor=issuer,
            officer=holder,
            **{**CERTIFICATE_JSON, "issued_on": date(2026, 1, 5), "expires_on": date(2031, 1, 4)},
            fields=["market", "urban"],  # codes, as the Excel import gives them
        )
    assert refused.value.message_dict == {"fields": [STOPPED]}
    EnforcementField.objects.filter(code="water").update(active=False)
    with pytest.raises(ValidationError) as both:
        services.certificate_issue(
            actor=issuer,
            officer=holder,
            **{**CERTIFICATE_JSON, "issued_on": date(2026, 1, 5), "expires_on": date(2031, 1, 4)},
            fields=list(EnforcementField.objects.filter(code__in=["water", "urban", "market"])),
        )
    assert both.value.message_dict == {"fields": ["执法领域“城市管理、水利”已停用，不能用于新的执法证"]}
    assert written() == before
    assert sorted(stopped.fields.values_list("code", flat=True)) == ["market", "urban"]  # kept


def test_the_page_and_the_api_refuse_it_alike(stopped, issuer, holder, client):
    client.force_login(issuer)
    urban = EnforcementField.objects.get(code="urban")
    before = written()
    page = client.post(  # a page loaded before 城市管理 was stopped
        f"/registry/officers/{holder.pk}/certificates/new/",
        {**CERTIFICATE_JSON, "certificate_fields": [urban.pk]},
    )
    assert page.status_code == 200 and page.context["form"].errors == {"certificate_fields": [STOPPED]}
    api = client.post(
        f"/api/registry/officers/{holder.pk}/certificates",
        {**CERTIFICATE_JSON, "fields": ["urban", "market"]},
        content_type="application/json",
    )
    assert api.status_code == 422 and api.json()["detail"] == [{"loc": ["body", "fields"], "msg": STOPPED}]
    assert written() == before
    issued = client.post(
        f"/api/registry/officers/{holder.pk}/certificates",
        {**CERTIFICATE_JSON, "fields": ["market"]},
        content_type="application/json",
    )
    assert issued.status_code == 201 and issued.json()["fields"] == ["market"]


def test_a_certificate_on_a_stopped_field_keeps_it_through_its_changes(stopped, issuer):
    services.certificate_set_status(
        actor=issuer, certificate=stopped, status=CertificateStatus.SUSPENDED, reason="涉嫌违法执法"
    )
    stopped.refresh_from_db()
    assert stopped.status == CertificateStatus.SUSPENDED
    assert sorted(stopped.fields.values_list("code", flat=True)) == ["market", "urban"]


def test_the_excel_import_reports_the_row_and_column_and_imports_nothing(stopped, issuer, holder):
    before = written()
    rows = (CERTIFICATE_ROW, {**CERTIFICATE_ROW, "证件编号": "JZ20260010", "执法领域": "市场监管、城市管理"})
    result = excel.import_xlsx(
        actor=issuer, agency=holder.agency, kind="certificates", file=filled(excel, "certificates", *rows)
    )
    assert (result.created, result.errors) == (0, [RowError(3, "执法领域", STOPPED)])
    assert written() == before
    done = excel.import_xlsx(
        actor=issuer, agency=holder.agency, kind="certificates", file=filled(excel, "certificates", rows[0])
    )
    assert (done.created, done.errors) == (1, [])


def test_the_certificate_template_lists_only_the_fields_in_use(stopped, issuer, holder):
    notes = load_workbook(BytesIO(excel.template_bytes("certificates")))[excel.INSTRUCTIONS_SHEET]
    text = " ".join(str(v) for row in notes.iter_rows(values_only=True) for v in row if v)
    assert "市场监管" in text and "城市管理" not in text
    row = {**CERTIFICATE_ROW, "执法领域": "城管"}
    result = excel.import_xlsx(
        actor=issuer, agency=holder.agency, kind="certificates", file=filled(excel, "certificates", row)
    )
    (error,) = result.errors
    assert error.message.startswith("没有名为“城管”的执法领域；可填写：农业农村、商务、文化市场")
    assert "城市管理" not in error.message
