"""The clocks of 社会监督. No text we hold fixes either period, so both are settings with documented defaults:

- the answer to a feedback: ZHIFA_SOCIAL_FEEDBACK_ANSWER_WORKDAYS (default 15 working days from the day it
  was received), per region with ZHIFA_SOCIAL_FEEDBACK_ANSWER_WORKDAYS_BY_REGION ({区划代码: 工作日}, the
  nearest region of the concerned agency up the tree wins; supervision/regional.py);
- "即将到期" of a supervisor's or contact point's term: ZHIFA_SOCIAL_EXPIRING_DAYS (default 30 calendar days
  before the term ends)."""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.models import Region
from zhifa.supervision.regional import workdays_setting

DEFAULT_ANSWER_WORKDAYS = 15
DEFAULT_EXPIRING_DAYS = 30


def today() -> date:
    """The clock's today (one function, so tests can set the day)."""
    return timezone.localdate()


def answer_workdays(region: Region | None) -> int:
    return workdays_setting("ZHIFA_SOCIAL_FEEDBACK_ANSWER_WORKDAYS", region, DEFAULT_ANSWER_WORKDAYS)


def answer_due(received_on: date, region: Region | None) -> date:
    return workdays.add_workdays(received_on, answer_workdays(region))


def expiring_days() -> int:
    return int(getattr(settings, "ZHIFA_SOCIAL_EXPIRING_DAYS", DEFAULT_EXPIRING_DAYS))


def expiring_until(on: date | None = None) -> date:
    """A term ending on or before this day (and not yet ended) is 即将到期."""
    return (on or today()) + timedelta(days=expiring_days())
