"""Reading filled-in Excel templates, shared by the apps that import (registry, catalog).

An import is all or nothing: every row is read and checked first, each problem reported with its Excel
row number, column and a Chinese reason, and only a clean file is written. This module holds the parts
that do not depend on what is imported: the columns and their rules, the template workbook (a data sheet
with only the header row, and a 填写说明 sheet the import never reads), the cell readers that record an
error and carry on (so one upload lists every problem), the header check, and the result.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO
from pathlib import PurePath
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import import_limits
from .exports import safe_row
from .forms import Form, agency_field

INSTRUCTIONS_SHEET = "填写说明"
UNREADABLE = "文件无法读取，请使用下载的模板（.xlsx）"
DATE_FORMAT = "yyyy-mm-dd"
DATE_RULE = "日期，可填Excel日期或“2026-03-01”“2026/3/1”格式的文字"
YES_NO_RULE = "填“是”或“否”，不填视为否"
DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)

T = TypeVar("T")
# Set by a background import (jobs.imports): told the number of data rows read so far, every PROGRESS_EVERY.
progress: ContextVar[Callable[[int], object] | None] = ContextVar("import_progress", default=None)
PROGRESS_EVERY = 500


@dataclass(frozen=True)
class RowError:
    """One problem of an uploaded file. row is the Excel row number (the header is row 1; 0 means the
    file as a whole); column is the header of the column at fault ("" when none); message names the
    column itself, so it reads on its own."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{'文件' if self.row == 0 else f'第{self.row}行'}：{self.message}"


@dataclass(frozen=True)
class ImportResult:
    """created counts what was written: everything, or nothing when there is any error."""

    created: int
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Column:
    header: str
    required: bool
    rule: str  # what to write, for the 填写说明 sheet
    example: str
    choices: type[models.TextChoices] | None = None
    number_format: str = ""  # "@" keeps codes and numbers typed as text; dates show as dates


def choice_rule(choices: type[models.TextChoices]) -> str:
    return f"只能填写：{'、'.join(choices.labels)}（可从下拉列表选择）"


def naming(column: str, message: str) -> str:
    """Django's own messages ("确保该值小于或等于200。") do not say which column they are about."""
    return message if not column or column in message else f"“{column}”：{message}"


def column_of(model: type[models.Model], name: str) -> str:
    """The header of the column a model field comes from: the templates use the fields' verbose names."""
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", ""))
    except FieldDoesNotExist:
        return ""


# ---- template --------------------------------------------------------------------------------------


def template_bytes(
    *,
    title: str,
    columns: Sequence[Column],
    notes: Iterable[str] = (),
    extra_rules: dict[str, str] | None = None,
) -> bytes:
    """The xlsx users fill in: sheet `title` holds only the header row (so nothing in it is ever an
    example that could be imported by mistake); the rules and an example of every column are on the
    second sheet, 填写说明, followed by `notes`. extra_rules adds text to a column's rule (e.g. the
    values a lookup column accepts, read from the database)."""
    extra_rules = extra_rules or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(safe_row(column.header for column in columns))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        sheet.column_dimensions[letter].width = max(14, len(column.header) * 2 + 6)
        if column.number_format:
            sheet.column_dimensions[letter].number_format = column.number_format
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1=f'"{",".join(column.choices.labels)}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.header[:32],
                error=choice_rule(column.choices),
            )
            validation.add(f"{letter}2:{letter}1048576")
            sheet.add_data_validation(validation)

    sheet_notes = workbook.create_sheet(INSTRUCTIONS_SHEET)
    sheet_notes.append(safe_row(["列名", "是否必填", "填写要求", "示例"]))
    for column in columns:
        rule = f"{column.rule}；{extra_rules[column.header]}" if column.header in extra_rules else column.rule
        sheet_notes.append(
            safe_row([column.header, "必填" if column.required else "选填", rule, column.example])
        )
    for cell in sheet_notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (22, 10, 70, 24), strict=True):
        sheet_notes.column_dimensions[letter].width = width
    sheet_notes.append(safe_row([]))
    for line in notes:
        sheet_notes.append(safe_row([line]))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---- reading cells ---------------------------------------------------------------------------------


