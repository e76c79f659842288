"""工作台 of 抄告, on both sides: the sender its notices still to send (overdue first), the receiver those to
acknowledge; an overdue one shows on both."""

from django.urls import reverse

from zhifa.collaboration.models import Notice
from zhifa.core import access
from zhifa.core.workbench import PendingItem

from . import clocks
from .choices import NoticeStatus
from .transitions import VIEW, is_overdue

LIMIT = 50
CATEGORY = "协同执法"


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None or not user.has_perm(VIEW):
        return []
    today = clocks.today()
    mine = access.visible_to(user, Notice.objects.select_related("sender", "receiver"), VIEW)
    found = []
    rows = list(mine.filter(status=NoticeStatus.PENDING, sender_id=user.agency_id).order_by("due_on")[:LIMIT])
    rows += list(
        mine.filter(status=NoticeStatus.SENT, receiver_id=user.agency_id).order_by("ack_due")[:LIMIT]
    )
    # the other side's overdue ones: visible to both parties
    rows += list(
        mine.filter(status=NoticeStatus.PENDING, receiver_id=user.agency_id, due_on__lt=today)[:LIMIT]
    )
    rows += list(mine.filter(status=NoticeStatus.SENT, sender_id=user.agency_id, ack_due__lt=today)[:LIMIT])
    for n in rows:
        waiting = n.status == NoticeStatus.PENDING
        what = "待抄告" if waiting else "待签收"
        if is_overdue(n, today):
            what = "逾期未抄告" if waiting else "逾期未签收"
        peer = n.receiver.name if n.sender_id == user.agency_id and n.receiver else n.sender.name
        found.append(
            PendingItem(
                CATEGORY,
                f"抄告（{peer}）：{n.title}（{what}）",
                reverse("collaboration:notice_detail", args=[n.pk]),
                due=n.due_on if waiting else n.ack_due,
                overdue=is_overdue(n, today),
            )
        )
    return found
