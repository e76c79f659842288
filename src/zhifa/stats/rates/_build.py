"""How one on-time rate is made from the rows that keep a deadline: which rows fall due in a period, which
of them are done, which on time — three `Q`s — and from them the grouped tally and the drill-down rows.

Common to every rate: a deadline counts in a period when its due date lies in it; a row not yet done whose
due date is today or later is not counted (it can still be met: neither on time nor late yet, as the
评议考核 indicators count); a row done counts whenever it was done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import BooleanField, Count, Q, QuerySet, Value, When
from django.db.models import Case as CaseWhen
from django.utils import timezone

from ..ontime import OnTimeRate, Period, Tally


def today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Deadline:
    """One kind of deadline on the rows of `model`.

    agency: the path from a row to the agency that owes the duty; due: the due-date field, or None when
    `in_period(period)` and `past_due(day)` (due date before `day`) say it instead; base: the rows that
    carry the duty at all; done: the duty has been performed; on_time: performed on or before its due date.
    """

    model: type[models.Model]
    agency: str
    done: Q
    on_time: Q
    due: str | None = None
    base: Q = field(default_factory=Q)
    in_period: Callable[[Period], Q] | None = None
    past_due: Callable[[date], Q] | None = None
    select_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)

    def _in_period(self, period: Period) -> Q:
        if self.in_period is not None:
            return self.in_period(period)
        return Q(**{f"{self.due}__gte": period.start, f"{self.due}__lte": period.end})

    def _past_due(self, day: date) -> Q:
        if self.past_due is not None:
            return self.past_due(day)
        return Q(**{f"{self.due}__lt": day})

    def counted(self, agency_ids: Iterable[int], period: Period) -> QuerySet:
        """The rows that fell due in `period` for these agencies and count: done, or past due today."""
        ids = agency_ids if isinstance(agency_ids, QuerySet) else list(agency_ids)
        return self.model._default_manager.filter(
            self.base,
            self._in_period(period),
            self.done | self._past_due(today()),
            **{f"{self.agency}__in": ids},
        )

    def tally(self, agency_ids: Iterable[int], period: Period) -> dict[int, Tally]:
        """One grouped query: per agency, the deadlines counted and those met."""
        rows = (
            self.counted(agency_ids, period)
            .order_by()
            .values(self.agency)
            .annotate(_due=Count("pk"), _on_time=Count("pk", filter=self.on_time))
            .values_list(self.agency, "_due", "_on_time")
        )
        return {agency: Tally(due, on_time) for agency, due, on_time in rows}

    def rows(self, agency_ids: Iterable[int], period: Period, late_only: bool = False) -> QuerySet:
        """The rows behind the number, each with `on_time` (True/False); only the late ones if asked."""
        rows = (
            self.counted(agency_ids, period)
            .annotate(
                on_time=CaseWhen(
                    When(self.on_time, then=Value(True)), default=Value(False), output_field=BooleanField()
                )
            )
            .select_related(*self.select_related)
            .order_by(*self.order_by)
        )
        return rows.filter(on_time=False) if late_only else rows


def rate(
    code: str,
    label: str,
    deadline: Deadline,
    *,
    url: Callable[[object], str],
    definition: str,
    view_perm: str,
    row_due: Callable[[object], date | None],
    row_done: Callable[[object], date | None],
) -> OnTimeRate:
    return OnTimeRate(
        code=code,
        label=label,
        tally=deadline.tally,
        rows=deadline.rows,
        row_url=url,
        definition=definition,
        view_perm=view_perm,
        row_due=row_due,
        row_done=row_done,
    )


def local_day(moment) -> date | None:
    """A stored timestamp's day in the platform's time zone (None stays None)."""
    return timezone.localdate(moment) if moment else None


def day_before(day: date) -> date:
    return day - timedelta(days=1)
