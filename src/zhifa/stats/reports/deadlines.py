"""The 报送期限 of each submission, registered with core.deadlines: the detection app's overdue model and the
工作台 read it; a calendar change moves a deadline counted in working days (季度、三年行动, and a returned one),
never a date the seeds fix (1月31日, 5月31日, 11月30日)."""

from django.db.models import Q
from django.urls import reverse

from zhifa.core import workdays
from zhifa.core.deadlines import StoredDeadline
from zhifa.stats.models import Submission

from .choices import OPEN


def _compute(submission):
    """Again from its start, with its working days (None: a date the seeds fix, never moved)."""
    if submission.due_workdays and submission.due_from:
        return workdays.add_workdays(submission.due_from, submission.due_workdays)
    return None


def _url(submission) -> str:
    return reverse("stats:submission_detail", args=[submission.pk])


DEADLINES = (
    StoredDeadline(
        "报送期限",
        Submission,
        "due_on",
        Q(status__in=OPEN),
        _compute,
        _url,
        select_related=("agency",),
    ),
)
