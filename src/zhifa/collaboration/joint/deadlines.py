"""The stored deadline of a meeting's decision (working days after the meeting), registered with
core.deadlines so that a change of the holiday schedule moves every open one, recorded per row."""

from django.db.models import Q
from django.urls import reverse

from zhifa.collaboration.meetings.choices import DecisionStatus
from zhifa.collaboration.models import MeetingDecision
from zhifa.core import workdays
from zhifa.core.deadlines import StoredDeadline

DEADLINES = (
    StoredDeadline(
        label="议定事项完成期限",
        model=MeetingDecision,
        field="due_on",
        open=Q(status=DecisionStatus.OPEN),
        compute=lambda row: workdays.add_workdays(row.due_from, row.due_workdays),
        url=lambda row: reverse("collaboration:meeting_detail", args=[row.meeting_id]),
    ),
)
