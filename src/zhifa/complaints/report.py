"""The statistics as XLSX and the periodic 通报 as DOCX (seed 000 §20: 各级行政执法部门和乡镇(街道)应当定期
向本级司法行政部门通报行政执法投诉举报案件处理情况): what the user sees, for a period of receipt."""

from datetime import date
from io import BytesIO

from django.http import HttpResponse
from docx import Document
from openpyxl import Workbook

from zhifa.core.exports import safe_row, xlsx_download

from . import clocks, selectors

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADERS = [
    "",
    "件数",
    "已答复",
    "按期答复",
    "按期答复率（%）",
    "已评价",
    "满意",
    "基本满意",
    "不满意",
    "满意率（%）",
]


def _cells(row: selectors.StatRow) -> list:
    return [row.label, row.total, row.replied, row.on_time, row.on_time_rate if row.on_time_rate is not None else "",
            row.rated, row.satisfied, row.fairly, row.unsatisfied,
            row.satisfaction if row.satisfaction is not None else ""]  # fmt: skip


def _tables(user, since: date | None, until: date | None, scope=None):
    for dimension, (_, label) in selectors.DIMENSIONS.items():
        rows = selectors.statistics(user, dimension, since, until, scope=scope)
        yield label, rows, selectors.totals(rows)


def _period_text(since: date | None, until: date | None) -> str:
    if since and until:
        return f"{since:%Y年%-m月%-d日}至{until:%Y年%-m月%-d日}"
    if since:
        return f"{since:%Y年%-m月%-d日}以来"
    if until:
        return f"截至{until:%Y年%-m月%-d日}"
    return f"截至{clocks.today():%Y年%-m月%-d日}"


def stats_xlsx(user, since: date | None = None, until: date | None = None) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for label, rows, total in _tables(user, since, until):
        sheet = workbook.create_sheet(f"按{label}")
        sheet.append(safe_row([label, *HEADERS[1:]]))
        for row in [*rows, total]:
            sheet.append(safe_row(_cells(row)))
    out = BytesIO()
    workbook.save(out)
    return xlsx_download("投诉举报统计.xlsx", out.getvalue())


def circular_title(since: date | None, until: date | None) -> str:
    return f"关于{_period_text(since, until)}行政执法投诉举报案件处理情况的通报"


def circular_bytes(
    name: str, since: date | None, until: date | None, *, user=None, scope=None
) -> tuple[bytes, int]:
    """The 通报 of what `user` sees (or of `scope`, a bureau's region) received in the period, and the
    number of complaints it counts."""
    period = _period_text(since, until)
    document = Document()
    document.add_heading(circular_title(since, until), level=1)
    tables = list(_tables(user, since, until, scope))
    total = tables[0][2]
    rate = f"{total.on_time_rate}%" if total.on_time_rate is not None else "—"
    satisfaction = f"{total.satisfaction}%" if total.satisfaction is not None else "—"
    unfiled = selectors.unfiled(
        queryset=selectors.complaints_visible_to(user) if scope is None else scope
    ).count()
    document.add_paragraph(
        f"{period}，{name}范围内共收到行政执法投诉举报{total.total}件，已答复{total.replied}件，其中按期答复"
        f"{total.on_time}件，按期答复率{rate}；已评价{total.rated}件，满意{total.satisfied}件、基本满意"
        f"{total.fairly}件、不满意{total.unsatisfied}件，满意率{satisfaction}。受理后逾期未立案的可立案事项"
        f"（有案不立线索）{unfiled}件。"
    )
    for label, rows, sum_row in tables:
        document.add_heading(f"按{label}统计", level=2)
        table = document.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, [label, *HEADERS[1:]], strict=True):
            cell.text = text
        for row in [*rows, sum_row]:
            for cell, value in zip(table.add_row().cells, _cells(row), strict=True):
                cell.text = str(value)
    out = BytesIO()
    document.save(out)
    return out.getvalue(), total.total


def circular_docx(user, since: date | None = None, until: date | None = None) -> HttpResponse:
    name = user.agency.name if getattr(user, "agency", None) else ""
    content, _ = circular_bytes(name, since, until, user=user)
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E6%8A%95%E8%AF%89%E4%B8%BE%E6%8A%A5%E9%80%9A%E6%8A%A5.docx"
    )
    return response
