"""The minimum publication period before a penalty's disclosure may be repaired.

The text in force (since 2026-04-01): 国家发展改革委《信用修复管理办法》(国家发展和改革委员会令第36号, adopted
2025-11-19, in force 2026-04-01; it repeals the 2023 measures, 第58号令). What we could read of it (public
copies and the NDRC's announcement as reported, found 2026-12 through the search tool; the articles on the
periods were not read in full, so no article number is cited): 失信信息 are 轻微、一般、严重; 轻微 are in
principle not published (if published, at most three months, repairable once the obligations are
performed); 一般 at least three months and at most one year; 严重 at least one year and at most three years;
the period runs from the day the 司法、行政公务文书 found the conduct (for a penalty: its decision); a request
only after the minimum period — the defaults here (SOURCE, cited in the refusals).

Before it, 国家发展改革委《失信行为纠正后的信用信息修复管理办法（试行）》(2023年第58号令, 2023-05-01 to
2026-03-31), as a district credit office's Q&A and a Shenzhen credit office quote it: at least three months,
at most three years, "食品、药品、特种设备、安全生产、消防领域行政处罚信息最短公示期一年", a penalty of several kinds
the longest, "行政处罚信息的公示期限起点以行政处罚作出时间为准"; and 发改办财金〔2019〕527号: 一般 three months to
one year, 严重 six months to three years. Whether the 2025 measures keep the one-year fields we could not
read (the summaries of it name none; it lets each 行业主管部门 set its own classification standards), so the
one-year field rule is an instance setting (ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS), and a refusal on it says
so (按本平台设置) rather than citing the measures for it.

So the period is the longer of the one the 失信程度 on the request sets and the one the penalty's own
执法领域 sets. These rules govern the credit platforms; for an enforcement agency's own 公示 no text we hold
fixes the periods, so every number is a setting with these documented defaults. 轻微 is not a 失信程度 here:
a penalty by the simple procedure (the measures' 轻微 example) is asked for as 一般."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .choices import Severity

SOURCE = "《信用修复管理办法》"  # 国家发展和改革委员会令第36号, in force 2026-04-01
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
            return f"该行政处罚属于{self.domain}领域，按本平台设置最短公示期为{self.label}，不论失信程度"
        return f"{Severity(self.severity).label}的行政处罚信息最短公示期为{self.label}"


def period_label(months: int) -> str:
    """12 → "1年", 3 → "3个月", 18 → "18个月"."""
    return f"{months // 12}年" if months and months % 12 == 0 else f"{months}个月"


def minimum_months(severity: str) -> int:
    """ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS (default 3) or ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS (default 12): the
    minimum periods of 一般 and 严重 失信信息 in 《信用修复管理办法》 (令第36号)."""
    if severity == Severity.SERIOUS:
        return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS", 12))
    return int(getattr(settings, "ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS", 3))


def field_months() -> int:
    """ZHIFA_CREDIT_REPAIR_FIELD_MONTHS (default 12): the period of a penalty in one of one_year_fields() (the
    58号令's one year for 食品、药品、特种设备、安全生产、消防; not confirmed in the 2025 measures)."""
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
