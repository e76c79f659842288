"""The 协助's stored answer date, registered with core.deadlines (kept with its start and working days, so a
calendar change moves it; an extended date was set by a person and is never moved)."""

from django.db.models import Q
from django.urls import reverse

from zhifa.collaboration.models import AssistanceRequest
from zhifa.core.deadlines import StoredDeadline

from . import clocks
from .choices import AssistanceStatus

DEADLINES = (
    StoredDeadline(
        "协助答复期限",
        AssistanceRequest,
        "due_on",
        Q(status=AssistanceStatus.RECEIVED, due_workdays__isnull=False),
        lambda r: clocks.reply_due(r.due_from, r.due_workdays) if r.due_workdays and r.due_from else None,
        lambda r: reverse("collaboration:assistance_detail", args=[r.pk]),
        select_related=("requester",),
    ),
)
