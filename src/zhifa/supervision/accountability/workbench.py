"""工作台 of 责任追究: the supervisor sees the open proceedings past their deadline (clocks, a setting) and
the 暂扣 whose period has run (to restore the certificate)."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem
from zhifa.supervision.models import AccountabilityCase

from . import clocks
from .choices import Outcome, ProceedingStatus
from .transitions import PURSUE

LIMIT = 50
CATEGORY = "责任追究"


def _item(p: AccountabilityCase, what: str, **extra) -> PendingItem:
    return PendingItem(
        CATEGORY,
        f"{p.agency.name} {p.officer.name}（{what}）",
        reverse("supervision:accountability_detail", args=[p.pk]),
        **extra,
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None or not user.has_perm(PURSUE):
        return []
    today = clocks.today()
    mine = access.visible_to(user, AccountabilityCase.objects.select_related("agency", "officer"), PURSUE)
    overdue = mine.exclude(status=ProceedingStatus.DECIDED).filter(due_on__lt=today).order_by("due_on")
    restore = mine.filter(
        outcome=Outcome.SUSPEND, restored_on__isnull=True, suspended_until__lte=today
    ).order_by("suspended_until")
    return [
        *(_item(p, "逾期未作出决定", due=p.due_on, overdue=True) for p in overdue[:LIMIT]),
        *(_item(p, "暂扣期满，待恢复执法证", due=p.suspended_until) for p in restore[:LIMIT]),
    ]
