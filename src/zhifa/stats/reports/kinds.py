"""报送事项: the forms the seeds require agencies to send up — which figures, for which period, by when.

Each kind is a template in code (the seeds fix them; a new kind is a new entry here): its figures (counts
or money; `computed` when the platform can fill it from its own data, see `figures.py`), its periods in a
year, and how its deadline is found (a fixed date of the seeds, or working days after the period — clocks).
Who sends and to whom is the same for every kind (`senders.py`): the agencies of a justice bureau's region
to that bureau."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import models

from . import clocks


class ReportKind(models.TextChoices):
    ANNUAL = "annual", "行政执法统计年报"
    QUARTERLY = "quarterly", "季度执法数据"
    CAMPAIGN = "campaign", "专项整治进展报告"
    PROGRESS = "progress", "提升行政执法质量三年行动落实情况"
    SELF_CHECK = "self_check", "“三项制度”自查及工作总结"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    money: bool = False  # 元, two decimals; otherwise a whole number
    computed: bool = False  # pre-filled from the platform's data (figures.py)


@dataclass(frozen=True)
class Period:
    code: str  # "2026", "2026-Q1", "2026-C1", "2026-H1"
    label: str
    start: date
    end: date


@dataclass(frozen=True)
class Kind:
    code: str
    basis: str  # the seed's words
    rule: str  # the deadline, for people
    figures: tuple[Figure, ...]
    periods: Callable[[int], list[Period]]
    due: Callable[[Period], tuple[date, int | None]]  # (deadline, working days after the period's end)
    # a text the sender must write (its label), besides the figures: e.g. the 自查情况及工作总结
    note_label: str = ""

    @property
    def label(self) -> str:
        return ReportKind(self.code).label

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def period(self, code: str) -> Period | None:
        try:
            year = int(code[:4])
        except ValueError:
            return None
        if not 2000 <= year <= 2999:  # a typing error, not a period the platform reports on
            return None
        return next((p for p in self.periods(year) if p.code == code), None)


CASE_FIGURES = (
    Figure("registered", "立案数", computed=True),
    Figure("penalties", "作出行政处罚决定数", computed=True),
    Figure("fine_total", "罚款金额（元）", money=True, computed=True),
    Figure("confiscation_total", "没收违法所得金额（元）", money=True, computed=True),
    Figure("no_penalty", "不予行政处罚决定数", computed=True),
    Figure("transfers", "移送案件数", computed=True),
    Figure("hearings", "举行听证数", computed=True),
)


def _year(year: int) -> list[Period]:
    return [Period(str(year), f"{year}年度", date(year, 1, 1), date(year, 12, 31))]


def _quarters(year: int) -> list[Period]:
    ends = ((3, 31), (6, 30), (9, 30), (12, 31))
    return [
        Period(
            f"{year}-Q{n}",
            f"{year}年第{'一二三四'[n - 1]}季度",
            date(year, 3 * n - 2, 1),
            date(year, *ends[n - 1]),
        )
        for n in range(1, 5)
    ]


def _campaign_rounds(year: int) -> list[Period]:
    (m1, d1), (m2, d2) = clocks.CAMPAIGN_DUES
    return [
        Period(f"{year}-C1", f"{year}年5月底报送（1月至5月）", date(year, 1, 1), date(year, m1, d1)),
        Period(f"{year}-C2", f"{year}年11月底报送（6月至11月）", date(year, m1 + 1, 1), date(year, m2, d2)),
    ]


def _halves(year: int) -> list[Period]:
    return [
        Period(f"{year}-H1", f"{year}年上半年", date(year, 1, 1), date(year, 6, 30)),
        Period(f"{year}-H2", f"{year}年下半年", date(year, 7, 1), date(year, 12, 31)),
    ]


def _annual_due(period: Period) -> tuple[date, int | None]:
    return date(period.end.year + 1, *clocks.ANNUAL_DUE), None


def _campaign_due(period: Period) -> tuple[date, int | None]:
    return period.end, None


def _self_check_due(period: Period) -> tuple[date, int | None]:
    return date(period.end.year, *clocks.self_check_due()), None


def _workdays_due(days: Callable[[], int]) -> Callable[[Period], tuple[date, int | None]]:
    def due(period: Period) -> tuple[date, int | None]:
        n = days()
        return clocks.after(period.end, n), n

    return due


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            ReportKind.ANNUAL,
            "各行政执法机关于每年1月31日前公开本机关上年度行政执法总体情况和有关数据，并报县司法行政部门和上级主管部门"
            "（行政执法三项制度实施方案 二(二)8）",
            "次年1月31日前",
            CASE_FIGURES,
            _year,
            _annual_due,
        ),
        Kind(
            ReportKind.QUARTERLY,
            "行政执法数据按季度报送同级司法行政部门汇总（期限未见明文，按系统设置）",
            "季度结束后若干个工作日内（系统设置，默认10个工作日）",
            CASE_FIGURES,
            _quarters,
            _workdays_due(clocks.quarterly_workdays),
        ),
        Kind(
            ReportKind.CAMPAIGN,
            "于今年5月底和11月底前将专项整治及组织“回头看”情况报送市司法局汇总（年度行政执法监督工作方案 (五)14）",
            "5月31日前、11月30日前",
            (
                Figure("problems", "梳理突出问题（个）"),
                Figure("rectified", "已完成整改（个）"),
                Figure("reviews", "组织“回头看”（次）"),
                Figure("cases", "查处典型案件（件）"),
            ),
            _campaign_rounds,
            _campaign_due,
        ),
        Kind(
            ReportKind.PROGRESS,
            "建立工作台账，细化任务分工，并定期梳理总结开展情况报送同级司法行政部门（年度行政执法监督工作方案 (二)5）",
            "半年结束后若干个工作日内（系统设置，默认15个工作日）",
            (
                Figure("tasks_total", "重点任务数（项）"),
                Figure("tasks_done", "已完成重点任务（项）"),
                Figure("trainings", "组织培训（场次）"),
                Figure("trained", "参训人员（人次）"),
            ),
            _halves,
            _workdays_due(clocks.progress_workdays),
        ),
        Kind(
            ReportKind.SELF_CHECK,
            "各行政执法机关要对本部门全面推行“三项制度”工作情况组织自查，并于10月底前将“三项制度”工作总结报县司法局"
            "（行政执法三项制度实施方案 五(四)）",
            "每年10月31日前（系统设置）",
            (
                Figure("problems", "自查发现问题（个）"),
                Figure("rectified", "已整改问题（个）"),
            ),
            _year,
            _self_check_due,
            note_label="自查情况及工作总结",
        ),
    )
}


def kind(code: str) -> Kind:
    return KINDS[code]
