"""Reads of meetings and their decisions, scoped by core.access: the office, the attending departments and
the supervisors of the region see a meeting; a decision is also its owner's."""

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.collaboration.models import Meeting, MeetingDecision
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .choices import MeetingKind
from .services import VIEW

# The list's sortable columns on the core list kit (indexes: collaboration 0005, by the convening office);
# the default stays the latest meeting first. The former values still parse.
MEETING_SORTS = Sorts(
    SortColumn("title", "会议名称", ("title",)),
    SortColumn("held", "日期", ("held_on",)),
    default=("-held_on", "-id"),
)


def meetings_visible_to(user, *, q: str = "", kind: str = "", sort: str = "") -> QuerySet[Meeting]:
    meetings = access.visible_to(user, Meeting.objects.all(), VIEW).select_related("office")
    if q := q.strip():
        meetings = meetings.filter(Q(title__icontains=q) | Q(agenda__icontains=q))
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    return MEETING_SORTS.parse(sort).apply(meetings)


def get_meeting(user, pk) -> Meeting:
    try:
        return meetings_visible_to(user).select_related("region", "created_by").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该会议，或您无权查看") from exc


def get_decision(user, pk) -> MeetingDecision:
    return access.get_visible_or_404(
        user,
        MeetingDecision.objects.select_related("owner", "meeting"),
        "collaboration.view_meetingdecision",
        pk=pk,
    )
