"""The xlsx of a dashboard: one sheet per table of the page (the key figures, the drill-down by unit, each
section, the on-time rates, the monthly trend), numbers as numbers (fines to the fen)."""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

from zhifa.core.exports import safe_row

from .selectors.dashboard import UNIT_COLUMNS, Dashboard, share


def workbook(board: Dashboard) -> bytes:
    book = Workbook(write_only=True)

    def sheet(title: str, headers: list[str], rows) -> None:
        ws = book.create_sheet(title=title[:31])
        ws.append(safe_row(headers))
        for row in rows:
            ws.append(safe_row(row))

    period = f"{board.period.start:%Y-%m-%d}至{board.period.end:%Y-%m-%d}"
    sheet(
        "主要指标",
        ["统计范围", "统计期间", "指标", "数值"],
        [[board.scope.title, period, label, value] for label, value, _, _ in board.headline],
    )
    if board.units:
        sheet(
            "分单位",
            ["单位", *[header for _, header, _, _ in UNIT_COLUMNS]],
            [
                [
                    u.unit.name,
                    *[u.figures.get(col, Decimal(0) if col == "fines" else 0) for col, *_ in UNIT_COLUMNS],
                ]
                for u in board.units
            ],
        )
    for section in board.sections:
        amount = section.has_amount
        headers = ["项目", "数量"] + (["罚款（元）"] if amount else [])
        rows = [
            [line.label, line.n] + ([line.amount or Decimal(0)] if amount else []) for line in section.lines
        ]
        sheet(section.title.replace("（", "(").replace("）", ")")[:31], headers, rows)
    sheet(
        "按期率",
        ["事项", "应办", "按期", "逾期", "按期率"],
        [
            [r.rate.label, r.total.due, r.total.on_time, r.late, share(r.total.on_time, r.total.due)]
            for r in board.rates
        ],
    )
    if board.units:
        sheet(
            "分单位按期率",
            [
                "单位",
                *[f"{r.rate.label}（{part}）" for r in board.rates for part in ("应办", "按期", "按期率")],
            ],
            [
                [u.unit.name, *[value for r in board.rates for value in _rate_cells(u.rates[r.rate.code])]]
                for u in board.units
            ],
        )
    sheet(
        "按月趋势",
        ["月份", *board.trends],
        [[month, *[values[i] for values in board.trends.values()]] for i, month in enumerate(board.months)],
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rate_cells(tally) -> list:
    return [tally.due, tally.on_time, share(tally.on_time, tally.due)]
