"""The catalogue tells the truth (issue 20, item 6): the public 重大执法决定法制审核目录清单, the public item
page, the staff pages and the API state exactly the criteria the decision gate applies — each item's own
criteria, and the law's (行政处罚法 第五十八条第一款第（二）、（三）项: a hearing held, a case found 疑难复杂),
which hold for every item and which no item flag can lower."""

import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.helpers import html
from zhifa.catalog import major
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.models import EnforcementItem
from zhifa.review.gate import major_reasons

pytestmark = pytest.mark.django_db

STATUTORY_TEXT = (
    "依照《中华人民共和国行政处罚法》第五十八条第一款，下列案件无论属于哪一事项，作出处罚决定前一律须经法制审核："
    "经过听证程序的；案件情况疑难复杂、涉及多个法律关系的（由负责人在调查终结时认定）。本目录所列事项另按各自的标准认定重大执法决定。"
)


def decision(fine="0", *measures):
    return SimpleNamespace(
        kind="penalty", fine=Decimal(fine), measures=list(measures), confiscation=None, other_measures=""
    )


def case_of(item, heard=False, complex_=False):
    return SimpleNamespace(
        is_simple=False,
        is_complex=complex_,
        hearing_held_on=date(2026, 3, 15) if heard else None,
        items=SimpleNamespace(all=lambda: [item]),
    )


def public_rows(client, agency) -> tuple[dict[str, str], str]:
    """{code: the 重大执法决定标准 cell} of the public 目录, and the text of its statutory notice."""
    body = html(client.get(f"/gs/catalog/{agency.pk}/", {"list": "legal_review"}))
    rows = dict(
        re.findall(r"<tr><td>([A-Z0-9-]+)</td>.*?data-testid=\"major-criteria\">(.*?)</td>", body, re.S)
    )
    notice = re.search(r'data-testid="statutory-major">(.*?)</p>', body, re.S)
    assert notice is not None
    return rows, notice.group(1)


# one decision per criterion the catalogue can show: the decision that meets it and one that just does not
TRIGGERS = {
    "罚款": lambda threshold: (decision(threshold), decision(str(Decimal(threshold) - Decimal("0.01")))),
    "吊销许可证件": lambda _: (decision("0", PenaltyMeasure.REVOKE_LICENCE), decision()),
    "责令停产停业": lambda _: (decision("0", PenaltyMeasure.SUSPEND_BUSINESS), decision()),
}


def test_the_public_list_and_the_gate_say_the_same_thing(client, agencies, catalogue):
    rows, notice = public_rows(client, agencies["east_market"])
    assert notice == STATUTORY_TEXT
    listed = EnforcementItem.objects.filter(version=catalogue, needs_legal_review=True)
    assert sorted(rows) == sorted(item.code for item in listed) == ["SCJG-CF-001"]
    assert rows["SCJG-CF-001"] == "罚款¥50,000.00以上；吊销许可证件；责令停产停业"
    for item in listed:
        shown = rows[item.code].split("；")
        assert shown == major.item_criteria(item)
        for criterion in shown:
            amount = re.fullmatch(r"罚款¥([\d,]+\.\d\d)以上", criterion)
            meets, misses = TRIGGERS["罚款" if amount else criterion](
                amount.group(1).replace(",", "") if amount else None
            )
            assert major_reasons(case_of(item), meets) != [], criterion
            assert major_reasons(case_of(item), misses) == [], criterion
    # the law's criteria, stated on the list, hold for an item outside it too
    outside = catalogue.items.get(code="SCJG-CF-003")
    assert outside.code not in rows
    assert major_reasons(case_of(outside), decision("100")) == []
    assert (
        major_reasons(case_of(outside, heard=True), decision("100")) == [major.HEARING.reason] == ["经过听证"]
    )
    assert major_reasons(case_of(outside, complex_=True), decision("100")) == ["负责人认定的疑难复杂案件"]
    assert [c.rule for c in major.STATUTORY] == [
        "经过听证程序的",
        "案件情况疑难复杂、涉及多个法律关系的（由负责人在调查终结时认定）",
    ]


def test_the_public_item_page_and_the_api_state_the_criteria(client, agencies, catalogue, handler_user):
    east = agencies["east_market"].pk
    inside = html(client.get(f"/gs/catalog/{east}/items/SCJG-CF-001/"))
    outside = html(client.get(f"/gs/catalog/{east}/items/SCJG-CF-003/"))
    assert "罚款¥50,000.00以上；吊销许可证件；责令停产停业" in inside
    assert STATUTORY_TEXT in inside and STATUTORY_TEXT in outside
    assert re.search(r'data-testid="major-criteria">—', outside)
    assert "经过听证为重大" not in inside + outside
    client.force_login(handler_user)
    item = catalogue.items.get(code="SCJG-CF-001")
    data = client.get(f"/api/catalog/items/{item.pk}").json()
    assert data["major_criteria"] == ["罚款¥50,000.00以上", "吊销许可证件", "责令停产停业"]
    assert "major_on_hearing" not in data


def test_the_item_form_and_the_excel_template_no_longer_offer_the_flag():
    from zhifa.catalog import excel
    from zhifa.catalog.forms.versions import ItemForm

    assert "major_on_hearing" not in ItemForm.base_fields
    assert "经过听证为重大" not in [column.header for column in excel.ITEM_COLUMNS]
    assert not any(f.name == "major_on_hearing" for f in EnforcementItem._meta.get_fields())
