"""Page and API refuse the same ill-formed input of 监督计划、工作台账与督办 alike, writing nothing
(tests/parity.py): control characters in every free-text field, and the rules of the issue's "bad input" —
a deadline in the past, an extension without a reason, an empty report."""

from types import SimpleNamespace

import pytest

from tests.parity import Door, check_parity
from tests.supervision.plans.helpers import Wrote
from zhifa.supervision.models import LedgerEntry

pytestmark = pytest.mark.django_db

PAST = "2026-03-01"


def past(label: str) -> str:
    return f"{label}2026年3月1日已过，不能早于今天（2026年3月2日）"


def doors(plan, entry, oversight, market, justice) -> list[Door]:
    return [
        Door(
            "制定监督计划",
            "zhifa_supervision_api_plans_plan_create",
            page="/supervision/plans/new/",
            api="/api/supervision/plans",
            good={"agency": justice, "year": "2026", "title": "年度监督计划"},
            to_api=lambda data: {"agency_id": data["agency"], "year": data["year"], "title": data["title"]},
            api_field=lambda name: "agency_id" if name == "agency" else name,
            text_fields={"title": "计划名称"},
        ),
        Door(
            "添加任务",
            "zhifa_supervision_api_plans_plan_task_add",
            page=f"/supervision/plans/{plan.pk}/tasks/",
            api=f"/api/supervision/plans/{plan.pk}/tasks",
            good={
                "title": "执法检查",
                "kind": "key",
                "owner": "监督科",
                "due": "2026-04-01",
                "source": "方案",
            },
            to_api=lambda data: {**data, "targets": []},
            text_fields={"title": "任务", "owner": "责任人/责任科室", "source": "依据"},
            bad=[
                ("due", PAST, past("完成期限")),
                ("title", "", "请填写任务内容"),
                ("kind", "", "请选择监督类别（日常监督、重点监督或专项监督）"),
            ],
        ),
        Door(
            "报送工作台账",
            "zhifa_supervision_api_plans_ledger_report",
            page=f"/supervision/plans/ledger/{entry.pk}/report/",
            api=f"/api/supervision/ledger/{entry.pk}/reports",
            good={"text": "已完成"},
            text_fields={"text": "报送内容"},
            bad=[("text", " ", "请填写报送内容")],
        ),
        Door(
            "发起督办",
            "zhifa_supervision_api_plans_oversight_open",
            page="/supervision/plans/oversight/new/",
            api="/api/supervision/oversights",
            good={
                "agency": market,
                "title": "反复投诉",
                "ground": "repeated",
                "description": "依法处理",
                "due": "",
            },
            to_api=lambda data: {
                "agency_id": data["agency"],
                **{k: v for k, v in data.items() if k not in ("agency", "due")},
                **({"due": data["due"]} if data["due"] else {}),
            },
            api_field=lambda name: "agency_id" if name == "agency" else name,
            text_fields={"title": "督办事项", "description": "督办要求"},
            bad=[
                ("due", PAST, past("办理期限")),
                ("ground", "", "请选择督办情形（有重大社会影响、反复发生或造成严重后果）"),
            ],
        ),
        Door(
            "督办延期",
            "zhifa_supervision_api_plans_oversight_extend",
            page=f"/supervision/plans/oversight/{oversight.pk}/extend/",
            api=f"/api/supervision/oversights/{oversight.pk}/extend",
            good={"new_due": "2026-04-30", "reason": "需委托检测"},
            text_fields={"reason": "延期理由"},
            bad=[("reason", "", "延期须说明理由"), ("new_due", PAST, past("延长后的期限"))],
        ),
        Door(
            "报告督办进展",
            "zhifa_supervision_api_plans_oversight_report",
            page=f"/supervision/plans/oversight/{oversight.pk}/report/",
            api=f"/api/supervision/oversights/{oversight.pk}/report",
            good={"text": "已立案调查"},
            text_fields={"text": "进展情况"},
        ),
        Door(
            "督办提级",
            "zhifa_supervision_api_plans_oversight_escalate",
            page=f"/supervision/plans/oversight/{oversight.pk}/escalate/",
            api=f"/api/supervision/oversights/{oversight.pk}/escalate",
            good={"reason": "逾期未办结"},
            text_fields={"reason": "提级理由"},
        ),
        Door(
            "督办办结",
            "zhifa_supervision_api_plans_oversight_close",
            page=f"/supervision/plans/oversight/{oversight.pk}/close/",
            api=f"/api/supervision/oversights/{oversight.pk}/close",
            good={"conclusion": "已依法处理"},
            text_fields={"conclusion": "办结意见"},
        ),
    ]


def cases():
    sample = doors(*(SimpleNamespace(pk=0),) * 3, 0, 0)  # the table only, at collection
    return [
        pytest.param(i, name, value, message, id=f"{d.name}:{vid}")
        for i, d in enumerate(sample)
        for vid, name, value, message in d.variants()
    ]


@pytest.mark.parametrize(("index", "field_name", "value", "message"), cases())
def test_page_and_api_refuse_alike(client, sv, published, oversight, index, field_name, value, message):
    market = sv["agencies"]["east_market"]
    entry = LedgerEntry.objects.get(task__plan=published, agency=market, task__milestone="special_may")
    door = doors(published, entry, oversight, market.pk, sv["agencies"]["east_justice"].pk)[index]
    user = sv["east_head"] if door.name in ("报送工作台账", "报告督办进展") else sv["east_sup"]
    check_parity(client, user, door, field_name, value, message, counted=Wrote.counted)
