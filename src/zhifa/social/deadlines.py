"""The answer due date of a feedback, registered with core.deadlines so a change of the statutory calendar
moves it."""

from django.db.models import Q
from django.urls import reverse

from zhifa.core.deadlines import StoredDeadline

from . import clocks
from .choices import FeedbackStatus
from .models import Feedback

ANSWER_DUE = StoredDeadline(
    label="社会监督反馈答复期限",
    model=Feedback,
    field="answer_due",
    open=Q(status__in=(FeedbackStatus.RECEIVED, FeedbackStatus.ACKNOWLEDGED)),
    compute=lambda feedback: clocks.answer_due(feedback.received_on, feedback.agency.region),
    url=lambda feedback: reverse("social:feedback_detail", args=[feedback.pk]),
    select_related=("agency__region",),
)
