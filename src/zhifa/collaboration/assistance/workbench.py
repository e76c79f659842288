"""工作台 of 协助: the helper its requests to receive and answer, the requester those overdue (both sides see an
overdue request)."""

from django.urls import reverse

from zhifa.collaboration.models import AssistanceRequest
from zhifa.core import access
from zhifa.core.workbench import PendingItem

from .choices import AssistanceStatus
from .selectors import OPEN, overdue_q
from .transitions import VIEW, is_overdue

LIMIT = 50


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None or not user.has_perm(VIEW):
        return []
    mine = access.visible_to(user, AssistanceRequest.objects.select_related("requester", "helper"), VIEW)
    rows = list(mine.filter(helper_id=user.agency_id, status__in=OPEN).order_by("due_on")[:LIMIT])
    rows += list(mine.filter(overdue_q(), requester_id=user.agency_id).order_by("due_on")[:LIMIT])
    found = []
    for r in rows:
        late = is_overdue(r)
        what = "待签收" if r.status == AssistanceStatus.SENT else "待答复"
        found.append(
            PendingItem(
                "协同执法",
                f"协助（{r.requester.name}→{r.helper.name}）：{r.subject}（{'逾期未答复' if late else what}）",
                reverse("collaboration:assistance_detail", args=[r.pk]),
                due=r.due_on,
                overdue=late,
            )
        )
    return found
