"""Reads of 协助 requests, scoped by core.access: the requester's people and its region's supervisors, the
helper's people (a view grant); anyone else sees nothing (404)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zhifa.collaboration.models import AssistanceRequest
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from . import clocks
from .choices import AssistanceStatus
from .transitions import VIEW

# The list's sortable columns on the core list kit (indexes: collaboration 0005, by the requester and the
# helper; the status by their (…, status, due_on) indexes); the default stays the latest letter first. The
# former `requester` / `helper` (another table's name, no index) are no longer columns: they fall back to it.
ASSISTANCE_SORTS = Sorts(
    SortColumn("sent", "发函时间", ("sent_at",)),
    SortColumn("status", "状态", ("status", "due_on")),
    SortColumn("due", "答复期限", ("due_on",)),
    default=("-sent_at", "-id"),
)
OPEN = (AssistanceStatus.SENT, AssistanceStatus.RECEIVED)


@dataclass(frozen=True)
class RequestFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    direction: str = ""  # "out" (my agency asked) | "in" (my agency helps)
    overdue: bool = False
    sort: str = ""


def overdue_q() -> Q:
    return Q(status__in=OPEN) & (
        Q(due_on__lt=clocks.today()) | Q(due_on__isnull=True, due_at__lt=timezone.now())
    )


def requests_visible_to(user, filters: RequestFilters = RequestFilters()) -> QuerySet[AssistanceRequest]:
    rows = access.visible_to(user, AssistanceRequest.objects.all(), VIEW).select_related(
        "requester", "helper"
    )
    if filters.q:
        rows = rows.filter(
            Q(subject__icontains=filters.q) | Q(number__icontains=filters.q)
            | Q(requester__name__icontains=filters.q) | Q(helper__name__icontains=filters.q)
        )  # fmt: skip
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.direction == "out":
        rows = rows.filter(requester_id=user.agency_id)
    elif filters.direction == "in":
        rows = rows.filter(helper_id=user.agency_id)
    if filters.overdue:
        rows = rows.filter(overdue_q())
    return ASSISTANCE_SORTS.parse(filters.sort).apply(rows)


def get_request(user, pk) -> AssistanceRequest:
    try:
        return requests_visible_to(user).select_related("case", "created_by").get(pk=pk)
    except (AssistanceRequest.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该协助请求，或您无权查看") from exc
