"""The clocks of 行刑衔接 and of the court enforcement application, each constant with its article:

- APPROVAL_DAYS: 《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条 — 正职负责人或者主持工作的负责人应当
  自接到报告之日起3日内作出批准移送或者不批准移送的决定 (days, counted on the calendar: the 规定 says 日).
- TRANSFER_HOURS: the same article — 决定批准的，应当在24小时内向同级公安机关移送 (the hour clock,
  core.workdays.add_hours).
- LITIGATION_MONTHS: 行政诉讼法 第四十六条 — 自知道或者应当知道作出行政行为之日起六个月内提出 (the longer of the
  periods for 复议 (60 days, 行政复议法) and 诉讼), from the service of the decision.
- APPLY_MONTHS: 行政强制法 第五十三条 — 当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有
  行政强制执行权的行政机关可以自期限届满之日起三个月内……申请人民法院强制执行.
- REMINDER_DAYS: 行政强制法 第五十四条 — 催告书送达十日后当事人仍未履行义务的，可以……申请强制执行."""

import calendar
from datetime import date, datetime, timedelta

from zhifa.core import workdays

from ..notices import clocks as notice_clocks

APPROVAL_DAYS = 3  # 国务院令第310号 第五条
TRANSFER_HOURS = 24  # 国务院令第310号 第五条
LITIGATION_MONTHS = 6  # 行政诉讼法 第四十六条
APPLY_MONTHS = 3  # 行政强制法 第五十三条
REMINDER_DAYS = 10  # 行政强制法 第五十四条


def today() -> date:
    """The 协同 clock's today (notices.clocks.today: one function for tests and the demo to set)."""
    return notice_clocks.today()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day: 8月31日 + 6个月 = 2月28日)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def approval_due(reported_on: date) -> date:
    return reported_on + timedelta(days=APPROVAL_DAYS)


def transfer_due(approved_at: datetime) -> datetime:
    return workdays.add_hours(approved_at, TRANSFER_HOURS)


def period_ends(served_on: date) -> date:
    """The last day the party may still challenge the decision (行政诉讼法 第四十六条)."""
    return add_months(served_on, LITIGATION_MONTHS)


def apply_due(period_end: date) -> date:
    """The last day to apply to the court (行政强制法 第五十三条)."""
    return add_months(period_end, APPLY_MONTHS)


def earliest_after_reminder(reminded_on: date) -> date:
    """The first day an application may be made after the 催告书 was served (第五十四条: 送达十日后)."""
    return reminded_on + timedelta(days=REMINDER_DAYS + 1)
