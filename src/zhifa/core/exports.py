"""Excel export of any list: one header row, then rows; streamed by openpyxl's write-only mode. And the
download of any xlsx (an export, an import template)."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], title: str = "导出") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_value(value):
    """`value` as openpyxl takes it: numbers and dates as they are; anything else (a model object, a
    lazy string) as its text, without the control characters XML cannot hold (rows written before input
    hygiene refused them would otherwise make the whole export fail)."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, bool | int | float | Decimal | date | datetime | time):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def xlsx_download(filename: str, content: bytes) -> HttpResponse:
    """`content` as the download of an xlsx named `filename` (which may be Chinese)."""
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return xlsx_download(filename, xlsx_bytes(headers, rows, title=filename.removesuffix(".xlsx")))
