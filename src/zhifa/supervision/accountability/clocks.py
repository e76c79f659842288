"""The deadline of a 责任追究案件. No text we hold fixes how long a proceeding may take, so it is a setting
with a documented default, counted on the working-day clock (core.workdays) from the day it is filed:

    ZHIFA_ACCOUNTABILITY_WORKDAYS = 60   # 立案之日起的工作日数；0 表示不设办理期限

An open proceeding past it shows on the supervisor's 工作台."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays

DEFAULT_WORKDAYS = 60


def today() -> date:
    """The accountability clock's today (one function, so tests can set the day)."""
    return timezone.localdate()


def decision_workdays() -> int:
    return int(getattr(settings, "ZHIFA_ACCOUNTABILITY_WORKDAYS", DEFAULT_WORKDAYS))


def due_on(filed_on: date) -> date | None:
    """The day a proceeding filed on `filed_on` should be decided by (None: no deadline set)."""
    days = decision_workdays()
    return workdays.add_workdays(filed_on, days) if days > 0 else None
