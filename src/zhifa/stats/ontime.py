"""On-time rates (按期率): for each kind of deadline the product keeps — decisions, service, disclosures,
reviews, transfers, complaint replies, rectifications — how many fell due in a period and how many were met
in time, per agency, as ONE grouped query; and the rows behind each number for the drill-down.

The dashboards read `RATES` (in registration order); each app's rate is registered with `register_rate`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet


@dataclass(frozen=True)
class Period:
    """A closed range of dates [start, end] (both inclusive). Asked for by a user, it is parsed (and an
    empty or reversed one refused) by `stats.period.parse_period`, the one parser of the page and the API."""

    start: date
    end: date


@dataclass(frozen=True)
class Tally:
    """One agency's figures for one rate: `due` deadlines that fell in the period, `on_time` of them met."""

    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        """The share met in time, or None when nothing fell due (shown as 无应办事项, never as 0% or 100%)."""
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class OnTimeRate:
    """One kind of deadline.

    `tally(agency_ids, period)` answers {agency_id: Tally} for the agencies given (absent agency → nothing due),
    in one grouped query. `rows(agency_ids, period, late_only)` is the queryset behind the number (the
    drill-down), and `row_url(row)` the page of one row.

    Optional (stats.rates fills them): `definition`, the precise rule in Chinese (what falls due, what is on
    time, the article); `view_perm`, the permission whose jurisdiction decides whose figures a user sees
    (core.access on Agency); `row_due(row)` and `row_done(row)`, the due date and the day it was met (None:
    not yet), for the drill-down's columns.
    """

    code: str
    label: str
    tally: Callable[[Iterable[int], Period], dict[int, Tally]]
    rows: Callable[[Iterable[int], Period, bool], QuerySet]
    row_url: Callable[[object], str]
    definition: str = ""
    view_perm: str = ""
    row_due: Callable[[object], date | None] | None = None
    row_done: Callable[[object], date | None] | None = None


RATES: list[OnTimeRate] = []


def register_rate(rate: OnTimeRate) -> None:
    """Adds a rate (or replaces one with the same code: wiring may run twice in tests)."""
    RATES[:] = [existing for existing in RATES if existing.code != rate.code] + [rate]


def rate(code: str) -> OnTimeRate:
    """The registered rate with this code (KeyError when none)."""
    for candidate in RATES:
        if candidate.code == code:
            return candidate
    raise KeyError(code)
