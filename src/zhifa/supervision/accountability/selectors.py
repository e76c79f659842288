"""Reads of 责任追究案件, scoped by core.access: the justice bureau's supervisors see the proceedings of
every agency in their region's subtree, an agency those of its own officers; any other is a 404."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.supervision.models import AccountabilityCase

from . import clocks
from .choices import ProceedingStatus
from .transitions import VIEW

# ?sort= of the list: the allowed orders (a key not listed falls back to the first)
SORTS = {
    "-opened": ("-opened_at", "-id"),
    "opened": ("opened_at", "id"),
    "due": ("due_on", "-id"),
    "officer": ("officer__name", "-id"),
    "agency": ("agency__name", "-id"),
}
SORT_LABELS = {"-opened": "立案时间（新→旧）", "opened": "立案时间（旧→新）", "due": "办理期限（近→远）",
               "officer": "责任人员", "agency": "所在机关"}  # fmt: skip
OFFICER_FILE_LIMIT = 20


@dataclass(frozen=True)
class ProceedingFilters:
    q: str = ""
    status: str = ""
    outcome: str = ""
    source_kind: str = ""
    overdue: bool = False
    sort: str = "-opened"


def proceedings_visible_to(
    user, filters: ProceedingFilters = ProceedingFilters()
) -> QuerySet[AccountabilityCase]:
    proceedings = access.visible_to(user, AccountabilityCase.objects.all(), VIEW).select_related(
        "agency", "bureau", "officer"
    )
    if filters.q:
        proceedings = proceedings.filter(
            Q(officer__name__icontains=filters.q)
            | Q(agency__name__icontains=filters.q)
            | Q(facts__icontains=filters.q)
            | Q(source_reference__icontains=filters.q)
        )
    if filters.status:
        proceedings = proceedings.filter(status=filters.status)
    if filters.outcome:
        proceedings = proceedings.filter(outcome=filters.outcome)
    if filters.source_kind:
        proceedings = proceedings.filter(source_kind=filters.source_kind)
    if filters.overdue:
        proceedings = proceedings.exclude(status=ProceedingStatus.DECIDED).filter(due_on__lt=clocks.today())
    return proceedings.order_by(*SORTS.get(filters.sort, SORTS["-opened"]))


def get_proceeding(user, pk) -> AccountabilityCase:
    try:
        return (
            proceedings_visible_to(user)
            .select_related("agency__region", "opened_by", "decided_by", "finding__item", "challenge__case")
            .get(pk=pk)
        )
    except (AccountabilityCase.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该责任追究案件，或您无权查看") from exc


def proceedings_of_officer(officer, user) -> dict:
    """执法档案's 责任追究 card: the officer's proceedings the user may see, latest first."""
    mine = proceedings_visible_to(user).filter(officer=officer)
    return {
        "accountability_cases": list(mine[:OFFICER_FILE_LIMIT]),
        "accountability_count": mine.count(),
        "accountability_limit": OFFICER_FILE_LIMIT,
    }
