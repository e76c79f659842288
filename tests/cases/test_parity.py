"""Page and API refuse the same ill-formed input of 案件登记 alike (tests/parity.py); a party name with a
control character is refused, and one stored before the refusal no longer breaks the case export."""

from types import SimpleNamespace

import pytest

from tests.cases.test_api import PERSON_ID
from tests.helpers import xlsx_rows
from tests.parity import Door, check_door, check_parity
from zhifa.cases.models import Case

pytestmark = pytest.mark.django_db

REQUIRED = "这个字段是必填项。"


def party_of(data: dict) -> dict:
    return {
        "kind": data["party_kind"],
        "name": data["party_name"],
        "id_number": data.get("party_id_number", ""),
        "address": data.get("party_address", ""),
    }


INTAKE = Door(
    "案件登记",
    "zhifa_cases_api_intake",
    page="/cases/new/",
    api="/api/cases/",
    good={
        "source": "complaint",
        "summary": "销售过期食品",
        "discovered_on": "2026-03-01",
        "place": "东区人民路8号",
        "item_codes": ["SCJG-CF-001"],
        "party_kind": "person",
        "party_name": "王某",
        "party_id_number": PERSON_ID,
        "party_address": "东区人民路9号",
    },
    text_fields={"summary": "案由", "place": "地点", "party_name": "当事人", "party_address": "住所（地址）"},
    bad=[("summary", "", REQUIRED), ("place", "", REQUIRED), ("party_name", "", REQUIRED)],
    to_api=lambda data: {
        **{k: v for k, v in data.items() if not k.startswith("party_")},
        "party": party_of(data),
    },
)


def simple_door(officers) -> Door:
    return Door(
        "简易程序",
        "zhifa_cases_api_simple",
        page="/cases/simple/new/",
        api="/api/cases/simple",
        good={
            "item_code": "SCJG-CF-001",
            "summary": "占道经营",
            "place": "东区人民路1号",
            "decided_on": "2026-03-02",
            "party_kind": "person",
            "party_name": "王某",
            "party_id_number": PERSON_ID,
            "lead": officers[0].pk,
            "co": officers[1].pk,
            "fine": "100",
            "reasoning": "当场查明违法事实",
            "recipient": "王某",
        },
        text_fields={
            "summary": "违法行为",
            "reasoning": "违法事实与依据",
            "recipient": "签收人",
            "party_name": "当事人",
        },
        bad=[("summary", "", REQUIRED)],
        to_api=lambda data: {
            **{k: v for k, v in data.items() if not k.startswith("party_") and k not in ("lead", "co")},
            "party": party_of(data),
            "handler_ids": [data["lead"], data["co"]],
        },
    )


simple_door([SimpleNamespace(pk=0), SimpleNamespace(pk=0)])  # the table, for tests/test_parity_table.py


def test_simple_page_and_api_refuse_alike(client, handler_user, catalogue, officers):
    check_door(client, handler_user, simple_door(officers), counted=(Case,))


@pytest.mark.parametrize(
    ("field_name", "value", "message"), [pytest.param(*v[1:], id=v[0]) for v in INTAKE.variants()]
)
def test_intake_page_and_api_refuse_alike(client, handler_user, catalogue, field_name, value, message):
    check_parity(client, handler_user, INTAKE, field_name, value, message, counted=(Case,))


def test_a_party_name_stored_with_a_control_character_is_exported_without_it(client, handler_user, new_case):
    Case.objects.filter(pk=new_case.pk).update(party_name="东区味美\x07餐饮有限公司")  # before the refusal
    client.force_login(handler_user)
    response = client.get("/cases/export.xlsx")
    assert response.status_code == 200
    assert [row[5] for row in xlsx_rows(response)[1:]] == ["东区味美餐饮有限公司"]
