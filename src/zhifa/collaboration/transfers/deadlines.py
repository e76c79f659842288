"""The stored due dates of a 案件移送, registered with core.deadlines so a calendar change moves the open ones:
移送期限 (3 working days from discovery, while awaiting approval) and 接收处理期限 (the receiver's, from
sending). The 24-hour limit of an urgent transfer runs on the clock and never moves."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from zhifa.core.deadlines import StoredDeadline

from ..models import Transfer
from . import clocks
from .choices import TransferStatus


def _url(transfer) -> str:
    return reverse("collaboration:transfer_detail", args=[transfer.pk])


DEADLINES = (
    StoredDeadline(
        "移送期限",
        Transfer,
        "due_on",
        Q(status=TransferStatus.PENDING),
        lambda t: clocks.send_due(t.discovered_at),
        _url,
        select_related=("agency",),
    ),
    StoredDeadline(
        "移送接收处理期限",
        Transfer,
        "answer_due",
        Q(status__in=[TransferStatus.SENT, TransferStatus.RECEIVED], sent_at__isnull=False),
        lambda t: clocks.answer_due(timezone.localtime(t.sent_at).date()),
        _url,
        select_related=("agency",),
    ),
)
