"""报送 as an on-time rate (stats.ontime): the submissions whose deadline fell in the period, and how many
were first sent by it — one grouped query per agency set."""

from collections.abc import Iterable

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse

from zhifa.stats.models import Submission
from zhifa.stats.ontime import OnTimeRate, Period, Tally

ON_TIME = Q(first_submitted_on__isnull=False, first_submitted_on__lte=F("due_on"))


def _due(agency_ids: Iterable[int], period: Period):
    # the ids may be a queryset of ids (the dashboards' scope, used as a subquery) or a list
    ids = agency_ids if isinstance(agency_ids, QuerySet) else list(agency_ids)
    return Submission.objects.filter(agency_id__in=ids, due_on__range=(period.start, period.end))


def tally(agency_ids: Iterable[int], period: Period) -> dict[int, Tally]:
    rows = (
        _due(agency_ids, period)
        .values("agency_id")
        .annotate(due=Count("id"), on_time=Count("id", filter=ON_TIME))
    )
    return {r["agency_id"]: Tally(r["due"], r["on_time"]) for r in rows.order_by()}


def rows(agency_ids: Iterable[int], period: Period, late_only: bool):
    found = _due(agency_ids, period).select_related("round", "agency")
    return (found.exclude(ON_TIME) if late_only else found).order_by("due_on", "pk")


RATE = OnTimeRate(
    "reports",
    "报送按期率",
    tally,
    rows,
    lambda s: reverse("stats:submission_detail", args=[s.pk]),  # type: ignore[attr-defined]
    definition="报送期限在统计期间内的报送任务中，在期限内（含当日）首次报送的比例",
    view_perm="stats.view_submission",
    row_due=lambda s: s.due_on,  # type: ignore[attr-defined]
    row_done=lambda s: s.first_submitted_on,  # type: ignore[attr-defined]
)
