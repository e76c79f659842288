"""工作台: the owner department sees its meeting decisions still open (overdue first) and those done in the
last 30 days."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from zhifa.collaboration.models import MeetingDecision
from zhifa.core.workbench import PendingItem

from .choices import DecisionStatus

LIMIT = 30
CATEGORY = "会议议定事项"


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    if not user.has_perm("collaboration.view_meetingdecision"):
        return []
    today = timezone.localdate()
    own = MeetingDecision.objects.filter(owner_id=user.agency_id).select_related("meeting")
    found = [
        PendingItem(
            CATEGORY,
            f"{d.meeting.title}：{d.content[:40]}（{'已逾期' if today > d.due_on else '落实中'}）",
            reverse("collaboration:meeting_detail", args=[d.meeting_id]),
            due=d.due_on,
            overdue=today > d.due_on,
        )
        for d in own.filter(status=DecisionStatus.OPEN).order_by("due_on")[:LIMIT]
    ]
    since = timezone.now() - timedelta(days=30)
    found += [
        PendingItem(
            CATEGORY,
            f"{d.meeting.title}：{d.content[:40]}（已落实{'，逾期完成' if d.done_at.date() > d.due_on else ''}）",
            reverse("collaboration:meeting_detail", args=[d.meeting_id]),
            due=d.due_on,
        )
        for d in own.filter(status=DecisionStatus.DONE, done_at__gte=since).order_by("-done_at")[:LIMIT]
    ]
    return found
