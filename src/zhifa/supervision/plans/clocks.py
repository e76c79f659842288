"""Periods of 监督计划 and 督办. No text we hold fixes the time an agency has to handle a 督办, so it is a
setting per region with a documented default (local practice, e.g. a reply to a 监督建议书 within 15 days):

    ZHIFA_OVERSIGHT_WORKDAYS_BY_REGION = {"<区划代码>": 工作日}   # the nearest region up the tree wins
    ZHIFA_OVERSIGHT_WORKDAYS = 工作日                            # every other region; default 15
"""

from datetime import date

from zhifa.core import workdays
from zhifa.core.models import Region

from ..regional import workdays_setting

DEFAULT_OVERSIGHT_WORKDAYS = 15


def oversight_workdays(region: Region | None = None) -> int:
    """督办的默认办理期限（工作日） for an agency of `region` (None: the setting for every region)."""
    return workdays_setting("ZHIFA_OVERSIGHT_WORKDAYS", region, DEFAULT_OVERSIGHT_WORKDAYS)


def default_oversight_due(opened: date, region: Region | None = None) -> date:
    return workdays.add_workdays(opened, oversight_workdays(region))


def on_clock(day: date) -> date:
    """A deadline on the working-day clock: one falling on a rest day moves to the next working day."""
    return workdays.next_workday_on_or_after(day)
