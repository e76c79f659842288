"""投诉举报: 投诉举报答复按期率."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse

from zhifa.complaints.models import Complaint

from ..ontime import OnTimeRate
from ._build import Deadline, rate

# a reply counts for the clock now running only if given after that clock started (a reopened complaint
# keeps its first reply's date until it is answered again)
_REPLIED = Q(replied_on__isnull=False, replied_on__gte=F("clock_from"))

COMPLAINTS = Deadline(
    model=Complaint,
    agency="agency_id",
    due="reply_due",
    base=Q(merged_into__isnull=True),
    done=_REPLIED,
    on_time=_REPLIED & Q(replied_on__lte=F("reply_due")),
    select_related=("agency",),
    order_by=("reply_due", "pk"),
)


def complaints() -> OnTimeRate:
    return rate(
        "complaints.reply",
        "投诉举报答复按期率",
        COMPLAINTS,
        url=lambda c: reverse("complaints:detail", args=[c.pk]),  # type: ignore[attr-defined]
        definition=(
            "答复期限（收到之日或重新办理之日起的工作日数，按区划设置，默认15个工作日，延期的按延长后的期限；"
            "现行法律未统一规定）在统计期间内的投诉举报（合并的重复件不计），在期限当日或之前答复的比例，"
            "计入当前承办机关。重新办理的以重新办理后的答复为准；期限未到且尚未答复的不计。"
        ),
        view_perm="complaints.view_complaint",
        row_due=lambda c: c.reply_due,  # type: ignore[attr-defined]
        row_done=lambda c: c.replied_on if c.replied_on and c.replied_on >= c.clock_from else None,  # type: ignore[attr-defined]
    )
