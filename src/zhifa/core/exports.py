"""Excel export of any list: one header row, then rows; streamed by openpyxl's write-only mode. And the
download of any xlsx (an export, an import template). Below: the list export kit (columns declared once,
rows read in chunks, xlsx through a temporary file or CSV streamed, a background job for the largest)."""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace
from typing import Any, TypeVar
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], title: str = "导出") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(safe_row(headers))
    for row in rows:
        sheet.append(safe_row(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# A text cell beginning with one of these is read by Excel, WPS and LibreOffice as a formula (OWASP "CSV
# injection"): "=HYPERLINK(...)" typed as a party's name would run in the reader's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Text that no spreadsheet reads as a formula: one beginning with = + - @, a tab or a carriage
    return gets a leading single quote (the visible text is kept after it)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain_value(value):
    """`value` as a document shows it: numbers and dates as they are; anything else (a model object, a
    lazy string) as its text, without the control characters XML cannot hold (rows written before input
    hygiene refused them would otherwise make the whole export fail). Not for spreadsheets: cell_value."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, bool | int | float | Decimal | date | datetime | time):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def cell_value(value):
    """`value` as a spreadsheet cell (xlsx or CSV) takes it: plain_value, with text defused so that it
    is never a formula. Numbers stay numbers (-5 is a number, not text). Every xlsx and CSV writer of
    the product goes through this (tests/core/test_formula_guard.py looks for writers that do not)."""
    value = plain_value(value)
    return defuse(value) if isinstance(value, str) else value


def safe_row(values: Iterable) -> list:
    """A row of cells for a sheet or a CSV writer, each through cell_value."""
    return [cell_value(value) for value in values]


def xlsx_download(filename: str, content: bytes, *, holds_data: bool = True) -> HttpResponse:
    """`content` as the download of an xlsx named `filename` (which may be Chinese). A file that holds
    data (a report, a ledger, a roll-up) is an export in the audit log; an empty import template is not."""
    if holds_data:
        _audit_document(filename)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return xlsx_download(filename, xlsx_bytes(headers, rows, title=filename.removesuffix(".xlsx")))


# ---- the list export kit ---------------------------------------------------------------------------
# A list declares its columns once (`Column`: the Chinese header, how a row's value is read, its kind) and
# how its rows are found for a user and the list's query string (`ListExport.queryset`). The kit reads the
# rows with `iterator(chunk_size)` (never the whole list in memory), writes them as a write-only xlsx into
# a temporary file served by FileResponse, or as CSV streamed row by row, and — past
# ZHIFA_EXPORT_STREAM_ROWS rows — offers a background job (the `jobs` app plugs itself in with
# `set_background`), with a progress bar and a download kept for a set time.

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Column:
    """One column: its header, the value of an object (or row) for it, and its kind ("money", "date",
    "datetime" or "" for text and counts), which decides how a person reads it (xlsx number formats,
    CSV text)."""

    label: str
    value: Callable[..., Any]  # (row) or, where the export has a context, (row, context)
    kind: str = ""


@dataclass(frozen=True)
class ListExport:
    """One list's export. `queryset(user, params)` is the list as the user filtered it (already scoped by
    core.access; `params` the request's query string), with what the columns read (select_related,
    prefetch, annotations). `context(user)`, where given, is what the columns read besides the row —
    the day, whose ID numbers are shown in full — worked out once per export; each column is then called
    as `value(row, context)`."""

    key: str
    filename: str
    columns: tuple[Column, ...]
    queryset: Callable[[Any, QueryDict], QuerySet]
    chunk_size: int = 2000
    perm: str = ""  # the list's view permission, checked again when a background job is asked for
    context: Callable[[Any], Any] | None = None
    # Rows that carry ID numbers or phone numbers: exporting them needs a recent authentication
    # (accounts.reauth, through `set_personal_data_guard`).
    personal_data: bool = False

    @property
    def headers(self) -> list[str]:
        return [column.label for column in self.columns]

    @property
    def title(self) -> str:
        return self.filename.removesuffix(".xlsx")

    def rows(self, queryset: QuerySet, user: Any = None) -> Iterator[list]:
        columns = self.columns
        objects = queryset.iterator(chunk_size=self.chunk_size)
        if self.context is None:
            for obj in objects:
                yield [column.value(obj) for column in columns]
            return
        context = self.context(user)
        for obj in objects:
            yield [column.value(obj, context) for column in columns]


def request_of(params: QueryDict, user: Any = None) -> Any:
    """A stand-in request carrying `params` as its query string (and `user`), for a list's own filter
    parsing, written for a request, when the export reads the same filters outside one (a background
    job)."""
    return SimpleNamespace(GET=params, user=user)


_exports: dict[str, ListExport] = {}
_background: Callable[[HttpRequest, ListExport, int], HttpResponseBase] | None = None
_personal_data_guard: Callable[[HttpRequest], HttpResponseBase | None] | None = None


def register(export: ListExport) -> ListExport:
    """Make `export` known by its key (a background job finds it again in the worker)."""
    _exports[export.key] = export
    return export


def registered(key: str) -> ListExport | None:
    return _exports.get(key)


def registered_keys() -> list[str]:
    return sorted(_exports)


def set_background(handler: Callable[[HttpRequest, ListExport, int], HttpResponseBase] | None) -> None:
    """The answer to a list too large to stream in one request (the jobs app: an offer of a background
    job). Without one, every list streams."""
    global _background
    _background = handler


def set_personal_data_guard(guard: Callable[[HttpRequest], HttpResponseBase | None] | None) -> None:
    """What an export of personal data asks first (the accounts app: a recent authentication). The guard
    answers None to let the export go on, or the response to send instead."""
    global _personal_data_guard
    _personal_data_guard = guard


def guard_personal_data(request: HttpRequest, export: ListExport) -> HttpResponseBase | None:
    """The guard's answer for `export` (None: go on). Also for a background job asked of it."""
    if export.personal_data and _personal_data_guard is not None:
        return _personal_data_guard(request)
    return None


def respond(request: HttpRequest, export: ListExport) -> HttpResponseBase:
    """The export of the list the user filtered: CSV when `format=csv`, else xlsx; past
    ZHIFA_EXPORT_STREAM_ROWS rows the background job is offered instead (unless `now=1`). An export of
    personal data first asks for a recent authentication."""
    from django.conf import settings

    if (refusal := guard_personal_data(request, export)) is not None:
        return refusal
    queryset = export.queryset(request.user, request.GET)
    if request.GET.get("format") == "csv":
        _audit_export(request, export)
        return csv_response(export, queryset, request.user)
    limit = int(getattr(settings, "ZHIFA_EXPORT_STREAM_ROWS", 50_000))
    if _background is not None and request.GET.get("now") != "1":
        count = queryset.order_by().count()
        if count > limit:
            return _background(request, export, count)  # audited when its file is downloaded (jobs)
    _audit_export(request, export)
    return xlsx_file_response(export, queryset, request.user)


R = TypeVar("R", bound=HttpResponseBase)


def _audit_document(filename: str) -> None:
    """报表下载: a fixed document (not a filtered list) left the system, by whom, from where."""
    from zhifa.audit.choices import AuditAction
    from zhifa.audit.middleware import current_request
    from zhifa.audit.services import audit_event

    name = filename.removesuffix(".xlsx")
    audit_event(AuditAction.EXPORT, request=current_request(), object_type="document", object_repr=name)


def _audit_export(request: HttpRequest, export: ListExport) -> None:
    """导出 is a security event (等保 安全审计): who exported which list, filtered how, from where. The
    one hook of every list export (a background job's file is audited at its download); written before
    the rows are read, so an export of the audit log shows its own entry."""
    from zhifa.audit.choices import AuditAction
    from zhifa.audit.services import audit_event

    query = "&".join(f"{k}={v}" for k, v in request.GET.items() if k not in ("now", "page", "format"))
    kind = "文本格式" if request.GET.get("format") == "csv" else "表格格式"
    audit_event(
        AuditAction.EXPORT,
        request=request,
        object_type="export",
        object_id=export.key,
        object_repr=export.title,
        detail=f"{kind}，条件：{query}" if query else f"{kind}，全部",
    )


def write_xlsx(
    out,
    export: ListExport,
    queryset: QuerySet,
    progress: Callable[[int], object] | None = None,
    user: Any = None,
) -> int:
    """Write the rows into `out` (a path or a binary file) as a write-only workbook: openpyxl keeps each
    row in a temporary file as it is appended, so memory stays flat. `progress(done)` every chunk."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=export.title[:31])
    sheet.append(safe_row(export.headers))
    formats = [_NUMBER_FORMATS.get(column.kind) for column in export.columns]
    done = 0
    for row in export.rows(queryset, user):
        sheet.append(
            [_cell(sheet, value, number_format) for value, number_format in zip(row, formats, strict=True)]
        )
        done += 1
        if progress is not None and done % export.chunk_size == 0:
            progress(done)
    workbook.save(out)
    if progress is not None:
        progress(done)
    return done


_NUMBER_FORMATS = {"money": MONEY_FORMAT, "date": DATE_FORMAT, "datetime": DATETIME_FORMAT}


def _cell(sheet, value, number_format: str | None):
    value = cell_value(value)
    if number_format is None or value == "":
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def attachment(response: R, filename: str) -> R:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_file_response(export: ListExport, queryset: QuerySet, user: Any = None) -> FileResponse:
    """The xlsx written to an anonymous temporary file (gone when the response closes it), served in
    blocks: neither the rows nor the workbook are held in memory."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 — the response closes it when sent
    write_xlsx(out, export, queryset, user=user)
    out.seek(0)
    return attachment(FileResponse(out, content_type=XLSX_TYPE), export.filename)


class _Echo:
    def write(self, value):
        return value


def csv_text(value, kind: str = "") -> str:
    """A value as a person reads it in a CSV: money with thousands separators and two decimals, dates
    as YYYY-MM-DD, times to the minute in local time."""
    if value is None or value == "":
        return ""
    if kind == "money" and isinstance(value, Decimal | int | float):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(cell_value(value))


def csv_rows(export: ListExport, queryset: QuerySet, user: Any = None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(safe_row(export.headers))  # the BOM: Excel opens UTF-8 CSV as such
    kinds = [column.kind for column in export.columns]
    for row in export.rows(queryset, user):
        yield writer.writerow([csv_text(value, kind) for value, kind in zip(row, kinds, strict=True)])


def csv_response(export: ListExport, queryset: QuerySet, user: Any = None) -> StreamingHttpResponse:
    """The rows as CSV, sent as they are read (the first bytes leave before the last row is read)."""
    response = StreamingHttpResponse(csv_rows(export, queryset, user), content_type="text/csv; charset=utf-8")
    return attachment(response, export.filename.removesuffix(".xlsx") + ".csv")


def streamed_bytes(response) -> bytes:
    """The body of any response, streamed or not (tests, and callers that need the bytes)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
