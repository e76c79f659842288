"""The working-day due date of a 法制审核 round, registered with core.deadlines so that a change of the
statutory calendar moves it. The review shows its open round's due date, so both move together."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.deadlines import StoredDeadline

from .choices import ReviewStatus
from .clocks import review_workdays
from .models import Review, ReviewRound


def _round_due(round_: ReviewRound):
    return workdays.add_workdays(timezone.localdate(round_.submitted_at), review_workdays())


def _review_due(review: Review):
    open_round = review.rounds.filter(reviewed_at__isnull=True).order_by("-number").first()
    return _round_due(open_round) if open_round else None


ROUND_DUE = StoredDeadline(
    label="审核期限",
    model=ReviewRound,
    field="due_on",
    open=Q(reviewed_at__isnull=True),
    compute=_round_due,
    url=lambda round_: reverse("review:review_detail", args=[round_.review_id]),
    notify=False,  # the review's own due date, which moves with it, is the one its owner sees
)
REVIEW_DUE = StoredDeadline(
    label="审核期限",
    model=Review,
    field="due_on",
    open=Q(status=ReviewStatus.SUBMITTED),
    compute=_review_due,
    url=lambda review: reverse("review:review_detail", args=[review.pk]),
)
