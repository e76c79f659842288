"""法制审核: 法制审核按期率."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse

from zhifa.review.models import ReviewRound

from ..ontime import OnTimeRate
from ._build import Deadline, local_day, rate

ROUNDS = Deadline(
    model=ReviewRound,
    agency="review__case__agency_id",
    due="due_on",
    done=Q(reviewed_at__isnull=False),
    on_time=Q(reviewed_at__date__lte=F("due_on")),
    select_related=("review", "review__case", "review__case__agency"),
    order_by=("due_on", "pk"),
)


def reviews() -> OnTimeRate:
    return rate(
        "review.round",
        "法制审核按期率",
        ROUNDS,
        url=lambda r: reverse("review:review_detail", args=[r.review_id]),  # type: ignore[attr-defined]
        definition=(
            "审核期限（每次送审之日起的工作日数，由本机关法制审核办法规定，默认5个工作日；行政处罚法 第五十八条"
            "只要求审核，未定期限）在统计期间内的法制审核轮次，在期限当日或之前出具审核意见的比例（按机关所在地"
            "日期）。每次送审（含退回后再次送审）各算一次；期限未到且尚未出具意见的不计。"
        ),
        view_perm="review.view_review",
        row_due=lambda r: r.due_on,  # type: ignore[attr-defined]
        row_done=lambda r: local_day(r.reviewed_at),  # type: ignore[attr-defined]
    )
