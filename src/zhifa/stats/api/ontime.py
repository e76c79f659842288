"""GET /api/stats/ontime: the 按期率 of the caller's jurisdiction over a period (stats.selectors.ontime),
parsed and refused as the dashboard's (stats.period)."""

from datetime import date

from ninja import Field, Router, Schema

from ..period import period_of
from ..selectors import ontime as selectors

router = Router(tags=["统计分析"])


class AgencyRateOut(Schema):
    agency_id: int
    agency: str
    due: int
    on_time: int
    rate: float | None


class OnTimeRateOut(Schema):
    code: str
    label: str
    definition: str
    due: int
    on_time: int
    rate: float | None = Field(description="按期数 ÷ 应办数；无应办事项时为空")
    agencies: list[AgencyRateOut]


class OnTimeOut(Schema):
    start: date
    end: date
    rates: list[OnTimeRateOut]


@router.get("/ontime", response=OnTimeOut, summary="按期率（本辖区，按机关和合计）")
def ontime(request, start: str | None = None, end: str | None = None):
    """`start`/`end` as the dashboard's (this year to date when absent; refused alike, naming the field)."""
    period = period_of(start, end)
    figures = selectors.rates_visible_to(request.auth, period)
    names = selectors.agency_names(figures)
    return {
        "start": period.start,
        "end": period.end,
        "rates": [
            {
                "code": f.rate.code,
                "label": f.rate.label,
                "definition": f.rate.definition,
                "due": f.total.due,
                "on_time": f.total.on_time,
                "rate": f.total.rate,
                "agencies": [
                    {
                        "agency_id": a,
                        "agency": names.get(a, ""),
                        "due": t.due,
                        "on_time": t.on_time,
                        "rate": t.rate,
                    }
                    for a, t in sorted(f.agencies.items(), key=lambda kv: names.get(kv[0], ""))
                ],
            }
            for f in figures
        ],
    }
