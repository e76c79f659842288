"""行政执法监督: 监督事项整改按期率 and 整改任务按期率 (突出问题)."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse

from zhifa.supervision.actions.choices import ItemStatus
from zhifa.supervision.models import RectificationTask, SupervisionItem
from zhifa.supervision.problems.choices import TaskStatus

from ..ontime import OnTimeRate
from ._build import Deadline, local_day, rate


def _closed(status: str) -> Q:
    return Q(status=status, closed_at__isnull=False)


ITEMS = Deadline(
    model=SupervisionItem,
    agency="agency_id",
    due="due_on",
    done=_closed(ItemStatus.CLOSED),
    on_time=_closed(ItemStatus.CLOSED) & Q(closed_at__date__lte=F("due_on")),
    select_related=("agency",),
    order_by=("due_on", "pk"),
)

TASKS = Deadline(
    model=RectificationTask,
    agency="agency_id",
    due="due_on",
    done=_closed(TaskStatus.CLOSED),
    on_time=_closed(TaskStatus.CLOSED) & Q(closed_at__date__lte=F("due_on")),
    select_related=("agency", "problem"),
    order_by=("due_on", "pk"),
)


def items() -> OnTimeRate:
    return rate(
        "supervision.item",
        "监督事项整改按期率",
        ITEMS,
        url=lambda i: reverse("supervision:action_detail", args=[i.pk]),  # type: ignore[attr-defined]
        definition=(
            "整改期限（最近一份监督文书或限期整改确定的期限，按区划设置的工作日数）在统计期间内的监督事项，"
            "在期限当日或之前办结的比例（按办结日，与评议考核“监督事项按期整改率”一致）。期限未到且未办结的不计。"
        ),
        view_perm="supervision.view_supervisionitem",
        row_due=lambda i: i.due_on,  # type: ignore[attr-defined]
        row_done=lambda i: local_day(i.closed_at) if i.status == ItemStatus.CLOSED else None,  # type: ignore[attr-defined]
    )


def tasks() -> OnTimeRate:
    return rate(
        "supervision.task",
        "整改任务按期率",
        TASKS,
        url=lambda t: reverse("supervision:rectification_detail", args=[t.pk]),  # type: ignore[attr-defined]
        definition=(
            "整改期限（下达之日起的工作日数，默认20个工作日，或下达时填写的日期）在统计期间内的突出问题整改任务，"
            "在期限当日或之前经回头看销号的比例（与评议考核“突出问题按期整改率”一致）。期限未到且未销号的不计。"
        ),
        view_perm="supervision.view_rectificationtask",
        row_due=lambda t: t.due_on,  # type: ignore[attr-defined]
        row_done=lambda t: local_day(t.closed_at) if t.status == TaskStatus.CLOSED else None,  # type: ignore[attr-defined]
    )
