"""Reads of 表彰奖励, scoped by core.access: an agency reads its own and its officers' awards, the justice
bureau's supervisors those of their region's subtree; anything else is a 404."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .choices import AwardeeKind, AwardKind, AwardLevel
from .models import Award
from .services import VIEW_AWARD

AWARD_SORTS = Sorts(
    SortColumn("granted_on", "授予日期", ("granted_on",)),
    SortColumn("agency", "所属机关", ("agency__name",)),
    SortColumn("kind", "表彰种类", ("kind",)),
)
OFFICER_FILE_LIMIT = 10


def awards_visible_to(
    user,
    *,
    q: str = "",
    awardee_kind: str = "",
    kind: str = "",
    level: str = "",
    year: int | None = None,
    agency_id: int | None = None,
) -> QuerySet[Award]:
    rows = access.visible_to(user, Award.objects.select_related("agency", "officer"), VIEW_AWARD)
    if q := q.strip():
        rows = rows.filter(
            Q(officer__name__icontains=q) | Q(agency__name__icontains=q) | Q(granted_by__icontains=q)
            | Q(document_number__icontains=q) | Q(reason__icontains=q)
        )  # fmt: skip
    if awardee_kind in AwardeeKind.values:
        rows = rows.filter(awardee_kind=awardee_kind)
    if kind in AwardKind.values:
        rows = rows.filter(kind=kind)
    if level in AwardLevel.values:
        rows = rows.filter(level=level)
    if year:
        rows = rows.filter(granted_on__gte=date(year, 1, 1), granted_on__lt=date(year + 1, 1, 1))
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    return rows.order_by("-granted_on", "-id")


def get_award(user, pk: int) -> Award:
    return access.get_visible_or_404(user, awards_visible_to(user), VIEW_AWARD, pk=pk)


def awards_of_officer(officer, user) -> dict:
    """执法档案's 表彰奖励 card: the officer's awards the user may see, latest first."""
    mine = awards_visible_to(user).filter(officer=officer)
    return {
        "officer_awards": list(mine[:OFFICER_FILE_LIMIT]),
        "officer_award_count": mine.count(),
        "officer_award_limit": OFFICER_FILE_LIMIT,
    }
