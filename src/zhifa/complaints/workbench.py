"""工作台 of 投诉举报: the handling agency sees what waits for acceptance and for a reply (overdue first);
the supervisor sees disputes to settle and 不满意 sent to supervision."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from . import clocks
from .choices import IN_HAND, UNACCEPTED, Status
from .models import Complaint
from .transitions import HANDLE, SETTLE

LIMIT = 30
CATEGORY = "投诉举报"


def _item(c: Complaint, what: str, due=None) -> PendingItem:
    return PendingItem(
        CATEGORY,
        f"{c.number} {c.title}（{what}）",
        reverse("complaints:detail", args=[c.pk]),
        due=due,
        overdue=due is not None and due < clocks.today(),
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    items: list[PendingItem] = []
    if user.has_perm(HANDLE):
        mine = Complaint.objects.filter(agency_id=user.agency_id)
        for c in (
            mine.filter(status__in=UNACCEPTED).exclude(status=Status.DISPUTED).order_by("ack_due")[:LIMIT]
        ):
            items.append(_item(c, "待受理", c.ack_due))
        for c in mine.filter(status__in=IN_HAND).order_by("reply_due")[:LIMIT]:
            items.append(_item(c, "待答复", c.reply_due))
    if user.has_perm(SETTLE):
        region = access.visible_to(user, Complaint.objects.all(), SETTLE)
        for c in region.filter(status__in=[Status.DISPUTED, Status.SUPERVISING]).order_by("received_on")[
            :LIMIT
        ]:
            items.append(_item(c, "待裁定承办机关" if c.status == Status.DISPUTED else "不满意，提请监督"))
    return items
