"""Working-day clock on China's statutory calendar (法定节假日与调休).

A date's kind comes, in this order, from: the HolidayOverride table (admins enter a year the State
Council has published but the chinesecalendar package does not know yet, or correct one); the
chinesecalendar package; and, for a year neither knows, the plain rule "Monday to Friday", with a
warning naming the year so that someone enters the schedule.
"""

import logging
from datetime import date, datetime, timedelta
from functools import lru_cache

import chinese_calendar

from .choices import DayKind

logger = logging.getLogger(__name__)

# Working days are searched day by day; no real schedule has a break this long.
_MAX_SCAN_DAYS = 366 * 5


@lru_cache(maxsize=64)
def _overrides(year: int) -> dict[date, bool]:
    from .models import HolidayOverride

    rows = HolidayOverride.objects.filter(date__year=year).values_list("date", "kind")
    return {d: kind == DayKind.WORKDAY for d, kind in rows}


@lru_cache(maxsize=64)
def _year_is_unknown(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return True
    return False


_warned_years: set[int] = set()


def clear_cache() -> None:
    """Forget cached overrides; core.holiday_overrides and core.holidays call it whenever an admin changes one."""
    _overrides.cache_clear()


def is_workday(d: date) -> bool:
    """Is `d` a working day (including a make-up working day on a weekend, 调休上班)?"""
    overrides = _overrides(d.year)
    if d in overrides:
        return overrides[d]
    if not _year_is_unknown(d.year):
        return chinese_calendar.is_workday(d)
    if not overrides and d.year not in _warned_years:
        _warned_years.add(d.year)
        logger.warning(
            "%s 年的法定节假日安排未录入，暂按周一至周五计算工作日；请在“系统管理 → 节假日安排”中录入。",
            d.year,
        )
    return d.weekday() < 5


def add_workdays(d: date, n: int) -> date:
    """The n-th working day after `d` (before it when n < 0); `d` itself when n == 0.

    Example: 2026-09-30 + 1 working day is 2026-10-08 (National Day holiday in between).
    """
    step = 1 if n >= 0 else -1
    remaining, current = abs(n), d
    for _ in range(_MAX_SCAN_DAYS * max(1, remaining)):
        if remaining == 0:
            return current
        current += timedelta(days=step)
        if is_workday(current):
            remaining -= 1
    raise ValueError(f"在 {d} 之后找不到第 {n} 个工作日")


def workdays_between(a: date, b: date) -> int:
    """Working days in the half-open interval (a, b]; negative when b is before a."""
    if b < a:
        return -workdays_between(b, a)
    return sum(1 for i in range(1, (b - a).days + 1) if is_workday(a + timedelta(days=i)))


def add_hours(dt: datetime, hours: float) -> datetime:
    """`dt` plus natural hours (e.g. 紧急移送 within 24 hours). Deadlines in hours run on the clock, not on
    working days; the arithmetic is done in UTC so a timezone change never shifts the result."""
    if dt.tzinfo is None:
        raise ValueError("add_hours needs an aware datetime (USE_TZ)")
    return dt + timedelta(hours=hours)


def next_workday_on_or_after(d: date) -> date:
    """`d` when it is a working day, else the first working day after it."""
    return d if is_workday(d) else add_workdays(d, 1)
