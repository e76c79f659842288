"""The clocks of 协助 (seed 004 五(二)):

- REPLY_WORKDAYS: 认定、鉴定、咨询 — "该部门应当自收函之日起5个工作日内书面反馈", counted from the day the
  helper receives the request (签收), on the working-day clock.
- onsite_hours(): 情况紧急或证据可能灭失的，"应当及时派员现场处置": no text fixes the hours, so the setting
  ZHIFA_ASSISTANCE_ONSITE_HOURS, default 2, from the request on the hour clock (core.workdays.add_hours).
- archive_workdays(): 查阅、复制档案 — "应积极支持", no period: ZHIFA_ASSISTANCE_ARCHIVE_WORKDAYS, default 5.
An extension (情况特殊或认定、鉴定需较长时间的，应事先告知) sets a later date before the current one has passed."""

from datetime import date, datetime

from django.conf import settings

from zhifa.core import workdays

from ..notices import clocks as notice_clocks
from .choices import AssistanceKind

REPLY_WORKDAYS = 5  # seed 004 五(二): 自收函之日起5个工作日内书面反馈
DEFAULT_ONSITE_HOURS = 2
DEFAULT_ARCHIVE_WORKDAYS = 5


def today() -> date:
    """The 协同 clock's today (notices.clocks.today: one function for tests and the demo to set)."""
    return notice_clocks.today()


def onsite_hours() -> float:
    return float(getattr(settings, "ZHIFA_ASSISTANCE_ONSITE_HOURS", DEFAULT_ONSITE_HOURS))


def archive_workdays() -> int:
    return int(getattr(settings, "ZHIFA_ASSISTANCE_ARCHIVE_WORKDAYS", DEFAULT_ARCHIVE_WORKDAYS))


def workdays_for(kind: str) -> int | None:
    """The working days a request of `kind` is answered in (None: on-site help runs in hours)."""
    if kind == AssistanceKind.ONSITE:
        return None
    return archive_workdays() if kind == AssistanceKind.ARCHIVE else REPLY_WORKDAYS


def reply_due(received_on: date, days: int) -> date:
    return workdays.add_workdays(received_on, days)


def onsite_due(sent_at: datetime) -> datetime:
    return workdays.add_hours(sent_at, onsite_hours())
