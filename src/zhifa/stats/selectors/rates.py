"""按期率: each on-time rate registered in `stats.ontime.RATES`, summed over the scope's agencies (each
rate's own `tally` is its one grouped query)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..ontime import RATES, OnTimeRate, Period, Tally


@dataclass(frozen=True)
class RateFigure:
    rate: OnTimeRate
    total: Tally
    by_agency: dict[int, Tally]

    @property
    def late(self) -> int:
        return self.total.due - self.total.on_time


def rates(agencies: QuerySet, period: Period) -> list[RateFigure]:
    agency_ids = agencies.values_list("pk", flat=True)
    found = []
    for rate in list(RATES):
        by_agency = rate.tally(agency_ids, period)
        due = sum(t.due for t in by_agency.values())
        on_time = sum(t.on_time for t in by_agency.values())
        found.append(RateFigure(rate, Tally(due, on_time), by_agency))
    return found
