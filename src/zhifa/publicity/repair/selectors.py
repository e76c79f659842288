"""信用修复 — reads, scoped by core.access."""

from django.db.models import Q, QuerySet

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .choices import RepairStatus
from .models import CreditRepair
from .transitions import VIEW

# Backed by the index repair_agency_applied (publicity 0004).
REPAIR_SORTS = Sorts(SortColumn("applied", "申请日期", ("applied_on",)))


def repairs_visible_to(user, *, status: str = "", q: str = "") -> QuerySet[CreditRepair]:
    """The requests of the agencies `user` sees, newest first; `q` in the applicant, the party or the
    decision's number."""
    rows = access.visible_to(user, CreditRepair.objects.select_related("agency", "disclosure"), VIEW)
    if status in RepairStatus.values:
        rows = rows.filter(status=status)
    if q := q.strip():
        rows = rows.filter(
            Q(applicant__icontains=q)
            | Q(disclosure__subject_name__icontains=q)
            | Q(disclosure__number__icontains=q)
        )
    return rows.order_by("-applied_on", "-id")


def repairs_of_disclosure(user, disclosure) -> QuerySet[CreditRepair]:
    return access.visible_to(user, CreditRepair.objects.filter(disclosure=disclosure), VIEW).order_by("-id")
