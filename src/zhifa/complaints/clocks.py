"""The clocks of 投诉举报, on the working-day calendar (core.workdays). No text we hold fixes these periods
for every enforcement field, so each is a setting per region (supervision.regional: {区划代码: 工作日}, the
nearest region up the tree winning, else the setting for every region, else the documented default):

- ZHIFA_COMPLAINT_ACK_WORKDAYS (default 3): 受理期限, from receipt to the competent agency's acceptance;
- ZHIFA_COMPLAINT_REPLY_WORKDAYS (default 15): 答复期限, from receipt to the reply;
- ZHIFA_COMPLAINT_EXTENSION_WORKDAYS (default 15): the longest extension of the reply (with a reason);
- ZHIFA_COMPLAINT_RATING_WORKDAYS (default 10): how long the complainant may rate the reply before the
  agency may close it unrated;
- ZHIFA_COMPLAINT_CASE_WORKDAYS (default 15): 有案不立 — a report about an enforceable matter is expected to
  have led to a case within this many working days of acceptance (the common 立案 period of the
  penalty procedure rules of the departments, e.g. 市场监督管理行政处罚程序规定 第十八条);
- ZHIFA_COMPLAINT_DUPLICATE_DAYS (default 30, natural days): the window of duplicate suggestions.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays
from zhifa.core.models import Region
from zhifa.supervision.regional import workdays_setting

ACK_DEFAULT = 3
REPLY_DEFAULT = 15
EXTENSION_DEFAULT = 15
RATING_DEFAULT = 10
CASE_DEFAULT = 15
DUPLICATE_DAYS_DEFAULT = 30


def today() -> date:
    return timezone.localdate()


def ack_workdays(region: Region | None) -> int:
    return workdays_setting("ZHIFA_COMPLAINT_ACK_WORKDAYS", region, ACK_DEFAULT)


def reply_workdays(region: Region | None) -> int:
    return workdays_setting("ZHIFA_COMPLAINT_REPLY_WORKDAYS", region, REPLY_DEFAULT)


def extension_workdays(region: Region | None) -> int:
    return workdays_setting("ZHIFA_COMPLAINT_EXTENSION_WORKDAYS", region, EXTENSION_DEFAULT)


def rating_workdays(region: Region | None) -> int:
    return workdays_setting("ZHIFA_COMPLAINT_RATING_WORKDAYS", region, RATING_DEFAULT)


def case_workdays(region: Region | None) -> int:
    return workdays_setting("ZHIFA_COMPLAINT_CASE_WORKDAYS", region, CASE_DEFAULT)


def duplicate_days() -> int:
    return int(getattr(settings, "ZHIFA_COMPLAINT_DUPLICATE_DAYS", DUPLICATE_DAYS_DEFAULT))


def ack_due(received_on: date, region: Region | None) -> date:
    """受理期限: the n-th working day after receipt."""
    return workdays.add_workdays(received_on, ack_workdays(region))


def reply_due(received_on: date, region: Region | None, extension: int = 0) -> date:
    """答复期限: the n-th working day after receipt, plus the extension granted."""
    return workdays.add_workdays(received_on, reply_workdays(region) + extension)


def rating_closes(replied_on: date, region: Region | None) -> date:
    return workdays.add_workdays(replied_on, rating_workdays(region))


def case_due(accepted_on: date, region: Region | None) -> date:
    return workdays.add_workdays(accepted_on, case_workdays(region))


def duplicate_since(on: date) -> date:
    return on - timedelta(days=duplicate_days())
