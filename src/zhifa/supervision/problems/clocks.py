"""The clock of 整改任务. No text we hold fixes a rectification period (seed 001 §15–17 give campaign
end dates, not per-problem ones), so the default is a setting with a documented default, counted on the
working-day clock: ZHIFA_PROBLEM_RECTIFY_WORKDAYS (default 20 working days from the day it is set)."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays

DEFAULT_RECTIFY_WORKDAYS = 20


def today() -> date:
    """The problems clock's today (one function, so tests can set the day)."""
    return timezone.localdate()


def rectify_workdays() -> int:
    return int(getattr(settings, "ZHIFA_PROBLEM_RECTIFY_WORKDAYS", DEFAULT_RECTIFY_WORKDAYS))


def default_due(on: date | None = None) -> date:
    return workdays.add_workdays(on or today(), rectify_workdays())
