"""Page and API refuse the same ill-formed input of the 责任追究 writes alike (tests/parity.py): control
characters in every free-text field, and the missing choices and reasons."""

import pytest

from tests.parity import Door, check_door
from zhifa.supervision.models import AccountabilityCase

pytestmark = pytest.mark.django_db
COUNTED = (AccountabilityCase, AccountabilityCase.certificates.through)
BASE = "/supervision/accountability"
API = "/api/supervision/accountability"
OP = "zhifa_supervision_api_accountability_"


def open_door(officer_id: int) -> Door:
    return Door(
        "责任追究立案",
        f"{OP}proceeding_open",
        page=f"{BASE}/new/",
        api=API,
        good={"officers": [officer_id], "source_kind": "complaint", "source_text": "投诉", "facts": "事由"},
        text_fields={
            "source_text": "投诉举报内容或逾期未履行的职责",
            "facts": "立案事由",
            "source_reference": "来源编号",
        },
        bad=[
            ("facts", "", "请填写立案事由"),
            ("source_kind", "", "请选择案件来源"),
            ("source_text", "", "请填写投诉举报内容"),
        ],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "officers"}, "officer_ids": d["officers"]},
        api_field=lambda name: "officer_ids" if name == "officers" else name,
    )


def step_door(proceeding_id: int, action: str, name: str, label: str) -> Door:
    return Door(
        label,
        f"{OP}proceeding_{action}",
        page=f"{BASE}/{proceeding_id}/{action}/",
        api=f"{API}/{proceeding_id}/{action}",
        good={name: "情况"},
        text_fields={name: label},
        bad=[(name, " ", f"请填写{label}")],
    )


def decide_door(proceeding_id: int) -> Door:
    return Door(
        "作出处理决定",
        f"{OP}proceeding_decide",
        page=f"{BASE}/{proceeding_id}/decide/",
        api=f"{API}/{proceeding_id}/decide",
        good={"outcome": "suspend", "reason": "理由", "suspended_until": "2026-06-05"},
        text_fields={"reason": "决定理由"},
        bad=[
            ("reason", "", "请填写决定理由"),
            ("outcome", "", "请选择处理决定"),
            ("suspended_until", "2026-03-06", "暂扣期限（2026-03-06）须晚于今天（2026-03-06）"),
        ],
    )


# the table only, at import: tests/test_parity_table.py reads the Doors declared here
TABLE = [
    open_door(0),
    step_door(0, "investigate", "investigation", "调查情况"),
    step_door(0, "notify", "notice", "告知的拟处理意见"),
    step_door(0, "hear", "statement", "陈述申辩情况"),
    decide_door(0),
]


def test_opening_refuses_alike(client, supervisor, zhang):
    check_door(client, supervisor, open_door(zhang.pk), counted=COUNTED)


def test_investigating_refuses_alike(client, supervisor, proceeding):
    check_door(
        client, supervisor, step_door(proceeding.pk, "investigate", "investigation", "调查情况"), COUNTED
    )


def test_notifying_refuses_alike(client, supervisor, proceeding):
    from zhifa.supervision.accountability import services

    services.proceeding_investigate(actor=supervisor, proceeding=proceeding, investigation="属实")
    check_door(client, supervisor, step_door(proceeding.pk, "notify", "notice", "告知的拟处理意见"), COUNTED)


def test_hearing_refuses_alike(client, supervisor, proceeding):
    from zhifa.supervision.accountability import services

    services.proceeding_investigate(actor=supervisor, proceeding=proceeding, investigation="属实")
    services.proceeding_notify(actor=supervisor, proceeding=proceeding, notice="拟批评教育")
    check_door(client, supervisor, step_door(proceeding.pk, "hear", "statement", "陈述申辩情况"), COUNTED)


def test_deciding_refuses_alike(client, supervisor, heard):
    check_door(client, supervisor, decide_door(heard.pk), counted=COUNTED)
