"""Page and API refuse the same ill-formed input of the 监督事项 writes alike (tests/parity.py): control
characters in every free-text field, and the issue's bad input (no finding, a deadline in the past)."""

from datetime import date

import pytest

from tests.parity import Door, check_parity
from zhifa.supervision.models import Escalation, Finding, Instrument, Reply, SupervisionItem

pytestmark = pytest.mark.django_db
COUNTED = (SupervisionItem, Finding, Instrument, Reply, Escalation)
BASE = "/supervision/actions"
OP = "zhifa_supervision_api_actions_"


def check_every_variant(client, user, door: Door) -> None:
    for _, name, value, message in door.variants():
        check_parity(client, user, door, name, value, message, counted=COUNTED)


def open_door(agency_id: int) -> Door:
    return Door(
        "立项监督",
        f"{OP}item_open",
        page=f"{BASE}/new/",
        api="/api/supervision/items",
        good={
            "kind": "special",
            "target_kind": "theme",
            "agencies": [agency_id],
            "title": "专项",
            "theme": "乱收费",
        },
        text_fields={"title": "事项名称", "theme": "专项主题", "reason": "监督事由"},
        bad=[("theme", "", "请填写专项主题"), ("kind", "", "请选择监督方式")],
        to_api=lambda d: {**{k: v for k, v in d.items() if k != "agencies"}, "agency_ids": d["agencies"]},
        api_field=lambda name: name,
    )


def finding_door(item_id: int) -> Door:
    return Door(
        "记录问题",
        f"{OP}finding_add",
        page=f"{BASE}/{item_id}/find/",
        api=f"/api/supervision/items/{item_id}/findings",
        good={"text": "问题"},
        text_fields={"text": "问题描述"},
        bad=[("text", " ", "请填写问题描述")],
    )


def issue_door(item_id: int, finding_id: int) -> Door:
    return Door(
        "制发监督文书",
        f"{OP}instrument_issue",
        page=f"{BASE}/{item_id}/issue/",
        api=f"/api/supervision/items/{item_id}/instruments",
        good={"grade": "notice", "requirements": "纠正", "findings": [finding_id]},
        text_fields={"requirements": "监督意见和整改要求"},
        bad=[
            ("findings", [], "制发监督文书须依据已记录的问题：请先记录发现的问题，并选择文书所依据的问题"),
            ("reply_due", "2026-03-05", "答复期限（2026-03-05）已过去，不能早于今天（2026-03-06）"),
            ("rectify_due", "2026-03-07", "整改期限（2026-03-07）是休息日，请选择工作日"),
        ],
        to_api=lambda d: {
            **{k: v for k, v in d.items() if k != "findings"},
            "finding_ids": d["findings"],
        },
    )


def reply_door(item_id: int) -> Door:
    return Door(
        "答复",
        f"{OP}reply_submit",
        page=f"{BASE}/{item_id}/reply/",
        api=f"/api/supervision/items/{item_id}/reply",
        good={"text": "已整改"},
        text_fields={"text": "答复和整改情况"},
        bad=[("text", "", "请填写答复和整改情况")],
    )


def return_door(item_id: int) -> Door:
    return Door(
        "退回",
        f"{OP}reply_return",
        page=f"{BASE}/{item_id}/return/",
        api=f"/api/supervision/items/{item_id}/return",
        good={"reason": "未整改到位"},
        text_fields={"reason": "退回理由"},
        bad=[("reason", "", "请填写退回理由")],
    )


def escalate_door(item_id: int) -> Door:
    return Door(
        "升级",
        f"{OP}escalate",
        page=f"{BASE}/{item_id}/escalate/",
        api=f"/api/supervision/items/{item_id}/escalate",
        good={"step": "deadline", "note": "限期整改"},
        text_fields={"note": "情况说明"},
        bad=[
            ("step", "report", "升级须逐级进行：当前可采取的措施为限期整改"),
            ("due_on", "2026-03-20", "整改期限（2026-03-20）已过去，不能早于今天（2026-03-23）"),
        ],
    )


def accept_door(item_id: int) -> Door:
    return Door(
        "验收",
        f"{OP}reply_accept",
        page=f"{BASE}/{item_id}/accept/",
        api=f"/api/supervision/items/{item_id}/accept",
        good={"note": "整改到位"},
        text_fields={"note": "验收意见"},
    )


def close_door(item_id: int) -> Door:
    return Door(
        "办结",
        f"{OP}item_close",
        page=f"{BASE}/{item_id}/close/",
        api=f"/api/supervision/items/{item_id}/close",
        good={"note": "未发现问题"},
        text_fields={"note": "办结说明"},
    )


# the table only, at import: tests/test_parity_table.py reads the Doors declared here
TABLE = [
    open_door(0),
    finding_door(0),
    issue_door(0, 0),
    reply_door(0),
    return_door(0),
    escalate_door(0),
    accept_door(0),
    close_door(0),
]


def test_opening_refuses_alike(client, supervisor, agencies):
    check_every_variant(client, supervisor, open_door(agencies["east_market"].pk))


def test_findings_refuse_alike(client, supervisor, item):
    check_every_variant(client, supervisor, finding_door(item.pk))


def test_issuing_refuses_alike(client, supervisor, item, finding):
    check_every_variant(client, supervisor, issue_door(item.pk, finding.pk))


def test_replying_refuses_alike(client, head, item, notice):
    check_every_variant(client, head, reply_door(item.pk))


def test_returning_refuses_alike(client, supervisor, replied):
    check_every_variant(client, supervisor, return_door(replied.pk))


def test_escalating_refuses_alike(client, supervisor, item, notice, today):
    today(date(2026, 3, 23))
    check_every_variant(client, supervisor, escalate_door(item.pk))


def test_accepting_refuses_alike(client, supervisor, replied):
    check_every_variant(client, supervisor, accept_door(replied.pk))


def test_closing_refuses_alike(client, supervisor, item):
    check_every_variant(client, supervisor, close_door(item.pk))
