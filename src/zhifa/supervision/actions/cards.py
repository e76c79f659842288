"""工作台 key figures of 监督事项 for the 执法监督人员: the items open in their region, those awaiting a
reply past their deadline, the replies to examine. One aggregate query; each figure links to the list."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import CardSet, Figure, count
from zhifa.supervision.models import SupervisionItem

from . import clocks
from .choices import ItemStatus
from .transitions import SUPERVISE


def _url(**query) -> str:
    url = reverse("supervision:action_list")
    return f"{url}?{urlencode(query)}" if query else url


def cards(user) -> list[CardSet]:
    if user.agency_id is None or not user.has_perm(SUPERVISE):
        return []
    today = clocks.today()
    items = access.visible_to(user, SupervisionItem.objects.all(), SUPERVISE)
    figures = items.aggregate(
        open=Count("pk", filter=~Q(status=ItemStatus.CLOSED)),
        overdue=Count("pk", filter=Q(status=ItemStatus.AWAITING, due_on__lt=today)),
        replied=Count("pk", filter=Q(status=ItemStatus.REPLIED)),
    )
    return [
        CardSet(
            "执法监督",
            (
                Figure("未办结监督事项", count(figures["open"]), _url()),
                Figure("逾期未整改", count(figures["overdue"]), _url(overdue=1), alert=True),
                Figure("整改待审查", count(figures["replied"]), _url(status=ItemStatus.REPLIED)),
            ),
            order=30,
        )
    ]
