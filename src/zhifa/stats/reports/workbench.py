"""工作台 of 报送, on both sides: the agency its submissions to fill (overdue first) and those returned; the bureau
the submissions waiting for its review and the overdue ones of its rounds."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem
from zhifa.stats.models import Submission

from . import clocks
from .choices import OPEN, SubmissionStatus
from .transitions import MANAGE, VIEW, is_overdue

LIMIT = 50
CATEGORY = "报送"


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None or not user.has_perm(VIEW):
        return []
    today = clocks.today()
    seen = access.visible_to(user, Submission.objects.select_related("round", "agency"), VIEW)
    rows = list(seen.filter(agency_id=user.agency_id, status__in=OPEN).order_by("due_on", "pk")[:LIMIT])
    if user.has_perm(MANAGE):
        mine = seen.filter(round__agency_id=user.agency_id)
        rows += list(mine.filter(status=SubmissionStatus.SUBMITTED).order_by("due_on", "pk")[:LIMIT])
        rows += list(mine.filter(status__in=OPEN, due_on__lt=today).order_by("due_on", "pk")[:LIMIT])
    found = []
    for s in rows:
        late = is_overdue(s, today)
        if s.agency_id == user.agency_id:
            what = {SubmissionStatus.RETURNED: "已退回待修改"}.get(s.status, "待填报")
            title = f"{s.round}：{what}{'（已逾期）' if late else ''}"
        elif s.status == SubmissionStatus.SUBMITTED:
            title = f"{s.round}：{s.agency.name}已报送，待审核"
        else:
            title = f"{s.round}：{s.agency.name}逾期未报送"
        found.append(
            PendingItem(
                CATEGORY, title, reverse("stats:submission_detail", args=[s.pk]), due=s.due_on, overdue=late
            )
        )
    return found