class Unreadable(Exception):
    """The upload is not an xlsx openpyxl can read."""


def as_text(value: Any) -> str:
    """A cell as trimmed text; a whole number typed into a text column reads as that number, not
    "12345678.0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    return str(value).strip()  # str.strip() also removes full-width spaces (U+3000)


def parse_date_text(text: str) -> date | None:
    match = DATE_TEXT.match(text)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def finite_decimal(text: str) -> Decimal | None:
    """The number `text` spells, or None when it is not a finite decimal ("abc", "NaN", "Infinity")."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class Row:
    """One data row, read by column header. Each reader converts one cell or records why it cannot
    (and then returns an empty value, so the rest of the row is still checked)."""

    def __init__(self, number: int, values: dict[str, Any], errors: list[RowError]):
        self.number, self.values, self.errors = number, values, errors
        self.failed: set[str] = set()

    @property
    def ok(self) -> bool:
        return not self.failed

    def error(self, column: str, message: str) -> None:
        self.failed.add(column)
        self.errors.append(RowError(self.number, column, message))

    def blank(self, column: str) -> bool:
        return not as_text(self.values[column])

    def text(self, column: str, *, required: bool = False) -> str:
        text = as_text(self.values[column])
        if required and not text:
            self.error(column, f"请填写“{column}”")
        return text

    def choice(self, column: str, choices: type[models.TextChoices], *, required: bool = True) -> str:
        """A choice by its label (what the template's drop-down offers)."""
        text = self.text(column, required=required)
        by_label = {label: value for value, label in choices.choices}
        if text and text not in by_label:
            self.error(column, f"“{column}”只能填写{'、'.join(by_label)}，不能填写“{text}”")
        return by_label.get(text, "")

    def yes_no(self, column: str) -> bool:
        value = self.values[column]
        if isinstance(value, bool):
            return value
        text = self.text(column)
        if text not in ("", "是", "否"):
            self.error(column, f"“{column}”只能填写“是”或“否”，不能填写“{text}”")
        return text == "是"

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.values[column]
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float):  # 2026, 20260301 or a date serial that lost its format
            self.error(
                column, f"“{column}”应为日期，不能填写数字“{as_text(value)}”，请填写如2026-03-01的日期"
            )
            return None
        text = self.text(column, required=required)
        parsed = parse_date_text(text) if text else None
        if text and parsed is None:
            self.error(column, f"“{column}”不是有效日期：“{text}”，请填写如2026-03-01的日期")
        return parsed

    def decimal(self, column: str, *, required: bool = False) -> Decimal | None:
        """A decimal number (ranges are checked by the model and the services, which know the rule)."""
        text = self.text(column, required=required).replace(",", "").replace("，", "")
        if not text:
            return None
        number = finite_decimal(text)
        if number is None:
            self.error(column, f"“{column}”应为数字，不能填写“{self.text(column)}”")
        return number

    def positive_number(self, column: str) -> Decimal | None:
        text = self.text(column, required=True)
        if not text:
            return None
        number = finite_decimal(text)
        if number is None or number <= 0:
            self.error(column, f"“{column}”应为大于0的数字，不能填写“{text}”")
            return None
        return number

    def labels(self, column: str, choices: type[models.TextChoices]) -> list[str]:
        """Several choices by label in one cell. Labels may themselves hold “、” (查封、扣押), so the
        known labels are matched first, longest first; whatever is left must be separators."""
        text = self.text(column)
        found, rest = [], text
        for value, label in sorted(choices.choices, key=lambda choice: -len(choice[1])):
            if label in rest:
                found.append(value)
                rest = rest.replace(label, " ")
        unknown = [part for part in re.split(r"[、,，;；\s]+", rest) if part]
        if unknown:
            self.error(
                column,
                f"“{column}”中的“{'、'.join(unknown)}”不是可选项；可填写：{'；'.join(choices.labels)}",
            )
        order = list(choices.values)
        return sorted(found, key=order.index)

    def check_model(
        self,
        instance: models.Model,
        names: Iterable[str],
        columns: Callable[[type[models.Model], str], str] = column_of,
    ) -> None:
        """Run the model's own field checks (lengths, formats, ranges) on the cells that were read, so
        the import accepts exactly what the form would. No query: foreign keys, uniqueness and
        constraints are left to the services."""
        model = type(instance)
        wanted = {name for name in names if columns(model, name) not in self.failed}
        try:
            instance.clean_fields(exclude={f.name for f in instance._meta.fields} - wanted)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = columns(model, name)
                for message in messages:
                    self.error(column, naming(column, message))


