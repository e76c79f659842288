"""Page and API refuse the same ill-formed input of 公示 alike (tests/parity.py)."""

from types import SimpleNamespace

import pytest

from tests.parity import Door, check_door
from tests.publicity.conftest import CREDIT_CODE, published, register
from zhifa.publicity.models import Disclosure

pytestmark = pytest.mark.django_db


def doors(draft, entry) -> list[Door]:
    return [
        Door(
            "登记执法决定公示",
            "zhifa_publicity_api_disclosure_register",
            page="/publicity/register/",
            api="/api/publicity/disclosures",
            good={
                "kind": "licence",
                "number": "东市监许〔2026〕9号",
                "subject_kind": "organisation",
                "subject_name": "东区味美餐饮有限公司",
                "credit_code": CREDIT_CODE,
                "items": "食品经营许可",
                "conclusion": "准予许可",
                "summary": "申请材料齐全，准予许可。",
                "decided_on": "2026-03-20",
            },
            text_fields={"subject_name": "执法对象", "conclusion": "执法结论", "summary": "主要事实"},
            bad=[("subject_name", "", "请填写执法对象"), ("conclusion", "", "请填写执法结论")],
        ),
        Door(
            "不予公开",
            "zhifa_publicity_api_disclosure_withhold",
            page=f"/publicity/{draft.pk}/withhold/",
            api=f"/api/publicity/disclosures/{draft.pk}/withhold",
            good={"reason": "state_secret", "note": "涉及国家秘密，依保密法不予公开"},
            text_fields={"note": "依据和说明"},
            bad=[("note", "", "请说明不予公开的依据")],
        ),
        Door(
            "撤回公示",
            "zhifa_publicity_api_disclosure_withdraw",
            page=f"/publicity/{entry.pk}/withdraw/",
            api=f"/api/publicity/disclosures/{entry.pk}/withdraw",
            good={"reason": "决定已被复议机关撤销"},
            text_fields={"reason": "撤回理由"},
            bad=[("reason", "", "请填写撤回理由")],
        ),
    ]


doors(SimpleNamespace(pk=0), SimpleNamespace(pk=0))  # the table, for tests/test_parity_table.py


def test_page_and_api_refuse_alike(client, agencies, reviewer):
    draft = register(agencies["east_market"], number="东市监许〔2026〕2号")
    entry = published(agencies["east_market"])
    for door in doors(draft, entry):
        check_door(client, reviewer, door, counted=(Disclosure,))
