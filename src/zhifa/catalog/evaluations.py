"""裁量基准定期评估 on a schedule (seed 000 §12: 建立行政裁量适用规则和裁量基准定期评估、修订制度; seed 002 (五):
制定机关要对行政裁量权基准适用、管理情况进行定期评估). Every benchmark of a catalogue version in force is
evaluated again ZHIFA_BENCHMARK_EVALUATION_MONTHS (default 12: yearly; no period in the texts we hold, so
a setting) after its last evaluation — or, never evaluated, after the benchmark was first published. The
schedule is read from the dates; nothing has to run for a benchmark to fall due. Reads only: the write is
`services.benchmark_evaluate`."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .choices import VersionStatus
from .models import BenchmarkEvaluation, CatalogVersion, EnforcementItem

DEFAULT_MONTHS = 12
DUE_SOON_DAYS = 30


def interval_months() -> int:
    """ZHIFA_BENCHMARK_EVALUATION_MONTHS: months between two evaluations of a benchmark (default 12)."""
    return int(getattr(settings, "ZHIFA_BENCHMARK_EVALUATION_MONTHS", DEFAULT_MONTHS))


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` (negative: back), on the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def versions_in_force(agencies: QuerySet, on: date) -> QuerySet[CatalogVersion]:
    """Each agency's published version in force on `on` (catalog.selectors.version_in_force, for many
    agencies in one subquery)."""
    later = CatalogVersion.objects.filter(
        agency=OuterRef("agency"),
        status=VersionStatus.PUBLISHED,
        effective_from__lte=on,
        number__gt=OuterRef("number"),
    )
    return CatalogVersion.objects.filter(
        agency__in=agencies, status=VersionStatus.PUBLISHED, effective_from__lte=on
    ).exclude(Exists(later))


@dataclass(frozen=True)
class BenchmarkDue:
    """One benchmark in force and its next evaluation."""

    agency_id: int
    agency_name: str
    item_code: str
    item_name: str
    last_evaluated: date | None
    due: date
    overdue: bool


def schedule(agencies: QuerySet, *, on: date, due_within_days: int | None = None, limit: int | None = None):
    """The benchmarks in force on `on` of `agencies` (already scoped by the caller) with their next
    evaluation date, the earliest first; with `due_within_days`, only those due by `on` + that many days
    (the overdue included). One query."""
    months = interval_months()
    last = BenchmarkEvaluation.objects.filter(
        agency=OuterRef("version__agency"), item_code=OuterRef("code")
    ).order_by("-on")
    first = EnforcementItem.objects.filter(
        version__agency=OuterRef("version__agency"),
        code=OuterRef("code"),
        benchmark__isnull=False,
        version__status=VersionStatus.PUBLISHED,
    ).order_by("version__effective_from")
    items = (
        EnforcementItem.objects.filter(
            version__in=versions_in_force(agencies, on).values("pk"), benchmark__isnull=False
        )
        .annotate(
            last_on=Subquery(last.values("on")[:1]),
            since=Coalesce(
                Subquery(last.values("on")[:1]), Subquery(first.values("version__effective_from")[:1])
            ),
        )
        .select_related("version__agency")
        .order_by("since", "version__agency_id", "code")
    )
    if due_within_days is not None:
        items = items.filter(since__lte=add_months(on + timedelta(days=due_within_days), -months))
    if limit is not None:
        items = items[:limit]
    rows = []
    for item in items:
        due = add_months(item.since, months)
        if due_within_days is not None and due > on + timedelta(days=due_within_days):
            continue  # a month-end rounding the filter let through
        rows.append(
            BenchmarkDue(
                agency_id=item.version.agency_id,
                agency_name=item.version.agency.name,
                item_code=item.code,
                item_name=item.name,
                last_evaluated=item.last_on,
                due=due,
                overdue=due < on,
            )
        )
    return rows