# ---- reading the sheet -----------------------------------------------------------------------------


def read(
    file,
    *,
    label: str,
    columns: Sequence[Column],
    parse: Callable[[Row], T],
    row_type: type[Row] = Row,
) -> tuple[list[T], list[RowError]]:
    """Parse every non-empty data row of sheet `label` (or the first sheet) with `parse`; returns (parsed
    rows, errors). Raises Unreadable when the upload is not a workbook. Rows are streamed (read-only
    mode); only what `parse` returns is kept. row_type is Row or a subclass with an app's own readers.
    A file past the import limits (core.import_limits) is refused as a whole: its size before it is
    opened, its rows at the first one past the limit (the rest is never read)."""
    if refusal := import_limits.too_large(import_limits.size_of(file)):
        return [], [RowError(0, "", refusal)]
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails on a non-xlsx with zip, XML or key errors alike
        raise Unreadable from exc
    try:
        sheet = workbook[label] if label in workbook.sheetnames else workbook.worksheets[0]
        rows = non_empty_rows(sheet)
        first = next(rows, None)
        index, errors = header(first, columns, label)
        if errors:
            return [], errors
        parsed: list[T] = []
        limit, report = import_limits.max_rows(), progress.get()
        for number, values in rows:
            if len(parsed) >= limit:
                return [], [RowError(0, "", import_limits.too_many_rows())]
            if report is not None and len(parsed) % PROGRESS_EVERY == 0:
                report(len(parsed))
            cells = {name: values[i] if i < len(values) else None for name, i in index.items()}
            parsed.append(parse(row_type(number, cells, errors)))
        if not parsed:
            errors.append(RowError(0, "", f"文件中没有数据：请从“{label}”工作表的第2行起填写"))
        return parsed, errors
    finally:
        workbook.close()


