"""The deadlines of 监督事项. No text we hold fixes them (行政执法监督条例 leaves the reply and the
rectification period to the instrument), so each is a setting per region with a documented default,
counted on the working-day clock (core.workdays) from the day the instrument is issued:

    ZHIFA_SUPERVISION_WORKDAYS = {"<区划代码>": {"<文书种类>": [答复工作日, 整改工作日]}}

The nearest region up the tree that names the instrument wins; without one, DEFAULT_WORKDAYS:
通知书 10 / 20 working days, 意见书 15 / 30 (local practice: a 监督建议书 is answered within 15 days),
决定书 15 / 30. A 限期整改 ordered on escalation runs ZHIFA_SUPERVISION_DEADLINE_WORKDAYS_BY_REGION
({"<区划代码>": 工作日}, nearest region up the tree), else ZHIFA_SUPERVISION_DEADLINE_WORKDAYS (default 10).
"""

from datetime import date

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.models import Region

from ..regional import nearest, workdays_setting
from .choices import Grade

DEFAULT_WORKDAYS: dict[str, tuple[int, int]] = {
    Grade.NOTICE: (10, 20),
    Grade.OPINION: (15, 30),
    Grade.DECISION: (15, 30),
}
DEFAULT_DEADLINE_WORKDAYS = 10


def today() -> date:
    """The supervision clock's today (one function, so tests can set the day)."""
    return timezone.localdate()


def workdays_for(region: Region, grade: str) -> tuple[int, int]:
    """(reply, rectification) working days for an instrument of `grade` issued to an agency of `region`."""
    configured = getattr(settings, "ZHIFA_SUPERVISION_WORKDAYS", {}) or {}
    by_grade = {code: days[grade] for code, days in configured.items() if (days or {}).get(grade)}
    value = nearest(region, by_grade)
    return (int(value[0]), int(value[1])) if value else DEFAULT_WORKDAYS[grade]


def deadline_workdays(region: Region | None = None) -> int:
    """限期整改的期限（工作日） for an agency of `region`."""
    return workdays_setting("ZHIFA_SUPERVISION_DEADLINE_WORKDAYS", region, DEFAULT_DEADLINE_WORKDAYS)


def default_deadlines(region: Region, grade: str, on: date | None = None) -> tuple[date, date]:
    """The default (reply, rectification) deadlines of an instrument issued on `on` (today)."""
    start = on or today()
    reply, rectify = workdays_for(region, grade)
    return workdays.add_workdays(start, reply), workdays.add_workdays(start, rectify)
