"""The minimum publication period before a penalty's disclosure may be repaired.

What the texts we could read say (public copies found 2026-12; the measures' own article text was not
read, so no article number is cited — docs/architecture.md §信用修复):
- 国家发展改革委《失信行为纠正后的信用信息修复管理办法（试行）》(2023年第58号令, in force 2023-05-01), as a
  district credit office's Q&A quotes it: "行政处罚信息的公示期限起点以行政处罚作出时间为准" and "食品、药品、
  特种设备、安全生产、消防领域行政处罚信息最短公示期一年"; a Shenzhen credit office applying it: at least three
  months, at most three years, one year for 特种设备、安全生产、消防, a penalty of several kinds the longest.
- 发改办财金〔2019〕527号 (the earlier notice for the credit websites, as quoted): 一般失信行为 three months to
  one year, 严重 six months to three years, "自行政处罚决定之日起"; no one-year field rule (its 特定严重失信行为 —
  e.g. 安全生产、消防安全 penalties of 责令停产停业 or 吊销 — stay public for the longest period, not repaired).
- News summaries of the NDRC's 《信用修复管理办法》 (adopted 2025-11-19, in force 2026-04-01): 一般 three
  months to one year, 严重 one to three years, from the decision — the defaults here. Whether it keeps the
  one-year fields we could not read.

So the period is the longer of the one the 失信程度 on the request sets and the one the penalty's own
执法领域 sets (the fields are a setting: which of an instance's 执法领域 are 特种设备、安全生产、消防 is its
own list). These rules govern the credit platforms; for an enforcement agency's own 公示 no text we hold
fixes the periods, so every number is a setting with these documented defaults."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .choices import Severity

SOURCE = "《失信行为纠正后的信用信息修复管理办法（试行）》"
# 执法领域 code → the 领域 the rule names. The seeded list (registry 0002) has 应急管理 (安全生产) but no
# 特种设备 or 消防 field (特种设备 is a 市场监管 duty): an instance that keeps one adds its code.
ONE_YEAR_FIELDS = {"emergency": "安全生产"}


@dataclass(frozen=True)
class MinimumPeriod:
    """The period a request is held to and why: by the 失信程度, or by the penalty's 执法领域 (`domain`,
    the 领域 the rule names, and `field_name`, the 执法领域 it was read from)."""

    months: int
    severity: str
    domain: str = ""
    field_name: str = ""

    @property
    def label(self) -> str:
        return period_label(self.months)

    @property
    def basis(self) -> str:
        """Why this period, as the request's page shows it."""
        if self.domain:
            return f"执法领域“{self.field_name}”属于{self.domain}领域，不论失信程度"
        return f"按失信程度：{Severity(self.severity).label}"

    @property
    def rule(self) -> str:
        """The rule, as a refusal states it."""
        if self.domain:
            return f"该行政处罚属于{self.domain}领域，最短公示期为{self.label}，不论失信程度"
        return f"{Severity(self.severity).label}的行政处罚信息最短公示期为{self.label}"


def period_label(months: int) -> str:
    """12 → "1年", 3 → "3个月", 18 → "18个月"."""
    return f"{months // 12}年" if months and months % 12 == 0 else f"{months}个月"


def minimum_months(severity: str) -> int:
    """ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS (default 3) or ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS (default 12)."""
    if severity == Severity.SERIOUS:
        return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS", 12))
    return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS", 3))


def field_months() -> int:
    """ZHIFA_CREDIT_REPAIR_FIELD_MONTHS (default 12): the period of a penalty in one of one_year_fields()."""
    return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_FIELD_MONTHS", 12))


def one_year_fields() -> dict[str, str]:
    """ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS: 执法领域 code → 特种设备 / 安全生产 / 消防 (default ONE_YEAR_FIELDS)."""
    return dict(getattr(settings, "ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS", ONE_YEAR_FIELDS))


def minimum_period(severity: str, fields: Iterable[tuple[str, str]] = ()) -> MinimumPeriod:
    """The period of a penalty whose 执法领域 are `fields` ((code, name), the case's first), asked for as
    `severity`: the field's period when one of them is listed and its period is no shorter."""
    by_severity = MinimumPeriod(minimum_months(severity), severity)
    listed = one_year_fields()
    code, name = next(((c, n) for c, n in fields if c in listed), ("", ""))
    if code and field_months() >= by_severity.months:
        return MinimumPeriod(field_months(), severity, domain=listed[code], field_name=name)
    return by_severity


def add_months(day: date, months: int) -> date:
    """`day` `months` later; the month's last day when it is shorter (31 August + 3 → 30 November)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def earliest_repair(decided_on: date, severity: str, fields: Iterable[tuple[str, str]] = ()) -> date:
    """The first day a request may be made: the minimum period after the day of the decision."""
    return add_months(decided_on, minimum_period(severity, fields).months)
