"""The period a meeting's decision is given when the minutes name none: no text we hold fixes one, so it
is a setting with a documented default."""

from datetime import date

from django.conf import settings
from django.utils import timezone


def decision_workdays() -> int:
    """Default working days to carry out a meeting's decision (setting ZHIFA_MEETING_DECISION_WORKDAYS,
    default 15)."""
    return int(getattr(settings, "ZHIFA_MEETING_DECISION_WORKDAYS", 15))


MAX_WORKDAYS = 250  # about a year of working days


def today() -> date:
    return timezone.localdate()