def data_rows(file, *, label: str = "", at_most: int) -> int:
    """How many non-empty data rows sheet `label` (or the first) holds, counting no further than
    `at_most` + 1 (streamed: enough to tell "more than at_most" without reading the rest). 0 when the
    file is not a workbook (the import itself then says why)."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl fails on a non-xlsx with zip, XML or key errors alike
        return 0
    try:
        sheet = workbook[label] if label in workbook.sheetnames else workbook.worksheets[0]
        count = -1  # the header row
        for _ in non_empty_rows(sheet):
            count += 1
            if count > at_most:
                break
        return max(count, 0)
    except Unreadable:
        return 0
    finally:
        workbook.close()
        file.seek(0)


def non_empty_rows(sheet) -> Iterator[tuple[int, tuple]]:
    """(Excel row number, values) of every row with at least one non-blank cell."""
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # a damaged sheet inside a readable zip
            raise Unreadable from exc
        number += 1
        if any(as_text(value) for value in values):
            yield number, values


def header(first, columns: Sequence[Column], label: str) -> tuple[dict[str, int], list[RowError]]:
    """Map each expected header to its position. Row 1 must be the template's header; extra columns
    are ignored, so an export (which has a few more) can be filled in and imported too."""
    expected = "、".join(column.header for column in columns)
    if first is None:
        return {}, [RowError(1, "", f"文件是空的：第1行应为表头（{expected}），请使用下载的“{label}”模板")]
    number, values = first
    positions: dict[str, int] = {}
    for i, value in enumerate(values):
        positions.setdefault(as_text(value), i)
    missing = [column.header for column in columns if column.header not in positions]
    if number != 1 or len(missing) == len(columns):
        return {}, [RowError(1, "", f"第1行应为表头（{expected}），请使用下载的“{label}”模板")]
    if missing:
        return {}, [
            RowError(1, name, f"表头缺少“{name}”列，请使用下载的“{label}”模板，不要修改第1行")
            for name in missing
        ]
    return {column.header: positions[column.header] for column in columns}, []


def sorted_errors(errors: Iterable[RowError], columns: Sequence[Column]) -> list[RowError]:
    """By row, then in the order of the columns; duplicates (one fault found twice) once."""
    order = {column.header: i for i, column in enumerate(columns)}
    unique = list(dict.fromkeys(errors))
    return sorted(unique, key=lambda error: (error.row, order.get(error.column, -1)))


def yes_no(value: bool) -> str:
    return "是" if value else "否"


# ---- the import page -------------------------------------------------------------------------------


class ImportForm(Form):
    """The upload of an import page: what to import (choices: the app's kinds), into which agency (the
    app sets the queryset) and the file."""

    kind = forms.ChoiceField(label="导入内容")
    agency = agency_field()
    file = forms.FileField(label="Excel文件（.xlsx）")

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]  # a ChoiceField
        self.fields["file"].help_text = import_limits.describe()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() != ".xlsx":
            raise ValidationError("请上传.xlsx格式的Excel文件（可先下载模板）")
        if refusal := import_limits.too_large(upload.size):
            raise ValidationError(f"“Excel文件”{refusal}")
        return upload


_background: Callable[..., Any] | None = None


def set_background(handler: Callable[..., Any] | None) -> None:
    """The answer to an import past ZHIFA_IMPORT_SYNC_ROWS rows (the jobs app: a background import,
    `handler(actor=, importer=, agency=, kind=, label=, file=)` returning the job). Without one, every
    import runs in the request."""
    global _background
    _background = handler


def importer_path(import_xlsx: Callable[..., ImportResult]) -> str:
    """The dotted path a worker imports `import_xlsx` from again ("" for a function defined inside
    another, which a worker cannot find: that import always runs in the request)."""
    name = getattr(import_xlsx, "__qualname__", "")
    return "" if "<locals>" in name or not name else f"{import_xlsx.__module__}.{name}"


def page_context(
    request, form, kinds: Sequence[tuple[str, str]], import_xlsx: Callable[..., ImportResult]
) -> dict:
    """What an app's import page shows: the upload form (fields agency, kind and file), the kinds
    offered, and after a valid upload the ImportResult of import_xlsx with the label of its kind — or,
    for a file of more than ZHIFA_IMPORT_SYNC_ROWS rows, the background job that imports it."""
    result = job = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        label = dict(kinds).get(data["kind"], "")
        path, sync = importer_path(import_xlsx), import_limits.sync_rows()
        if _background is not None and path and data_rows(data["file"], label=label, at_most=sync) > sync:
            job = _background(
                actor=request.user,
                importer=path,
                agency=data["agency"],
                kind=data["kind"],
                label=label,
                file=data["file"],
            )
        else:
            result = import_xlsx(
                actor=request.user, agency=data["agency"], kind=data["kind"], file=data["file"]
            )
    return {
        "form": form,
        "kinds": kinds,
        "result": result,
        "job": job,
        "job_rows": import_limits.sync_rows(),
        "kind_label": dict(kinds).get(form.cleaned_data.get("kind")) if result else "",
    }
