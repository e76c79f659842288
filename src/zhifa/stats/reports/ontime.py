"""报送 as an on-time rate (stats.ontime): the submissions whose deadline fell in the period, and how many
were first sent by it — one grouped query per agency set."""

from collections.abc import Iterable

from django.db.models import Count, F, Q
from django.urls import reverse

from zhifa.stats.models import Submission
from zhifa.stats.ontime import OnTimeRate, Period, Tally

ON_TIME = Q(first_submitted_on__isnull=False, first_submitted_on__lte=F("due_on"))


def _due(agency_ids: Iterable[int], period: Period):
    return Submission.objects.filter(agency_id__in=list(agency_ids), due_on__range=(period.start, period.end))


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
    "报送",
    tally,
    rows,
    lambda s: reverse("stats:submission_detail", args=[s.pk]),  # type: ignore[attr-defined]
)
