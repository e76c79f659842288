"""Yearly figures per agency (统计年报): each app registers a provider of its own counts, so the report
(publicity) never reaches sideways into sibling apps.

A provider is `provider(agency_ids, year) -> {agency_id: [Figure]}` for every agency given (zeros included),
each of its figures one grouped query over all those agencies — a region's 年报 costs the same number of
queries for 2 agencies as for 2,000. Figures are grouped by `section` in the report.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class Figure:
    section: str  # e.g. "行政处罚", "法制审核", "行政检查"
    key: str  # stable machine name, e.g. "review.done"
    label: str  # Chinese label shown in the report
    value: int | Decimal


Provider = Callable[[list[int], int], dict[int, list[Figure]]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def figures_of(agency_ids: Iterable[int], year: int) -> dict[int, list[Figure]]:
    """Every provider's figures of each agency, in registration order."""
    ids = list(agency_ids)
    found: dict[int, list[Figure]] = {pk: [] for pk in ids}
    for provider in _providers:
        for pk, figures in provider(ids, year).items():
            found[pk] += figures
    return found


def figures_for(agency, year: int) -> list[Figure]:
    """One agency's figures (the grouped queries over a single agency)."""
    return figures_of([agency.pk], year)[agency.pk]


def in_year(field: str, year: int) -> Q:
    """`field` within `year`, as a range an index serves (`__year` wraps the column in a function on some
    databases)."""
    return Q(**{f"{field}__gte": date(year, 1, 1), f"{field}__lt": date(year + 1, 1, 1)})


def by_agency(rows: QuerySet, agency: str, ids: list[int], **counts) -> dict[int, dict]:
    """One grouped query: `rows` per `agency` (the path to the agency's id) annotated with `counts`; every
    agency of `ids` gets a row, absent ones their counts as 0 (a sum as None)."""
    grouped = {
        row.pop(agency): row
        for row in rows.filter(**{f"{agency}__in": ids}).order_by().values(agency).annotate(**counts)
    }
    empty = {name: 0 for name in counts}
    return {pk: grouped.get(pk, empty) for pk in ids}
