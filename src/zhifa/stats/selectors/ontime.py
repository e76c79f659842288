"""按期率 for a scope and a period: each registered rate per agency and in total (stats.ontime.RATES).

`rates_for(agency_ids, period)` is a plain read over the agencies given (one grouped query per rate);
`rates_visible_to(user, period)` first narrows, for each rate, to the agencies whose rows of that kind the
user may see (core.access with the rate's view permission on Agency: their own agency, their region's
subtree, or the counterparts below that vertical oversight reaches), so nobody sees another
jurisdiction's figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from zhifa.core import access
from zhifa.core.models import Agency

from ..ontime import RATES, OnTimeRate, Period, Tally


@dataclass(frozen=True)
class RateFigures:
    """One rate over a scope: `agencies` {agency id: Tally} (only agencies with something due), `total`."""

    rate: OnTimeRate
    agencies: dict[int, Tally]

    @property
    def total(self) -> Tally:
        return Tally(
            due=sum(t.due for t in self.agencies.values()),
            on_time=sum(t.on_time for t in self.agencies.values()),
        )


def rate_for(rate: OnTimeRate, agency_ids: Iterable[int] | QuerySet, period: Period) -> RateFigures:
    tallies = rate.tally(agency_ids, period)
    return RateFigures(rate, {agency: t for agency, t in tallies.items() if t.due})


def rates_for(agency_ids: Iterable[int] | QuerySet, period: Period) -> list[RateFigures]:
    """Every registered rate over these agencies (ids, or a queryset of ids used as a subquery)."""
    ids = agency_ids if isinstance(agency_ids, QuerySet) else list(agency_ids)
    return [rate_for(rate, ids, period) for rate in RATES]


def agencies_for(user, rate: OnTimeRate) -> QuerySet:
    """The ids of the agencies whose figures of `rate` `user` may see (a subquery, not a list)."""
    perm = rate.view_perm or "core.view_agency"
    return access.visible_to(user, Agency.objects.all(), perm).values("pk")


def rates_visible_to(user, period: Period, agency_ids: Iterable[int] | None = None) -> list[RateFigures]:
    """Every rate over what `user` may see, optionally narrowed to `agency_ids` (e.g. one region's)."""
    figures = []
    for rate in RATES:
        scope = agencies_for(user, rate)
        if agency_ids is not None:
            scope = scope.filter(pk__in=list(agency_ids))
        figures.append(rate_for(rate, scope, period))
    return figures


def agency_names(figures: list[RateFigures]) -> dict[int, str]:
    """The names of the agencies in the figures, in one query."""
    ids = {agency for f in figures for agency in f.agencies}
    return dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name"))
