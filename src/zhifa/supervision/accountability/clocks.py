"""The deadline of a 责任追究案件. No text we hold fixes how long a proceeding may take, so it is a setting
per region with a documented default (supervision/regional.py), counted on the working-day clock
(core.workdays) from the day it is filed:

    ZHIFA_ACCOUNTABILITY_WORKDAYS_BY_REGION = {"<区划代码>": 工作日}   # the nearest region up the tree wins
    ZHIFA_ACCOUNTABILITY_WORKDAYS = 60                              # every other region; default 60

0 means no deadline. The region is that of the officer's agency. An open proceeding past it shows on the
supervisor's 工作台; a change of the holiday schedule moves it (supervision.deadlines)."""

from datetime import date

from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.models import Region

from ..regional import workdays_setting

DEFAULT_WORKDAYS = 60


def today() -> date:
    """The accountability clock's today (one function, so tests can set the day)."""
    return timezone.localdate()


def decision_workdays(region: Region | None = None) -> int:
    """立案之日起的办理期限（工作日） for an officer of an agency of `region` (None: every region's)."""
    return workdays_setting("ZHIFA_ACCOUNTABILITY_WORKDAYS", region, DEFAULT_WORKDAYS)


def due_on(filed_on: date, region: Region | None = None) -> date | None:
    """The day a proceeding filed on `filed_on` should be decided by (None: no deadline set)."""
    days = decision_workdays(region)
    return workdays.add_workdays(filed_on, days) if days > 0 else None
