"""The clocks of 报送, on the working-day clock (core.workdays).

Fixed by the seeds (constants with their section; a fixed calendar date, not moved by a calendar change):
- ANNUAL_DUE: 统计年报 "各行政执法机关于每年1月31日前公开本机关上年度行政执法总体情况和有关数据，并报县司法
  行政部门和上级主管部门" (seed 003 二(二)8) — January 31 of the next year.
- CAMPAIGN_DUES: 专项整治 "于今年5月底和11月底前将专项整治及组织'回头看'情况报送市司法局汇总" (seed 001 (五)14)
  — May 31 and November 30.

Open (settings with their documented default; counted in working days after the period ends):
- quarterly_workdays(): 季度执法数据 — no text we hold fixes it: ZHIFA_QUARTERLY_REPORT_WORKDAYS, default 10.
- progress_workdays(): 三年行动落实情况 "定期梳理总结开展情况报送同级司法行政部门" (seed 001 (二)5) names no day:
  ZHIFA_PROGRESS_REPORT_WORKDAYS, default 15.
- self_check_due(): “三项制度”自查及工作总结 “于2019年10月底前…报县司法局” (seed 003 五(四)) names that year's
  day only: ZHIFA_SELF_CHECK_DUE ("月-日"), default "10-31", each year.
- resubmit_workdays(): a returned submission is due again this many working days after the return (or by
  its first deadline when that is later): ZHIFA_RESUBMIT_WORKDAYS, default 5."""

from datetime import date

from django.conf import settings
from django.utils import timezone

from zhifa.core import workdays

ANNUAL_DUE = (1, 31)  # seed 003 二(二)8: 每年1月31日前
CAMPAIGN_DUES = ((5, 31), (11, 30))  # seed 001 (五)14: 5月底和11月底前
DEFAULT_QUARTERLY_WORKDAYS = 10
DEFAULT_PROGRESS_WORKDAYS = 15
DEFAULT_RESUBMIT_WORKDAYS = 5
DEFAULT_SELF_CHECK_DUE = "10-31"


def today() -> date:
    """The 报送 clock's today (one function, so tests and the demo can set the day)."""
    return timezone.localdate()


def quarterly_workdays() -> int:
    return int(getattr(settings, "ZHIFA_QUARTERLY_REPORT_WORKDAYS", DEFAULT_QUARTERLY_WORKDAYS))


def progress_workdays() -> int:
    return int(getattr(settings, "ZHIFA_PROGRESS_REPORT_WORKDAYS", DEFAULT_PROGRESS_WORKDAYS))


def resubmit_workdays() -> int:
    return int(getattr(settings, "ZHIFA_RESUBMIT_WORKDAYS", DEFAULT_RESUBMIT_WORKDAYS))


def after(start: date, days: int) -> date:
    return workdays.add_workdays(start, days)


def self_check_due() -> tuple[int, int]:
    """(month, day) of the yearly 自查及工作总结 deadline."""
    month, day = str(getattr(settings, "ZHIFA_SELF_CHECK_DUE", DEFAULT_SELF_CHECK_DUE)).split("-")
    return int(month), int(day)
