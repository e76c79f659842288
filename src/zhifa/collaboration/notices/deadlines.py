"""The 抄告's stored due dates, registered with core.deadlines: a calendar change moves them (they keep their
start — the decision day, the day sent — and their working days), and the detection app's overdue model and
the 工作台 read them."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from zhifa.collaboration.models import Notice
from zhifa.core import workdays
from zhifa.core.deadlines import StoredDeadline

from . import clocks
from .choices import NoticeStatus


def _url(notice) -> str:
    return reverse("collaboration:notice_detail", args=[notice.pk])


def _sent_on(notice):
    return timezone.localtime(notice.sent_at).date() if notice.sent_at else None


DEADLINES = (
    StoredDeadline(
        "抄告期限",
        Notice,
        "due_on",
        Q(status=NoticeStatus.PENDING, due_workdays__isnull=False),
        lambda n: workdays.add_workdays(n.decided_on, n.due_workdays) if n.due_workdays else None,
        _url,
        select_related=("sender",),
    ),
    StoredDeadline(
        "抄告签收期限",
        Notice,
        "ack_due",
        Q(status=NoticeStatus.SENT, ack_due__isnull=False),
        lambda n: clocks.ack_due(_sent_on(n)) if n.sent_at else None,
        _url,
        select_related=("sender",),
    ),
)
