"""How one on-time rate is made from a `core.ontime.Deadline` (which rows fall due in a period, which of them
are done, which on time — the definition the 评议考核 indicators share): its grouped tally and its drill-down
rows, as of today."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from zhifa.core.ontime import Deadline

from ..ontime import OnTimeRate, Period, Tally

__all__ = ["Deadline", "day_before", "local_day", "rate", "today"]


def today() -> date:
    return timezone.localdate()


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
    def tally(agency_ids: Iterable[int], period: Period) -> dict[int, Tally]:
        return {pk: Tally(*figures) for pk, figures in deadline.tally(agency_ids, period, today()).items()}

    def rows(agency_ids: Iterable[int], period: Period, late_only: bool = False) -> QuerySet:
        return deadline.rows(agency_ids, period, today(), late_only)

    return OnTimeRate(
        code=code,
        label=label,
        tally=tally,
        rows=rows,
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
