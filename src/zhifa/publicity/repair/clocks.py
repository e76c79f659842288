"""The minimum publication period before a penalty's disclosure may be repaired.

国家发展改革委《失信行为纠正后的信用信息修复管理办法（试行）》(2023年第58号令) sets the shortest
publication of 行政处罚信息 at three months for 一般失信行为 and one year for 严重失信行为 (longest one
and three years). The periods run from the day of the penalty decision, not of its publication
(发改办财金〔2019〕527号: "自行政处罚决定之日起"; local credit offices apply the 2023 measures the same way:
"公示期限起点以行政处罚作出时间为准"). It governs the credit platforms; for an enforcement agency's own 公示
no text we hold fixes the period, so both are settings with these documented defaults."""

import calendar
from datetime import date

from django.conf import settings

from .choices import Severity

SOURCE = "《失信行为纠正后的信用信息修复管理办法（试行）》"


def minimum_months(severity: str) -> int:
    """ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS (default 3) or ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS (default 12)."""
    if severity == Severity.SERIOUS:
        return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS", 12))
    return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS", 3))


def add_months(day: date, months: int) -> date:
    """`day` `months` later; the month's last day when it is shorter (31 August + 3 → 30 November)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def earliest_repair(decided_on: date, severity: str) -> date:
    """The first day a request may be made: the minimum period after the day of the decision."""
    return add_months(decided_on, minimum_months(severity))
