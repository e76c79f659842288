"""A dashboard (驾驶舱): every figure of a scope over a period, each from ONE grouped query of its
concept's module, then added up by key (the tables, the charts) and by unit (the drill-down to the
sub-regions and agencies) in Python over the grouped rows, never one query per agency."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zhifa.core import formatting
from zhifa.core.replica import using_replica

from ..ontime import Period, Tally
from ..scope import Scope, Unit, units
from . import cases, complaints, inspections, penalties, problems, rates, staff
from ._common import Cell

# figure code → (title, the grouped query); the order is the page's
SECTIONS: list[tuple[str, str, Callable]] = [
    ("case_status", "立案案件（按状态）", cases.by_status),
    ("case_procedure", "立案案件（按程序）", cases.by_procedure),
    ("case_field", "立案案件（按执法领域）", cases.by_field),
    ("case_item", f"立案最多的执法事项（前{cases.TOP_ITEMS}项）", cases.top_items),
    ("decision_kind", "处理决定（按类型）及罚款", penalties.by_kind),
    ("task_status", "双随机抽查任务（计划与完成）", inspections.tasks_by_status),
    ("inspection_result", "检查及其发现", inspections.by_result),
    ("officers", "执法人员持证与培训", staff.compliance),
    ("complaint_status", "投诉举报（按状态）", complaints.by_status),
    ("complaint_rating", "投诉举报满意度", complaints.by_rating),
    ("hit_status", "发现的问题线索（按处理状态）", problems.hits_by_status),
    ("hit_model", "发现的问题线索（按模型）", problems.hits_by_model),
    ("item_status", "监督事项（按状态）", problems.items_by_status),
]
TITLES = {code: title for code, title, _ in SECTIONS}
PENALTY = "penalty"
ZERO = Decimal("0.00")
DONE = "done"


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    n: int
    amount: Decimal | None = None


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    lines: list[Line]
    cells: list[Cell] = field(repr=False)

    @property
    def total(self) -> int:
        return sum(line.n for line in self.lines)

    @property
    def has_amount(self) -> bool:
        return any(line.amount is not None for line in self.lines)


@dataclass(frozen=True)
class UnitFigures:
    """One unit's line of the drill-down table: its figures by column, and its on-time rates by rate code
    (added up from each rate's one grouped query, so a unit costs no query of its own)."""

    unit: Unit
    figures: dict[str, int | Decimal]
    rates: dict[str, Tally] = field(default_factory=dict)


UNIT_COLUMNS = [  # (column key, header, figure code, key filter)
    ("cases", "立案", "case_status", ""),
    ("penalties", "行政处罚", "decision_kind", PENALTY),
    ("fines", "罚款（元）", "fines", ""),
    ("tasks", "抽查任务", "task_status", ""),
    ("tasks_done", "已完成", "task_status", DONE),
    ("inspections", "检查", "inspection_result", ""),
    ("complaints", "投诉举报", "complaint_status", ""),
    ("hits", "问题线索", "hit_status", ""),
    ("items", "监督事项", "item_status", ""),
]


@dataclass
class Dashboard:
    scope: Scope
    period: Period
    sections: list[Section]
    units: list[UnitFigures]
    rates: list[rates.RateFigure]
    months: list[str]
    trends: dict[str, list]

    def section(self, code: str) -> Section:
        return next(s for s in self.sections if s.code == code)

    @property
    def fines(self) -> Decimal:
        return sum((line.amount or ZERO for line in self.section("decision_kind").lines), ZERO)

    def count(self, code: str, key: str = "") -> int:
        return sum(line.n for line in self.section(code).lines if not key or line.key == key)

    @property
    def headline(self) -> list[tuple[str, str, str, str]]:
        """(label, value shown, figure code, key) of the key figures on top of the page."""
        officers = self.count("officers", "officers")
        rated = self.count("complaint_rating") - self.count("complaint_rating", "")
        satisfied = self.count("complaint_rating", "satisfied") + self.count("complaint_rating", "fairly")
        return [
            ("立案", f"{self.count('case_status'):,}", "case_status", ""),
            ("行政处罚", f"{self.count('decision_kind', PENALTY):,}", "decision_kind", PENALTY),
            ("罚款", yuan(self.fines), "fines", ""),
            (
                "抽查任务完成",
                f"{self.count('task_status', DONE):,} / {self.count('task_status'):,}",
                "task_status",
                DONE,
            ),
            ("检查", f"{self.count('inspection_result'):,}", "inspection_result", ""),
            ("持证率", share(self.count("officers", "certified"), officers), "officers", "certified"),
            ("培训达标率", share(self.count("officers", "trained"), officers), "officers", "trained"),
            ("投诉举报", f"{self.count('complaint_status'):,}", "complaint_status", ""),
            ("满意率", share(satisfied, rated), "complaint_rating", ""),
            ("问题线索", f"{self.count('hit_status'):,}", "hit_status", ""),
            ("监督事项", f"{self.count('item_status'):,}", "item_status", ""),
        ]


def yuan(amount: Decimal | None) -> str:
    """¥1,234,567.89 (¥0.00 for none: a total of nothing)."""
    return formatting.money(amount or Decimal(0))


def share(part: int, whole: int) -> str:
    """A rate in per cent to one decimal, or 无 when there is nothing to rate (never 0% or 100%)."""
    return f"{part * 100 / whole:.1f}%" if whole else "无"


def _lines(cells: list[Cell], order: list[str] | None = None) -> list[Line]:
    counts: dict[str, int] = defaultdict(int)
    amounts: dict[str, Decimal | None] = {}
    labels: dict[str, str] = {}
    for cell in cells:
        counts[cell.key] += cell.n
        labels[cell.key] = cell.label
        if cell.amount is not None:
            amounts[cell.key] = (amounts.get(cell.key) or Decimal(0)) + cell.amount
    keys = order if order is not None else sorted(counts, key=lambda k: (-counts[k], k))
    return [Line(key, labels[key], counts[key], amounts.get(key)) for key in keys if key in counts]


def _unit_rates(unit: Unit, found: list[rates.RateFigure]) -> dict[str, Tally]:
    """The unit's tally of each rate, summed over its agencies' grouped rows."""
    summed = {}
    for figure in found:
        tallies = [figure.by_agency[pk] for pk in unit.agency_ids if pk in figure.by_agency]
        summed[figure.rate.code] = Tally(sum(t.due for t in tallies), sum(t.on_time for t in tallies))
    return summed


def _unit_figures(
    unit_list: list[Unit], sections: dict[str, list[Cell]], found: list[rates.RateFigure]
) -> list[UnitFigures]:
    of_agency: dict[int, Unit] = {pk: unit for unit in unit_list for pk in unit.agency_ids}
    sums: dict[str, dict[str, int | Decimal]] = {unit.key + unit.kind: defaultdict(int) for unit in unit_list}

    def add(code: str, column: str, key: str = "", amount: bool = False):
        for cell in sections[code]:
            unit = of_agency.get(cell.agency_id) if cell.agency_id is not None else None
            if unit is None or (key and cell.key != key):
                continue
            value = (cell.amount or ZERO) if amount else cell.n
            sums[unit.key + unit.kind][column] += value

    add("case_status", "cases")
    add("decision_kind", "penalties", PENALTY)
    add("decision_kind", "fines", amount=True)
    add("task_status", "tasks")
    add("task_status", "tasks_done", DONE)
    add("inspection_result", "inspections")
    add("complaint_status", "complaints")
    add("hit_status", "hits")
    add("item_status", "items")
    return [
        UnitFigures(unit, {"fines": ZERO, **sums[unit.key + unit.kind]}, _unit_rates(unit, found))
        for unit in unit_list
    ]


def months_of(period: Period) -> list[str]:
    found, day = [], date(period.start.year, period.start.month, 1)
    while day <= period.end:
        found.append(day.strftime("%Y-%m"))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return found


@using_replica()  # figures over a period: a read replica's moment of lag does not matter (docs/deploy.md)
def dashboard(scope: Scope, period: Period) -> Dashboard:
    agencies = scope.agencies
    raw = {code: query(agencies, period) for code, _, query in SECTIONS}
    orders = {"officers": list(staff.KEYS)}
    sections = [
        Section(code, title, _lines(raw[code], orders.get(code)), raw[code]) for code, title, _ in SECTIONS
    ]
    months = months_of(period)
    case_months = cases.by_month(agencies, period)
    decision_months = penalties.by_month(agencies, period)
    inspection_months = inspections.by_month(agencies, period)
    complaint_months = complaints.by_month(agencies, period)
    trends: dict[str, list] = {
        "立案": [case_months.get(m, 0) for m in months],
        "行政处罚": [decision_months.get(m, (0, None))[0] for m in months],
        "罚款（元）": [decision_months.get(m, (0, None))[1] or ZERO for m in months],
        "检查": [inspection_months.get(m, 0) for m in months],
        "投诉举报": [complaint_months.get(m, 0) for m in months],
    }
    unit_list = units(scope)
    found = rates.rates(agencies, period)
    return Dashboard(
        scope=scope,
        period=period,
        sections=sections,
        units=_unit_figures(unit_list, raw, found) if scope.agency is None else [],
        rates=found,
        months=months,
        trends=trends,
    )
