"""工作台 of 案件移送 on both sides: 待接收 (sent to the user's agency, not yet answered), 待批准 (the sender's
leader), 逾期未移送 (the sender's, past the clock), and open 管辖争议 for the region's supervisors."""

from django.urls import reverse
from django.utils import timezone

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from ..models import Transfer
from .choices import TransferStatus
from .transitions import APPROVE, DECIDE, RECEIVE, SEND, is_late

LIMIT = 50
CATEGORY = "案件移送"


def _item(t: Transfer, what: str, **extra) -> PendingItem:
    return PendingItem(
        CATEGORY,
        f"{t.agency.name}→{t.receiver.name}：{t.summary}（{what}）",
        reverse("collaboration:transfer_detail", args=[t.pk]),
        **extra,
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    today = timezone.localdate()
    rows = Transfer.objects.select_related("agency", "receiver")
    found: list[PendingItem] = []
    if user.has_perm(RECEIVE):
        waiting = rows.filter(
            receiver_id=user.agency_id, status__in=[TransferStatus.SENT, TransferStatus.RECEIVED]
        ).order_by("answer_due")[:LIMIT]
        found += [
            _item(
                t,
                "待签收" if t.status == TransferStatus.SENT else "待接收或拒收",
                due=t.answer_due,
                overdue=bool(t.answer_due and today > t.answer_due),
            )
            for t in waiting
        ]
    if user.has_perm(APPROVE) or user.has_perm(SEND):
        own = access.visible_to(user, rows, SEND if user.has_perm(SEND) else APPROVE).filter(
            agency_id=user.agency_id, status=TransferStatus.PENDING
        )
        found += [
            _item(t, "待领导批准移送", due=t.due_on, overdue=is_late(t))
            for t in own.order_by("due_on")[:LIMIT]
        ]
    if user.has_perm(DECIDE):
        disputed = access.visible_to(user, rows, DECIDE).filter(status=TransferStatus.DISPUTED)
        found += [_item(t, "管辖争议待决定") for t in disputed[:LIMIT]]
    return found
