"""公示: 公示按期率."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse

from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.clocks import DECISION_WORKDAYS, OTHER_WORKDAYS
from zhifa.publicity.models import Disclosure

from ..ontime import OnTimeRate
from ._build import Deadline, rate

DISCLOSURES = Deadline(
    model=Disclosure,
    agency="agency_id",
    due="due_on",
    # the first version (a correction is not a new decision); a decision marked 不予公开 has no deadline
    base=Q(version=1) & ~Q(status=DisclosureStatus.WITHHELD),
    done=Q(published_on__isnull=False),
    on_time=Q(published_on__lte=F("due_on")),
    select_related=("agency",),
    order_by=("due_on", "pk"),
)


def disclosures() -> OnTimeRate:
    return rate(
        "publicity.disclosure",
        "公示按期率",
        DISCLOSURES,
        url=lambda d: reverse("publicity:detail", args=[d.pk]),  # type: ignore[attr-defined]
        definition=(
            f"公示期限（行政许可、行政处罚决定作出之日起{DECISION_WORKDAYS}个工作日，其他执法决定和检查结果"
            f"{OTHER_WORKDAYS}个工作日；朝阳县“三项制度”工作方案 二(二)6）在统计期间内的执法决定公示（首个版本，"
            "依法不予公开的不计），在期限当日或之前公示的比例。期限未到且尚未公示的不计。"
        ),
        view_perm="publicity.view_disclosure",
        row_due=lambda d: d.due_on,  # type: ignore[attr-defined]
        row_done=lambda d: d.published_on,  # type: ignore[attr-defined]
    )
