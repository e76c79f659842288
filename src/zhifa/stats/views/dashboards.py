"""统计分析 pages: the dashboard (驾驶舱) of a region or an agency over a period, with charts and the same
numbers in tables, the drill-down to sub-regions, agencies and records, the Excel export and print."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from zhifa.core.exports import xlsx_download
from zhifa.core.params import paginate

from .. import drill as drilling
from .. import exports, links
from .. import scope as scoping
from ..period import default_period, parse_period
from ..selectors.dashboard import UNIT_COLUMNS, Dashboard, dashboard, share, yuan


def _number(value) -> str:
    return yuan(value) if isinstance(value, Decimal) else f"{value:,}"


def _chart_data(board: Dashboard) -> dict:
    """What the charts draw (the same numbers as the tables)."""
    charts = [
        {"id": f"chart-{s.code}", "title": s.title, "labels": [line.label for line in s.lines],
         "values": [line.n for line in s.lines], "pie": s.code in {"case_procedure", "complaint_rating",
                                                                   "decision_kind", "hit_status"}}
        for s in board.sections
        if s.lines and s.code != "officers"
    ]  # fmt: skip
    trend = {
        "id": "chart-trend",
        "months": board.months,
        "series": [
            {"name": name, "values": [float(v) for v in values]} for name, values in board.trends.items()
        ],
    }
    return {"charts": charts, "trend": trend}


def _context(request, scope, period) -> dict:
    board = dashboard(scope, period)
    records = lambda figure, key="": links.scope_records_url(scope, figure, key, period)  # noqa: E731
    sections = [
        {
            "section": s,
            "lines": [(line, records(s.code, line.key)) for line in s.lines],
            "total_url": records(s.code) if s.code != "case_item" else "",
            "fines": yuan(sum((line.amount or Decimal(0) for line in s.lines), Decimal(0))),
        }
        for s in board.sections
    ]
    officers = board.count("officers", "officers")
    units = [
        {
            "unit": u.unit,
            "url": links.dashboard_url(u.unit.kind, u.unit.key, period),
            "cells": [
                (_number(u.figures.get(col, Decimal(0) if col == "fines" else 0)),
                 links.unit_records_url(u.unit, figure, key, period))
                for col, _, figure, key in UNIT_COLUMNS
            ],
        }
        for u in board.units
    ]  # fmt: skip
    rates = [
        {
            "figure": r,
            "share": share(r.total.on_time, r.total.due),
            "due_url": records(f"{drilling.RATE_PREFIX}{r.rate.code}", "due"),
            "late_url": records(f"{drilling.RATE_PREFIX}{r.rate.code}", "late"),
        }
        for r in board.rates
    ]
    unit_rates = [
        {
            "unit": u.unit,
            "cells": [
                _unit_rate_cell(u.unit, r.rate.code, u.rates[r.rate.code], period) for r in board.rates
            ],
        }
        for u in board.units
    ]
    trend_rows = [
        (month, [_number(values[i]) for values in board.trends.values()])
        for i, month in enumerate(board.months)
    ]
    return {
        "board": board,
        "scope": scope,
        "headline": [(label, value, records(figure, key)) for label, value, figure, key in board.headline],
        "sections": sections,
        "units": units,
        "unit_headers": [header for _, header, _, _ in UNIT_COLUMNS],
        "rates": rates,
        "unit_rates": unit_rates,
        "trend_names": list(board.trends),
        "trend_rows": trend_rows,
        "charts": _chart_data(board),
        "export_url": links.export_url(scope, period),
        "up_url": _up_url(request.user, scope, period),
        "certified_share": share(board.count("officers", "certified"), officers),
    }


def _unit_rate_cell(unit, code: str, tally, period) -> dict:
    """One unit's figure of one rate: the share (linking to the rows that fell due) and the late ones."""
    figure = f"{drilling.RATE_PREFIX}{code}"
    return {
        "tally": tally,
        "share": share(tally.on_time, tally.due),
        "late": tally.due - tally.on_time,
        "due_url": links.unit_records_url(unit, figure, "due", period),
        "late_url": links.unit_records_url(unit, figure, "late", period),
    }


def _up_url(user, scope, period) -> str:
    """The dashboard one level up, when the user may see it."""
    try:
        if scope.agency is not None:
            target = scoping.resolve(user, region=scope.region.code)
        elif scope.region.parent_id:
            target = scoping.resolve(user, region=scope.region.parent.code)
        else:
            return ""
    except Http404:
        return ""
    return links.dashboard_url(target.kind, target.key, period)


def _page(request, scope):
    try:
        period = parse_period(request.GET)
    except ValidationError as exc:
        context = {"scope": scope, "errors": {k: v[0] for k, v in exc.message_dict.items()},
                   "start": request.GET.get("start", ""), "end": request.GET.get("end", "")}  # fmt: skip
        return render(request, "stats/dashboard.html", context, status=400)
    context = _context(request, scope, period)
    context.update(start=period.start.isoformat(), end=period.end.isoformat(), errors={})
    return render(request, "stats/dashboard.html", context)


def dashboard_view(request):
    return _page(request, scoping.resolve(request.user))


def region_dashboard(request, code: str):
    return _page(request, scoping.resolve(request.user, region=code))


def agency_dashboard(request, pk: int):
    return _page(request, scoping.resolve(request.user, agency=pk))


def _export(request, scope):
    try:
        period = parse_period(request.GET)
    except ValidationError as exc:
        return render(
            request,
            "stats/dashboard.html",
            {"scope": scope, "errors": {k: v[0] for k, v in exc.message_dict.items()}},
            status=400,
        )
    board = dashboard(scope, period)
    name = f"统计分析_{scope.title}_{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return xlsx_download(name, exports.workbook(board))


def region_export(request, code: str):
    return _export(request, scoping.resolve(request.user, region=code))


def agency_export(request, pk: int):
    return _export(request, scoping.resolve(request.user, agency=pk))


def _records(request, scope, figure: str):
    key = request.GET.get("key", "")
    try:
        period = parse_period(request.GET)
    except ValidationError as exc:
        return render(
            request,
            "stats/dashboard.html",
            {"scope": scope, "errors": {k: v[0] for k, v in exc.message_dict.items()}},
            status=400,
        )
    found = drilling.drill(figure, key, scope.agencies, period)
    if found is None:
        raise Http404("没有这项统计")
    page = paginate(request, found.rows)
    rows = [found.row(obj) for obj in page.object_list]
    filters = {"start": period.start.isoformat(), "end": period.end.isoformat(), "key": key}
    return render(
        request,
        "stats/records.html",
        {
            "scope": scope,
            "title": found.title,
            "headers": found.headers,
            "rows": rows,
            "page": page,
            "filters": filters,
            "period": period,
            "back_url": links.dashboard_url(scope.kind, scope.key, period),
            "default": period == default_period(),
        },
    )


def region_records(request, code: str, figure: str):
    return _records(request, scoping.resolve(request.user, region=code), figure)


def agency_records(request, pk: int, figure: str):
    return _records(request, scoping.resolve(request.user, agency=pk), figure)
