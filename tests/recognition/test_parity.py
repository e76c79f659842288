"""Page and API refuse the same ill-formed input of 表彰奖励 alike (tests/parity.py)."""

import pytest

from tests.parity import Door, check_door
from zhifa.recognition.models import Award

pytestmark = pytest.mark.django_db
COUNTED = (Award,)
OP = "zhifa_recognition_api_"


def record_door(officer_id: int) -> Door:
    return Door(
        "录入表彰奖励", f"{OP}award_record", page="/recognition/awards/new/", api="/api/recognition/awards",
        good={"awardee_kind": "officer", "officer": officer_id, "kind": "commendation", "level": "county",
              "granted_by": "东区人民政府", "granted_on": "2026-01-10", "reason": "表现突出"},
        text_fields={"granted_by": "授予机关", "reason": "表彰事由", "document_number": "文号"},
        bad=[("kind", "", "请选择表彰种类"), ("level", "", "请选择表彰级别"), ("awardee_kind", "", "请选择表彰对象类别"),
             ("granted_on", "", "请填写授予日期")],
        to_api=lambda d: {("officer_id" if k == "officer" else k): (v or None) if k == "granted_on" else v
                          for k, v in d.items()},
    )  # fmt: skip


def correct_door(pk: int) -> Door:
    return Door(
        "更正表彰奖励", f"{OP}award_correct", page=f"/recognition/awards/{pk}/correct/",
        api=f"/api/recognition/awards/{pk}/correct",
        good={"kind": "merit3", "level": "county", "granted_by": "东区人民政府", "granted_on": "2026-01-10",
              "reason": "表现突出", "correction_reason": "文件核对更正"},
        text_fields={"correction_reason": "更正理由", "granted_by": "授予机关", "reason": "表彰事由"},
        bad=[("correction_reason", "", "请填写更正理由"), ("granted_by", "", "请填写授予机关")],
    )  # fmt: skip


# declared at import, so tests/test_parity_table.py sees every pair's Door
TABLE = [record_door(0), correct_door(0)]


def test_record_door(client, head, li_na):
    check_door(client, head, record_door(li_na.pk), COUNTED)


def test_correct_door(client, head, award):
    check_door(client, head, correct_door(award.pk), COUNTED)
