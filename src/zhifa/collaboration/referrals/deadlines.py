"""The stored due date of a 行刑衔接 referral, registered with core.deadlines so the 工作台 and the detection app's
overdue model see it: 审批期限, 3 days from the report (国务院令第310号 第五条, counted on the calendar — a calendar
change leaves it where it is). The 24-hour 移送期限 after approval runs on the hour clock (a time, not a date)
and is shown on the referral and the 工作台, not here."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from zhifa.core.deadlines import StoredDeadline

from ..models import Referral
from . import clocks
from .choices import ReferralStatus


def _url(referral) -> str:
    return reverse("collaboration:referral_detail", args=[referral.pk])


DEADLINES = (
    StoredDeadline(
        "移送审批期限",
        Referral,
        "approval_due",
        Q(status=ReferralStatus.REPORTED, approval_due__isnull=False),
        lambda r: clocks.approval_due(timezone.localtime(r.reported_at).date()),
        _url,
        select_related=("agency",),
    ),
)
