"""Helpers the page, API and Excel tests of several apps share: a JSON client for the API, the 422 field
errors, what a request wrote, the text of a page, one column of a sorted list page, and xlsx files to
upload and read back."""

import json
import re
from collections.abc import Callable, Sequence
from io import BytesIO
from operator import attrgetter
from types import ModuleType

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from openpyxl import Workbook, load_workbook

from zhifa.core.exports import XLSX_TYPE, streamed_bytes
from zhifa.core.models import Record

# ---- the JSON API ----------------------------------------------------------------------------------


class Api:
    """The test client, speaking JSON to the API under `base`. A subclass may check every response
    (override `check`)."""

    def __init__(self, client, base: str):
        self.client = client
        self.base = base

    def login(self, user):
        self.client.force_login(user)
        return self

    def check(self, method: str, url: str, response) -> None:
        """Called with every response."""

    def _call(self, method, url, data=None):
        kwargs = (
            {}
            if data is None
            else {"data": json.dumps(data, default=str), "content_type": "application/json"}
        )
        response = getattr(self.client, method)(f"{self.base}{url}", **kwargs)
        self.check(method, url, response)
        return response

    def get(self, url, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self._call("get", f"{url}?{query}" if query else url)

    def post(self, url, data=None):
        return self._call("post", url, data if data is not None else {})

    def patch(self, url, data):
        return self._call("patch", url, data)

    def put(self, url, data):
        return self._call("put", url, data)

    def delete(self, url):
        return self._call("delete", url)


def errors(response) -> dict[str, str]:
    """The field errors of a 422 answer, by field."""
    assert response.status_code == 422, response.content
    return {str(error["loc"][-1]): error["msg"] for error in response.json()["detail"]}


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


# ---- pages -----------------------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


def buttons(markup: str) -> dict[str, str]:
    """The label → class of every link or button drawn as a button (`btn`) on a page (architecture §5:
    one btn-primary, the next step; refusals btn-outline-danger)."""
    found = re.findall(r'<(?:a|button)\b[^>]*\bclass="(btn [^"]*)"[^>]*>([^<]+)</(?:a|button)>', markup)
    return {label.strip(): classes for classes, label in found}


def shown(markup: str) -> str:
    """`markup` without its tags: the text as read (a status inside its badge reads as plain text)."""
    return re.sub(r"<[^>]+>", "", markup)


def sorted_column(
    client, url: str, sort: str | None = None, *, column: str | Callable, rows: str = "rows", **params
) -> list:
    """One column of the list page at `url`, in the order the page shows it: sorted by `sort` (?sort=;
    None: the list's own order), with `params` (filters, page_size) too. `column` is an attribute (dotted
    for a related object's) or a function of the row; the rows are the context's `rows` (the view's
    own), or "page" where the view renders the page as it is. A row that is a pair (the object, what the
    page shows beside it) is read as its object."""
    response = client.get(url, params if sort is None else {"sort": sort, **params})
    assert response.status_code == 200
    read = attrgetter(column) if isinstance(column, str) else column
    return [read(row[0] if isinstance(row, tuple) else row) for row in response.context[rows]]


class Writes:
    """What a request wrote: records appended to the log (new_records), and whether anything at all
    was written (none): the rows of `counted`, which a subclass names, and the records."""

    counted: tuple[type[models.Model], ...] = ()

    def __init__(self):
        self.before = self.state()

    def state(self) -> tuple[int, ...]:
        return (*(model.objects.count() for model in self.counted), Record.objects.count())

    @property
    def none(self) -> bool:
        return self.state() == self.before

    @property
    def new_records(self) -> int:
        return Record.objects.count() - self.before[-1]


# ---- Excel -----------------------------------------------------------------------------------------


def xlsx_rows(response) -> list[tuple]:
    """The rows of the first sheet of a downloaded xlsx."""
    assert response["Content-Type"] == XLSX_TYPE
    return list(load_workbook(BytesIO(streamed_bytes(response))).active.iter_rows(values_only=True))


def exported_rows(client, url: str, params: dict | None = None) -> list[tuple]:
    """The rows of a list's export (core.exports kit), which must stream: a FileResponse over a
    temporary file, never a workbook built in memory."""
    response = client.get(url, params or {})
    assert response.streaming, url
    return xlsx_rows(response)


def assert_export_cost_is_fixed(key: str, user, params: dict | None = None) -> int:
    """The registered list export `key` reads the rows the user sees with the same queries for all of them
    as for one (nothing per row: related rows come joined or prefetched per chunk); the rows read."""
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from zhifa.core import exports

    export = exports.registered(key)
    assert export is not None, key
    query = QueryDict(mutable=True)
    query.update(params or {})
    queryset = export.queryset(user, query)
    with CaptureQueriesContext(connection) as one:
        assert len(list(export.rows(queryset[:1], user))) == 1
    with CaptureQueriesContext(connection) as every:
        count = len(list(export.rows(queryset, user)))
    assert count > 1, "the cost of one row against several needs several"
    assert len(every.captured_queries) == len(one.captured_queries), [
        q["sql"] for q in every.captured_queries
    ]
    return count


def filled(excel: ModuleType, kind: str, *rows: dict | Sequence | None) -> BytesIO:
    """The template `excel.template_bytes(kind)` (registry.excel, catalog.excel) with `rows` typed into
    its data sheet from row 2: a dict by header, a list by position, None an empty row."""
    workbook = load_workbook(BytesIO(excel.template_bytes(kind)))
    sheet = workbook[excel.KIND_LABELS[kind]]
    position = {cell.value: cell.column for cell in sheet[1]}
    for number, row in enumerate(rows, start=2):
        cells = (
            ((position[header], value) for header, value in row.items())
            if isinstance(row, dict)
            else enumerate(row or (), start=1)
        )
        for column, value in cells:
            sheet.cell(row=number, column=column, value=value)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def upload(excel: ModuleType, kind: str, *rows: dict | Sequence | None) -> SimpleUploadedFile:
    """filled(), as a form upload."""
    return SimpleUploadedFile(f"{kind}.xlsx", filled(excel, kind, *rows).getvalue(), content_type=XLSX_TYPE)


def plain_xlsx(*rows: list) -> BytesIO:
    """A workbook of one sheet holding `rows`: not a template."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def assert_refused(result, before, *expected: tuple[int, str, str], snapshot: Callable[[], tuple]) -> None:
    """Exactly the expected (row, column) errors, each message containing its fragment; nothing written
    (snapshot() is still `before`)."""
    assert not result.ok
    assert result.created == 0
    assert [(e.row, e.column) for e in result.errors] == [(row, column) for row, column, _ in expected], (
        result.errors
    )
    for error, (_, _, fragment) in zip(result.errors, expected, strict=True):
        assert fragment in error.message, error
    assert snapshot() == before


# ---- the documents a case's step needs (cases.documents.requirements) --------------------------------


def paperwork(case, action: str, *variants: str, actor=None):
    """Generate (numbered, as `actor`, default the system) every document that `action` (of `variants`)
    needs on `case` and the case file does not have yet — what an officer does before the step. Returns
    the case as it now is."""
    from zhifa.cases import transitions
    from zhifa.cases.documents import requirements, services

    case.refresh_from_db()
    rows = transitions.MACHINE.open_rows(case, action, *variants)
    for need in requirements.needs_of(case, rows):
        if not need.present:
            services.generate(actor=actor, case=case, kind=need.kind)
    case.refresh_from_db()
    return case
