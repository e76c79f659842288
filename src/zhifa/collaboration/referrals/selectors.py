"""Reads of referrals, scoped by core.access: the agency's people and its region's supervisors (the other side
is an organ outside the platform); anyone else sees nothing (404)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.collaboration.models import Referral
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .transitions import VIEW

# The list's sortable columns on the core list kit (indexes: collaboration 0005 and the agency's
# (agency, status, reported_at)); the default stays the latest first. The former `agency` (another table's
# name, no index) is no longer a column: it falls back to the default.
REFERRAL_SORTS = Sorts(
    SortColumn("kind", "类别", ("kind", "reported_at")),
    SortColumn("reported", "报批（接收）时间", ("reported_at",)),
    SortColumn("status", "状态", ("status", "reported_at")),
    default=("-reported_at", "-id"),
)


@dataclass(frozen=True)
class ReferralFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    sort: str = ""


def referrals_visible_to(user, filters: ReferralFilters = ReferralFilters()) -> QuerySet[Referral]:
    rows = access.visible_to(user, Referral.objects.all(), VIEW).select_related("agency", "case")
    if filters.q:
        rows = rows.filter(
            Q(organ__icontains=filters.q) | Q(party__icontains=filters.q) | Q(facts__icontains=filters.q)
            | Q(case__number__icontains=filters.q)
        )  # fmt: skip
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return REFERRAL_SORTS.parse(filters.sort).apply(rows)


def get_referral(user, pk) -> Referral:
    try:
        return referrals_visible_to(user).select_related("approved_by", "created_by").get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该移送，或您无权查看") from exc


def referrals_of_case(user, case) -> list[Referral]:
    return list(referrals_visible_to(user).filter(case=case))
