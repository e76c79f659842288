"""The working-day due dates a case stores, registered with core.deadlines so that a change of the
statutory calendar moves them. (The 90-day decision limit runs on calendar days: nothing to move.)"""

from django.db.models import Q
from django.urls import reverse

from zhifa.core.deadlines import StoredDeadline

from . import rules
from .choices import CaseStatus
from .models import Case

HEARING_REQUEST = StoredDeadline(
    label="听证申请期限",
    model=Case,
    field="hearing_deadline",
    open=Q(status=CaseStatus.NOTIFIED, notified_on__isnull=False),
    compute=lambda case: rules.period_deadlines(case, True)[1],
    url=lambda case: reverse("cases:case_detail", args=[case.pk]),
)

STATEMENT = StoredDeadline(
    label="陈述申辩期限",
    model=Case,
    field="statement_deadline",
    open=Q(status__in=(CaseStatus.NOTIFIED, CaseStatus.HEARING), notified_on__isnull=False),
    compute=lambda case: rules.period_deadlines(case, False)[0],
    url=lambda case: reverse("cases:case_detail", args=[case.pk]),
)
