"""The clocks of 抄告 (seed 004 五(一)), counted on the working-day clock (core.workdays):

- NOTICE_WORKDAYS: 业务主管部门作出的行政审批事项，一般应于10个工作日内告知综合行政执法部门；情况紧急的，应当在作出
  后立即告知 (due the day of the decision); 综合行政执法部门在作出行政处罚决定后，应及时将处理结果反馈给相关业务主管
  部门（最长不超过10个工作日）.
- ack_workdays(): how long the receiver has to acknowledge a sent 抄告. No text we hold fixes it: the setting
  ZHIFA_NOTICE_ACK_WORKDAYS, default 3 working days from the day it was sent."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays

NOTICE_WORKDAYS = 10  # seed 004 五(一)
DEFAULT_ACK_WORKDAYS = 3


def today() -> date:
    """The 协同 clock's today (one function, so tests can set the day)."""
    return timezone.localdate()


def ack_workdays() -> int:
    return int(getattr(settings, "ZHIFA_NOTICE_ACK_WORKDAYS", DEFAULT_ACK_WORKDAYS))


def notice_due(decided_on: date, urgent: bool) -> tuple[date, int | None]:
    """(due date, working days): immediately when urgent, else 10 working days after the decision."""
    if urgent:
        return decided_on, None
    return workdays.add_workdays(decided_on, NOTICE_WORKDAYS), NOTICE_WORKDAYS


def ack_due(sent_on: date, days: int | None = None) -> date:
    return workdays.add_workdays(sent_on, days if days is not None else ack_workdays())
