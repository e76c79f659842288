"""Reads of referrals, scoped by core.access: the agency's people and its region's supervisors (the other side
is an organ outside the platform); anyone else sees nothing (404)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.collaboration.models import Referral
from zhifa.core import access

from .transitions import VIEW

SORTS = {
    "-reported": ("-reported_at", "-id"),
    "reported": ("reported_at", "id"),
    "agency": ("agency__name", "-id"),
}
SORT_LABELS = {
    "-reported": "报批（接收）时间（新→旧）",
    "reported": "报批（接收）时间（旧→新）",
    "agency": "行政执法机关",
}


@dataclass(frozen=True)
class ReferralFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    sort: str = "-reported"


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
    return rows.order_by(*SORTS.get(filters.sort, SORTS["-reported"]))


def get_referral(user, pk) -> Referral:
    try:
        return referrals_visible_to(user).select_related("approved_by", "created_by").get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该移送，或您无权查看") from exc


def referrals_of_case(user, case) -> list[Referral]:
    return list(referrals_visible_to(user).filter(case=case))
