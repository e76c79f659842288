"""Page and API refuse the same ill-formed input of the 监督事项 writes alike (tests/parity.py): control
characters in every free-text field, and the issue's bad input (no finding, a deadline in the past)."""

import pytest

from tests.parity import Door, check_parity
from zhifa.supervision.models import Escalation, Finding, Instrument, Reply, SupervisionItem

pytestmark = pytest.mark.django_db
COUNTED = (SupervisionItem, Finding, Instrument, Reply, Escalation)
BASE = "/supervision/actions"


def check_every_variant(client, user, door: Door) -> None:
    for _, name, value, message in door.variants():
        check_parity(client, user, door, name, value, message, counted=COUNTED)


def open_door(agency_id: int) -> Door:
    return Door(
        "立项监督",
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


def test_opening_refuses_alike(client, supervisor, agencies):
    door = open_door(agencies["east_market"].pk)
    check_every_variant(client, supervisor, door)


def test_findings_refuse_alike(client, supervisor, item):
    door = Door(
        "记录问题",
        page=f"{BASE}/{item.pk}/find/",
        api=f"/api/supervision/items/{item.pk}/findings",
        good={"text": "问题"},
        text_fields={"text": "问题描述"},
        bad=[("text", " ", "请填写问题描述")],
    )
    check_every_variant(client, supervisor, door)


def test_issuing_refuses_alike(client, supervisor, item, finding):
    door = Door(
        "制发监督文书",
        page=f"{BASE}/{item.pk}/issue/",
        api=f"/api/supervision/items/{item.pk}/instruments",
        good={"grade": "notice", "requirements": "纠正", "findings": [finding.pk]},
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
    check_every_variant(client, supervisor, door)


def test_replying_refuses_alike(client, head, item, notice):
    door = Door(
        "答复",
        page=f"{BASE}/{item.pk}/reply/",
        api=f"/api/supervision/items/{item.pk}/reply",
        good={"text": "已整改"},
        text_fields={"text": "答复和整改情况"},
        bad=[("text", "", "请填写答复和整改情况")],
    )
    check_every_variant(client, head, door)


def test_returning_refuses_alike(client, supervisor, replied):
    door = Door(
        "退回",
        page=f"{BASE}/{replied.pk}/return/",
        api=f"/api/supervision/items/{replied.pk}/return",
        good={"reason": "未整改到位"},
        text_fields={"reason": "退回理由"},
        bad=[("reason", "", "请填写退回理由")],
    )
    check_every_variant(client, supervisor, door)


def test_escalating_refuses_alike(client, supervisor, item, notice, today):
    from datetime import date

    today(date(2026, 3, 23))
    door = Door(
        "升级",
        page=f"{BASE}/{item.pk}/escalate/",
        api=f"/api/supervision/items/{item.pk}/escalate",
        good={"step": "deadline", "note": "限期整改"},
        text_fields={"note": "情况说明"},
        bad=[
            ("step", "report", "升级须逐级进行：当前可采取的措施为限期整改"),
            ("due_on", "2026-03-20", "整改期限（2026-03-20）已过去，不能早于今天（2026-03-23）"),
        ],
    )
    check_every_variant(client, supervisor, door)
