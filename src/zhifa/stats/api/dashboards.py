"""/api/stats/dashboard: the figures of a dashboard (the same selectors as the page), scoped the same way:
the caller's own region or agency, or one below it (`region` code or `agency` id; outside the
jurisdiction a 404), over `start`–`end` (this year to date when absent; a blank, malformed or reversed
period is a 422 naming the field)."""

from datetime import date
from decimal import Decimal

from ninja import Field, Router, Schema

from zhifa.core.params import Id

from .. import scope as scoping
from ..ontime import Tally
from ..period import period_of
from ..selectors.dashboard import UNIT_COLUMNS, Dashboard, dashboard

router = Router(tags=["统计分析"])


class DashboardLineOut(Schema):
    key: str = Field(..., description="分组的代码（空为未填）")
    label: str
    count: int
    amount: Decimal | None = Field(None, description="罚款合计（元），仅处理决定")


class SectionOut(Schema):
    code: str
    title: str
    total: int
    lines: list[DashboardLineOut]


class UnitRateOut(Schema):
    code: str = Field(..., description="按期率的代码（同 rates[].code）")
    due: int
    on_time: int
    late: int
    rate: float | None = Field(None, description="按期率（0–1）；无应办事项时为空")


class DashboardUnitOut(Schema):
    kind: str = Field(..., description="region（下级区划）或 agency（本级机关）")
    key: str = Field(..., description="区划代码或机关编号")
    name: str
    cases: int
    penalties: int
    fines: Decimal
    tasks: int
    tasks_done: int
    inspections: int
    complaints: int
    hits: int
    items: int
    rates: list[UnitRateOut] = Field(..., description="本单位的各项按期率（顺序同 rates）")


class DashboardRateOut(Schema):
    code: str
    label: str
    due: int
    on_time: int
    late: int
    rate: float | None = Field(None, description="按期率（0–1）；无应办事项时为空")


class SeriesOut(Schema):
    name: str
    values: list[Decimal]


class DashboardOut(Schema):
    scope_kind: str = Field(..., description="region 或 agency")
    scope_key: str
    scope_name: str
    start: date
    end: date
    fines_total: Decimal
    sections: list[SectionOut]
    units: list[DashboardUnitOut]
    rates: list[DashboardRateOut]
    months: list[str]
    trends: list[SeriesOut]


def _out(board: Dashboard) -> dict:
    scope = board.scope
    return {
        "scope_kind": scope.kind,
        "scope_key": scope.key,
        "scope_name": scope.title,
        "start": board.period.start,
        "end": board.period.end,
        "fines_total": board.fines,
        "sections": [
            {
                "code": s.code,
                "title": s.title,
                "total": s.total,
                "lines": [
                    {"key": line.key, "label": line.label, "count": line.n, "amount": line.amount}
                    for line in s.lines
                ],
            }
            for s in board.sections
        ],
        "units": [
            {
                "kind": u.unit.kind,
                "key": u.unit.key,
                "name": u.unit.name,
                **{col: u.figures.get(col, Decimal(0) if col == "fines" else 0) for col, *_ in UNIT_COLUMNS},
                "rates": [_rate(code, tally) for code, tally in u.rates.items()],
            }
            for u in board.units
        ],
        "rates": [{**_rate(r.rate.code, r.total), "label": r.rate.label} for r in board.rates],
        "months": board.months,
        "trends": [{"name": name, "values": values} for name, values in board.trends.items()],
    }


def _rate(code: str, tally: Tally) -> dict:
    return {"code": code, "due": tally.due, "on_time": tally.on_time, "late": tally.due - tally.on_time,
            "rate": tally.rate}  # fmt: skip


@router.get("/dashboard", response=DashboardOut, summary="驾驶舱：本级或下级区划、机关的统计")
def dashboard_get(
    request,
    region: str | None = None,
    agency: Id | None = None,
    start: str | None = None,
    end: str | None = None,
):
    scope = scoping.resolve(request.auth, region=region, agency=agency)
    return _out(dashboard(scope, period_of(start, end)))


@router.get("/agencies/{int:agency_id}/dashboard", response=DashboardOut, summary="驾驶舱：一个机关的统计")
def agency_dashboard_get(request, agency_id: int, start: str | None = None, end: str | None = None):
    scope = scoping.resolve(request.auth, agency=agency_id)
    return _out(dashboard(scope, period_of(start, end)))
