"""Yearly figures per agency (统计年报): each app registers a provider of its own counts, so the report
(publicity) never reaches sideways into sibling apps.

A provider is `provider(agency, year) -> list[Figure]`; figures are grouped by `section` in the report.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    section: str  # e.g. "行政处罚", "法制审核", "行政检查"
    key: str  # stable machine name, e.g. "review.done"
    label: str  # Chinese label shown in the report
    value: int | Decimal


Provider = Callable[[object, int], list[Figure]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def figures_for(agency, year: int) -> list[Figure]:
    return [figure for provider in _providers for figure in provider(agency, year)]
