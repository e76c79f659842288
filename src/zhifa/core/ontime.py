"""A deadline kept on rows (按期): which rows fall due in a span of days, which are done, which on time — the
one definition both the dashboards' on-time rates (stats.rates) and the 评议考核 indicators (evaluation) are
built from, so a figure and its indicator cannot drift apart. Here in core because stats comes last in
INSTALLED_APPS and evaluation before the apps that own the rows.

Common rule: a deadline counts in a span when its due date lies in it (both ends included); a row done
counts whenever it was done; a row not yet done whose due date is today or later is not counted (it can
still be met: neither on time nor late yet); a row not done past its due date is late.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.db import models
from django.db.models import BooleanField, Count, Q, QuerySet, Value, When
from django.db.models import Case as CaseWhen


class Span(Protocol):
    """Dates from `start` to `end`, both included (stats.ontime.Period, a year)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


@dataclass(frozen=True)
class Year:
    """A calendar year as a Span."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)


@dataclass(frozen=True)
class Deadline:
    """One kind of deadline on the rows of `model`.

    agency: the path from a row to the id of the agency that owes the duty; due: the due-date field, or None
    when `in_period(span)` and `past_due(day)` (due date before `day`) say it instead; base: the rows that
    carry the duty at all; done: the duty has been performed; on_time: performed on or before its due date
    (false for a row not done).
    """

    model: type[models.Model]
    agency: str
    done: Q
    on_time: Q
    due: str | None = None
    base: Q = field(default_factory=Q)
    in_period: Callable[[Span], Q] | None = None
    past_due: Callable[[date], Q] | None = None
    select_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)

    def _in_period(self, span: Span) -> Q:
        if self.in_period is not None:
            return self.in_period(span)
        return Q(**{f"{self.due}__gte": span.start, f"{self.due}__lte": span.end})

    def _past_due(self, day: date) -> Q:
        if self.past_due is not None:
            return self.past_due(day)
        return Q(**{f"{self.due}__lt": day})

    def fell_due(self, span: Span, today: date) -> QuerySet:
        """Every agency's rows that fell due in `span` and count (as of `today`): done, or past due."""
        return self.model._default_manager.filter(
            self.base, self._in_period(span), self.done | self._past_due(today)
        )

    def counted(self, agency_ids: Iterable[int], span: Span, today: date) -> QuerySet:
        """The rows that fell due for these agencies (ids, or a queryset of ids used as a subquery)."""
        ids = agency_ids if isinstance(agency_ids, QuerySet) else list(agency_ids)
        return self.fell_due(span, today).filter(**{f"{self.agency}__in": ids})

    def tally(self, agency_ids: Iterable[int], span: Span, today: date) -> dict[int, tuple[int, int]]:
        """One grouped query: {agency id: (rows counted, rows met)}."""
        rows = (
            self.counted(agency_ids, span, today)
            .order_by()
            .values(self.agency)
            .annotate(_due=Count("pk"), _on_time=Count("pk", filter=self.on_time))
            .values_list(self.agency, "_due", "_on_time")
        )
        return {agency: (due, on_time) for agency, due, on_time in rows}

    def rows(self, agency_ids: Iterable[int], span: Span, today: date, late_only: bool = False) -> QuerySet:
        """The rows behind the number, each with `on_time` (True/False); only the late ones if asked."""
        flag = CaseWhen(
            When(self.on_time, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
        rows = (
            self.counted(agency_ids, span, today)
            .annotate(on_time=flag)
            .select_related(*self.select_related)
            .order_by(*self.order_by)
        )
        return rows.filter(on_time=False) if late_only else rows
