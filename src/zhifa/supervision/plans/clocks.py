"""Periods of 监督计划 and 督办. No text we hold fixes the time an agency has to handle a 督办, so it is a
setting with a documented default (local practice, e.g. a reply to a 监督建议书 within 15 days)."""

from datetime import date

from django.conf import settings

from zhifa.core import workdays


def oversight_workdays() -> int:
    """督办的默认办理期限（工作日）: setting ZHIFA_OVERSIGHT_WORKDAYS, default 15."""
    return int(getattr(settings, "ZHIFA_OVERSIGHT_WORKDAYS", 15))


def default_oversight_due(opened: date) -> date:
    return workdays.add_workdays(opened, oversight_workdays())


def on_clock(day: date) -> date:
    """A deadline on the working-day clock: one falling on a rest day moves to the next working day."""
    return workdays.next_workday_on_or_after(day)
