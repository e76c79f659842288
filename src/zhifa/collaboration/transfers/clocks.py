"""The clocks of a 案件移送.

- SEND_WORKDAYS 3: "发现违法行为应由对方查处的，应在3个工作日内移送" (seed 004 五(三)3), counted on the
  working-day clock from the day after discovery (`core.workdays.add_workdays`).
- URGENT_HOURS 24: "情况紧急的，应立即责令当事人停止违法行为，及时告知有权处理一方，并在24小时内移送"
  (seed 004 五(三)3), on the hour clock from the moment of discovery (`core.workdays.add_hours`).
- answer_workdays(): the receiver's time to acknowledge and accept or refuse. No text we hold fixes it, so it
  is a setting, ZHIFA_TRANSFER_ANSWER_WORKDAYS, default 5 working days from the day the transfer is sent
  (the 5 working days seed 004 五(二) gives a department to answer a written request of the other side).
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays

SEND_WORKDAYS = 3  # seed 004 五(三)3
URGENT_HOURS = 24  # seed 004 五(三)3
DEFAULT_ANSWER_WORKDAYS = 5


def answer_workdays() -> int:
    return int(getattr(settings, "ZHIFA_TRANSFER_ANSWER_WORKDAYS", DEFAULT_ANSWER_WORKDAYS))


def send_due(discovered_at: datetime) -> date:
    """The last day to send: the 3rd working day after the day of discovery."""
    return workdays.add_workdays(timezone.localtime(discovered_at).date(), SEND_WORKDAYS)


def urgent_due(discovered_at: datetime) -> datetime:
    """The moment an urgent transfer must be sent by: 24 hours after discovery."""
    return workdays.add_hours(discovered_at, URGENT_HOURS)


def answer_due(sent_on: date) -> date:
    return workdays.add_workdays(sent_on, answer_workdays())


def now() -> datetime:
    return timezone.now()
