"""工作台 of 工作台账 and 督办, on both sides: an agency sees its own ledger entries due soon or overdue and the
督办 it has to handle; the supervisor sees what is overdue in their region (ledger entries and 督办)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from ..models import LedgerEntry, Oversight
from .choices import EntryStatus, OversightStatus, PlanStatus
from .machine import MANAGE_OVERSIGHT, MANAGE_PLAN, REPORT_LEDGER, REPORT_OVERSIGHT

LIMIT = 50
SOON_DAYS = 14  # an entry shows on its agency's 工作台 from two weeks before its deadline


def _entry(entry: LedgerEntry, today, *, whose: bool) -> PendingItem:
    what = f"{entry.task.title}（{entry.agency.name}）" if whose else entry.task.title
    return PendingItem(
        "工作台账",
        f"{what}：{'逾期未报送' if entry.due < today else '待报送'}",
        reverse("supervision:ledger_detail", args=[entry.pk]),
        due=entry.due,
        overdue=entry.due < today,
    )


def _oversight(oversight: Oversight, today, what: str) -> PendingItem:
    overdue = oversight.due < today
    return PendingItem(
        "督办",
        f"{oversight.title}（{oversight.agency.name}）：{'已超过办理期限' if overdue else what}",
        reverse("supervision:oversight_detail", args=[oversight.pk]),
        due=oversight.due,
        overdue=overdue,
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.agency_id:
        return []
    today = timezone.localdate()
    entries = LedgerEntry.objects.filter(
        task__plan__status=PlanStatus.PUBLISHED, status=EntryStatus.PENDING
    ).select_related("task", "agency")
    items: list[PendingItem] = []
    if user.has_perm(REPORT_LEDGER):
        own = entries.filter(agency_id=user.agency_id, due__lte=today + timedelta(days=SOON_DAYS))
        items += [_entry(e, today, whose=False) for e in own.order_by("due")[:LIMIT]]
    if user.has_perm(MANAGE_PLAN):
        late = access.visible_to(user, entries.filter(due__lt=today).exclude(agency_id=user.agency_id))
        items += [_entry(e, today, whose=True) for e in late.order_by("due")[:LIMIT]]
    open_ = Oversight.objects.exclude(status=OversightStatus.CLOSED).select_related("agency")
    if user.has_perm(REPORT_OVERSIGHT):
        items += [
            _oversight(o, today, "待办理并报告进展")
            for o in open_.filter(agency_id=user.agency_id).order_by("due")[:LIMIT]
        ]
    if user.has_perm(MANAGE_OVERSIGHT):
        late_oversights = access.visible_to(user, open_.filter(due__lt=today), MANAGE_OVERSIGHT)
        items += [_oversight(o, today, "") for o in late_oversights.order_by("due")[:LIMIT]]
    return items
