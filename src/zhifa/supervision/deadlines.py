"""The working-day due dates supervision stores on its rows, registered with core.deadlines so that a change
of the holiday schedule (core.holidays) moves every open one, recorded per row.

A computed date keeps its start and its number of working days on the row (`due_from` / `due_workdays`,
an instrument's `issued_on` / `reply_workdays` / `rectify_workdays`, a 督办's `opened_on` / `due_workdays`),
so it is computed again with the period it was given, even if the region's setting has changed since. A
date a person typed keeps no working days and is never moved. Plan tasks seeded from the seeds' milestones
are computed again from the milestone's day (moved to the next working day when it is a rest day)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from zhifa.core import workdays
from zhifa.core.deadlines import StoredDeadline

from .accountability.choices import ProceedingStatus
from .actions.choices import ItemStatus
from .models import (
    AccountabilityCase,
    Escalation,
    Instrument,
    LedgerEntry,
    Oversight,
    PlanTask,
    RectificationTask,
    SupervisionItem,
)
from .plans import clocks as plan_clocks
from .plans.choices import EntryStatus, OversightStatus
from .plans.milestones import MILESTONES
from .problems.choices import TaskStatus

MILESTONE_DAYS = {m.key: (m.month, m.day) for m in MILESTONES}


def after(start: date | None, days: int | None) -> date | None:
    """`days` working days after `start`; None (not moved) when the date was typed."""
    return workdays.add_workdays(start, days) if start is not None and days else None


def computed(start: str, days: str) -> Callable[[Any], date | None]:
    """Compute a row's date again from its fields `start` and `days`."""
    return lambda row: after(getattr(row, start), getattr(row, days))


def link(name: str, pk: str = "pk") -> Callable[[Any], str]:
    return lambda row: reverse(f"supervision:{name}", args=[getattr(row, pk)])


def milestone_due(task: Any) -> date | None:
    month_day = MILESTONE_DAYS.get(task.milestone)
    return plan_clocks.on_clock(date(task.plan.year, *month_day)) if month_day else None


def entry_due(entry: Any) -> date | None:
    return milestone_due(entry.task)


_item_url = link("action_detail", "item_id")
ITEM_DUE = StoredDeadline(
    label="整改期限",
    model=SupervisionItem,
    field="due_on",
    open=Q(due_workdays__isnull=False) & ~Q(status=ItemStatus.CLOSED),
    compute=computed("due_from", "due_workdays"),
    url=link("action_detail"),
)
INSTRUMENT_REPLY_DUE = StoredDeadline(
    label="答复期限",
    model=Instrument,
    field="reply_due",
    open=Q(reply_workdays__isnull=False) & ~Q(item__status=ItemStatus.CLOSED),
    compute=computed("issued_on", "reply_workdays"),
    url=_item_url,
    select_related=("item__agency",),
    notify=False,  # the item's own deadline, which moves with it, is the one its owner sees
)
INSTRUMENT_RECTIFY_DUE = StoredDeadline(
    label="整改期限",
    model=Instrument,
    field="rectify_due",
    open=Q(rectify_workdays__isnull=False) & ~Q(item__status=ItemStatus.CLOSED),
    compute=computed("issued_on", "rectify_workdays"),
    url=_item_url,
    select_related=("item__agency",),
    notify=False,
)
ESCALATION_DUE = StoredDeadline(
    label="限期整改期限",
    model=Escalation,
    field="due_on",
    open=Q(due_workdays__isnull=False) & ~Q(item__status=ItemStatus.CLOSED),
    compute=computed("due_from", "due_workdays"),
    url=_item_url,
    select_related=("item__agency",),
    notify=False,
)
OVERSIGHT_DUE = StoredDeadline(
    label="督办期限",
    model=Oversight,
    field="due",
    open=Q(due_workdays__isnull=False) & ~Q(status=OversightStatus.CLOSED),
    compute=computed("opened_on", "due_workdays"),
    url=link("oversight_detail"),
)
TASK_DUE = StoredDeadline(
    label="整改期限",
    model=RectificationTask,
    field="due_on",
    open=Q(due_workdays__isnull=False) & ~Q(status=TaskStatus.CLOSED),
    compute=computed("due_from", "due_workdays"),
    url=link("rectification_detail"),
)
ACCOUNTABILITY_DUE = StoredDeadline(
    label="办理期限",
    model=AccountabilityCase,
    field="due_on",
    open=Q(due_workdays__isnull=False) & ~Q(status=ProceedingStatus.DECIDED),
    compute=computed("due_from", "due_workdays"),
    url=link("accountability_detail"),
)
PLAN_TASK_DUE = StoredDeadline(
    label="完成期限",
    model=PlanTask,
    field="due",
    open=~Q(milestone=""),
    compute=milestone_due,
    url=link("plan_detail", "plan_id"),
    select_related=("plan__agency",),
    notify=False,  # the ledger entries, which move with it, are what each agency sees
)
LEDGER_DUE = StoredDeadline(
    label="报送期限",
    model=LedgerEntry,
    field="due",
    open=Q(status=EntryStatus.PENDING) & ~Q(task__milestone=""),
    compute=entry_due,
    url=link("ledger_detail"),
    select_related=("task__plan",),
)

ALL = (
    ITEM_DUE,
    INSTRUMENT_REPLY_DUE,
    INSTRUMENT_RECTIFY_DUE,
    ESCALATION_DUE,
    OVERSIGHT_DUE,
    TASK_DUE,
    ACCOUNTABILITY_DUE,
    PLAN_TASK_DUE,
    LEDGER_DUE,
)
