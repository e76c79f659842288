"""The complaint's stored due dates, registered with core.deadlines so a calendar change moves them."""

from django.db.models import Q
from django.urls import reverse

from zhifa.core.deadlines import StoredDeadline

from . import clocks
from .choices import IN_HAND, UNACCEPTED, Status
from .models import Complaint


def _url(complaint) -> str:
    return reverse("complaints:detail", args=[complaint.pk])


DEADLINES = (
    StoredDeadline(
        "受理期限",
        Complaint,
        "ack_due",
        Q(status__in=UNACCEPTED),
        lambda c: clocks.ack_due(c.routed_on, c.region),
        _url,
        select_related=("region",),
    ),
    StoredDeadline(
        "答复期限",
        Complaint,
        "reply_due",
        Q(status__in=[*UNACCEPTED, *IN_HAND]),
        lambda c: clocks.reply_due(c.clock_from, c.region, c.extension_workdays),
        _url,
        select_related=("region",),
    ),
    StoredDeadline(
        "应立案判断期限",
        Complaint,
        "case_due",
        Q(case__isnull=True, case_due__isnull=False) & ~Q(status=Status.CLOSED),
        lambda c: clocks.case_due(c.accepted_on, c.region) if c.accepted_on else None,
        _url,
        select_related=("region",),
        notify=False,
    ),
)
