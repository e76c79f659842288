"""工作台 of 监督事项, on both sides: the supervisor sees replies to examine and items past their deadline
(to escalate); the supervised agency sees the instruments it must answer, overdue ones first."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem
from zhifa.supervision.models import SupervisionItem

from . import clocks
from .choices import ItemStatus
from .transitions import REPLY, SUPERVISE

LIMIT = 50
CATEGORY = "执法监督"


def _item(item: SupervisionItem, what: str, **extra) -> PendingItem:
    return PendingItem(
        CATEGORY,
        f"{item.agency.name}：{item.title}（{what}）",
        reverse("supervision:action_detail", args=[item.pk]),
        **extra,
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    today = clocks.today()
    items = SupervisionItem.objects.select_related("agency")
    found: list[PendingItem] = []
    if user.has_perm(SUPERVISE):
        mine = access.visible_to(user, items, SUPERVISE)
        found += [
            _item(i, "整改答复待审查")
            for i in mine.filter(status=ItemStatus.REPLIED).order_by("updated_at")[:LIMIT]
        ]
        found += [
            _item(i, "逾期未答复或未整改，可升级", due=i.due_on, overdue=True)
            for i in mine.filter(status=ItemStatus.AWAITING, due_on__lt=today).order_by("due_on")[:LIMIT]
        ]
    if user.has_perm(REPLY):
        own = access.visible_to(user, items, REPLY).filter(agency_id=user.agency_id)
        found += [
            _item(
                i,
                "逾期未答复或未整改" if i.due_on and today > i.due_on else "待答复整改",
                due=i.due_on,
                overdue=bool(i.due_on and today > i.due_on),
            )
            for i in own.filter(status=ItemStatus.AWAITING).order_by("due_on")[:LIMIT]
        ]
    return found
