"""Excel in and out for the registry: a template to download, an import of officers, certificates or
trainings from it, and the columns for exporting each list.

An import is all or nothing. Uploading a staff list is one act for the user, and half a list in the
registry is harder to repair than a list of errors to fix in the spreadsheet. So every row is read and
checked first — each problem reported with its Excel row number, column and reason — and only a clean
file is written, in one transaction: certificates and trainings through the same services as the forms;
officers in bulk, under the same checks, with one record-log entry per officer (see _write_officers).
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from zhifa.core import access, exports, records, xlsx_import
from zhifa.core.exports import Column as Out
from zhifa.core.forms import filters_of
from zhifa.core.models import Agency
from zhifa.core.validators import validate_id_number
from zhifa.core.xlsx_import import (
    DATE_FORMAT,
    DATE_RULE,
    UNREADABLE,
    YES_NO_RULE,
    Column,
    ImportResult,
    Row,
    RowError,
    Unreadable,
    choice_rule,
    column_of,
    naming,
    read,
    sorted_errors,
    yes_no,
)

from . import selectors, services
from .choices import CertificateKind, PersonKind, TrainingKind
from .models import Certificate, EnforcementField, Officer, TrainingRecord
from .names import initials_of

KINDS = ("officers", "certificates", "trainings")
KIND_LABELS = {"officers": "执法人员", "certificates": "执法证件", "trainings": "培训记录"}
INSTRUCTIONS_SHEET = xlsx_import.INSTRUCTIONS_SHEET

WRITE_CONFLICT = "导入时数据库中的数据发生了变化（可能有人同时在录入），请重新导入"
FIELD_SEPARATORS = re.compile(r"[、,，;；]")
LOOKUP_CHUNK = 500  # values per `IN (...)` query: well under SQLite's parameter limit
WRITE_CHUNK = 1000  # rows per bulk insert / per officer prefetch while writing


# ---- columns ---------------------------------------------------------------------------------------


def _max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


OFFICER_ID = Column(
    "身份证号码",
    True,
    "18位居民身份证号码，末位可为X；每人只能登记一次",
    "11010519491231002X",
    number_format="@",
)
HOLDER_ID = Column(
    "身份证号码",
    True,
    "本机关已登记的人员的身份证号码（按它找到人员）",
    "11010519491231002X",
    number_format="@",
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "officers": (
        Column("姓名", True, f"不超过{_max_length(Officer, 'name')}个字", "张伟"),
        OFFICER_ID,
        Column("人员类别", True, choice_rule(PersonKind), PersonKind.OFFICER.label, choices=PersonKind),
        Column("岗位", False, f"不超过{_max_length(Officer, 'post')}个字", "市场监管执法岗"),
        Column("重要执法岗位", False, YES_NO_RULE, "否"),
        Column("任现岗位日期", False, DATE_RULE, "2023-06-01", number_format=DATE_FORMAT),
        Column("首次从事执法日期", False, DATE_RULE, "2018-09-01", number_format=DATE_FORMAT),
        Column("执法领域", False, "多个领域用“、”或“,”分隔", "市场监管、城市管理"),
    ),
    "certificates": (
        HOLDER_ID,
        Column(
            "证件编号", True, "8至20位数字或大写字母，不能与已有证件重复", "JZ20260001", number_format="@"
        ),
        Column(
            "证件类别",
            True,
            choice_rule(CertificateKind),
            CertificateKind.ENFORCEMENT.label,
            choices=CertificateKind,
        ),
        Column("发证机关", True, f"不超过{_max_length(Certificate, 'issuer')}个字", "江州市司法局"),
        Column("发证日期", True, DATE_RULE, "2026-03-01", number_format=DATE_FORMAT),
        Column("有效期至", True, f"{DATE_RULE}；须晚于发证日期", "2031-02-28", number_format=DATE_FORMAT),
        Column("执法领域", True, "证件覆盖的执法领域，多个用“、”或“,”分隔", "市场监管"),
    ),
    "trainings": (
        HOLDER_ID,
        Column("培训日期", True, DATE_RULE, "2026-03-01", number_format=DATE_FORMAT),
        Column("学时", True, "大于0的数字，最多一位小数（每条0.5至200学时）", "8"),
        Column(
            "培训类别", True, choice_rule(TrainingKind), TrainingKind.PUBLIC_LAW.label, choices=TrainingKind
        ),
        Column("培训名称", True, f"不超过{_max_length(TrainingRecord, 'title')}个字", "行政处罚法专题培训"),
        Column("组织单位", False, f"不超过{_max_length(TrainingRecord, 'provider')}个字", "江州市司法局"),
    ),
}


def _kind_columns(kind: str) -> tuple[Column, ...]:
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {KINDS}")
    return COLUMNS[kind]


# ---- template --------------------------------------------------------------------------------------


def template_bytes(kind: str) -> bytes:
    """The xlsx users fill in (see xlsx_import.template_bytes); the 执法领域 rule lists the 启用 fields (a new
    certificate covers no 停用 field, a new officer is given none)."""
    columns = _kind_columns(kind)
    field_names = "、".join(selectors.fields_offered().values_list("name", flat=True))
    return xlsx_import.template_bytes(
        title=KIND_LABELS[kind],
        columns=columns,
        notes=(
            "说明：",
            f"1. 请在“{KIND_LABELS[kind]}”工作表中从第2行起每行填写一条，不要修改第1行表头；红色列名为必填。",
            "2. 本工作表只是说明和示例，导入时不会读取。",
            "3. 身份证号码、证件编号列已设为文本格式，请勿改成数字格式，否则末几位会丢失。",
            "4. 文件中只要有一行有错，整个文件都不会导入；请按提示的行号、列名逐条修改后重新上传。",
        ),
        extra_rules={"执法领域": f"可选：{field_names}"},
    )


# ---- reading cells ---------------------------------------------------------------------------------


class _Row(Row):
    """xlsx_import's row readers, and the registry's own: ID numbers, fields by name, the agency's
    officer by ID number."""

    def id_number(self, column: str = "身份证号码") -> str:
        if isinstance(self.values[column], float):
            self.error(column, "身份证号码被存成了数字，末几位已丢失；请把该列设为文本格式后重新填写")
            return ""
        number = self.text(column, required=True).upper()
        if number:
            try:
                validate_id_number(number)
            except ValidationError as exc:
                self.error(column, exc.messages[0])
                return ""
        return number

    def field_codes(
        self, column: str, by_name: dict[str, str], *, required: bool, listed: str = ""
    ) -> tuple[str, ...]:
        """The codes of the fields named in `column`; `listed`: the names to suggest (else every field)."""
        names = [name.strip() for name in FIELD_SEPARATORS.split(self.text(column)) if name.strip()]
        unknown = [name for name in names if name not in by_name]
        if unknown:
            listed = listed or "、".join(by_name)
            self.error(column, f"没有名为“{'、'.join(unknown)}”的执法领域；可填写：{listed}")
        elif required and not names:
            self.error(column, f"请填写“{column}”")
        return tuple(dict.fromkeys(by_name[name] for name in names if name in by_name))

    def officer(self, id_number: str, officers: dict[str, tuple[int, str]]) -> tuple[int, str] | None:
        """The (pk, kind) of the agency's officer with this ID number."""
        if not id_number:
            return None
        found = officers.get(id_number)
        if found is None:
            self.error("身份证号码", "本机关没有登记该身份证号码的人员，请先录入或导入执法人员")
        return found


def _column_of(model: type[models.Model], name: str) -> str:
    """The header of the column a model field comes from; the officer of a certificate or training is
    found by its ID number."""
    return "身份证号码" if name == "officer" else column_of(model, name)


# ---- parsing per kind ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lookups:
    """Everything validation needs from the database, fetched once per import, not once per row."""

    fields_by_name: dict[str, str]  # every field, 停用 ones too (refused by name: refuse_stopped_fields)
    offered: str  # the names of the 启用 fields, suggested
    stopped: dict[str, str]  # code → name of the 停用 fields, in their order (refuse_stopped_fields)
    officers: dict[str, tuple[int, str]]  # ID number → (pk, kind), the agency's officers only


class _OfficerRow(NamedTuple):
    row: int
    name: str
    id_number: str
    kind: str
    post: str
    is_key_post: bool
    post_since: date | None
    enforcing_since: date | None
    fields: tuple[str, ...]


class _CertificateRow(NamedTuple):
    row: int
    officer_id: int
    number: str
    kind: str
    issuer: str
    issued_on: date | None
    expires_on: date | None
    fields: tuple[str, ...]


class _TrainingRow(NamedTuple):
    row: int
    officer_id: int
    on: date | None
    hours: Decimal | None
    kind: str
    title: str
    provider: str


def _parse_officer(row: _Row, lookups: _Lookups) -> _OfficerRow:
    values = {
        "name": row.text("姓名", required=True),
        "id_number": row.id_number(),
        "kind": row.choice("人员类别", PersonKind),
        "post": row.text("岗位"),
        "is_key_post": row.yes_no("重要执法岗位"),
        "post_since": row.date("任现岗位日期"),
        "enforcing_since": row.date("首次从事执法日期"),
    }
    fields = row.field_codes("执法领域", lookups.fields_by_name, required=False, listed=lookups.offered)
    try:  # officer_create's rule; the officers are written in bulk (_write_officers)
        services.refuse_stopped_fields(
            fields, key="fields", use=services.OFFICER_FIELD_USE, stopped=lookups.stopped
        )
    except ValidationError as exc:
        row.error("执法领域", exc.messages[0])
    row.check_model(Officer(**values), ("name", "kind", "post", "post_since", "enforcing_since"))
    return _OfficerRow(row.number, fields=fields, **values)


def _parse_certificate(row: _Row, lookups: _Lookups) -> _CertificateRow:
    officer = row.officer(row.id_number(), lookups.officers)
    if officer and officer[1] == PersonKind.AUXILIARY:
        row.error("身份证号码", "该身份证号码的人员是行政执法辅助人员，不能申领行政执法证件")
    values = {
        "number": row.text("证件编号", required=True).upper(),
        "kind": row.choice("证件类别", CertificateKind),
        "issuer": row.text("发证机关", required=True),
        "issued_on": row.date("发证日期", required=True),
        "expires_on": row.date("有效期至", required=True),
    }
    fields = row.field_codes("执法领域", lookups.fields_by_name, required=True, listed=lookups.offered)
    row.check_model(Certificate(**values), ("number", "kind", "issuer"))
    issued, expires = values["issued_on"], values["expires_on"]
    if issued and expires and expires <= issued:
        row.error("有效期至", "“有效期至”应晚于“发证日期”")
    return _CertificateRow(row.number, officer[0] if officer else 0, fields=fields, **values)


def _parse_training(row: _Row, lookups: _Lookups) -> _TrainingRow:
    officer = row.officer(row.id_number(), lookups.officers)
    values = {
        "on": row.date("培训日期", required=True),
        "hours": row.positive_number("学时"),
        "kind": row.choice("培训类别", TrainingKind),
        "title": row.text("培训名称", required=True),
        "provider": row.text("组织单位"),
    }
    row.check_model(TrainingRecord(**values), ("hours", "kind", "title", "provider"))
    return _TrainingRow(row.number, officer[0] if officer else 0, **values)


# ---- checks across rows and against the database ----------------------------------------------------


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(model: type[models.Model], field: str, values: Iterable[str]) -> set[str]:
    """Which of `values` some row of `model` already holds in `field` (unique columns), asked a few
    hundred at a time instead of once per row."""
    values = sorted(set(values) - {""})
    found: set[str] = set()
    for chunk in _chunks(values, LOOKUP_CHUNK):
        found.update(model.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def _unique(rows: Sequence[NamedTuple], key: str, column: str, model, taken_message: str) -> list[RowError]:
    """A unique value may appear once in the file and must not be in the database yet."""
    errors, first_row = [], {}
    for row in rows:
        value = getattr(row, key)
        if not value:
            continue
        if value in first_row:
            errors.append(RowError(row.row, column, f"与第{first_row[value]}行的“{column}”重复"))
        else:
            first_row[value] = row.row
    taken = _existing(model, key, first_row)
    errors += [RowError(row.row, column, taken_message) for row in rows if getattr(row, key) in taken]
    return errors


def _check_officers(rows: Sequence[_OfficerRow]) -> list[RowError]:
    return _unique(rows, "id_number", "身份证号码", Officer, "该身份证号码已登记，系统中已有此人员")


def _check_certificates(rows: Sequence[_CertificateRow]) -> list[RowError]:
    return _unique(rows, "number", "证件编号", Certificate, "该证件编号已被使用")


def _check_trainings(rows: Sequence[_TrainingRow]) -> list[RowError]:
    """Nothing to check across rows: the same course may well be recorded twice (two sessions)."""
    return []


# ---- writing per kind ------------------------------------------------------------------------------


class _WriteFailed(Exception):
    """Raised out of the import's transaction to undo it, carrying the errors to report."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


@contextmanager
def _reported_as(row: int, model: type[models.Model]):
    """A ValidationError a service raises for one row becomes that row's errors, and (raised out of
    the import's transaction) undoes every row written before it."""
    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            columns = {name: _column_of(model, name) for name in exc.message_dict}
            errors = [
                RowError(row, columns[name], naming(columns[name], message))
                for name, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [RowError(row, "", message) for message in exc.messages]
        raise _WriteFailed(errors) from exc


def _write_officers(actor, agency: Agency, rows: Sequence[_OfficerRow]) -> int:
    """Officers are written in bulk: a bulk insert per thousand rows instead of officer_create's dozen
    queries per row (the benchmark imports 100,000). What officer_create guarantees still holds: the
    permission was checked before the file was read, every row passed the model's field checks, the
    uniqueness check and the 停用 fields' (refuse_stopped_fields), and name_initials is computed the same way.

    Each officer still gets its own officer.create record, written with records.append_many: one
    chain lock and one head update per batch. (Appending one by one would update the chain head 100,000
    times in one transaction, which PostgreSQL makes slower with every update.)"""
    through = Officer.fields.through
    for chunk in _chunks(rows, WRITE_CHUNK):
        officers = Officer.objects.bulk_create([_new_officer(agency, row) for row in chunk])
        through.objects.bulk_create(
            through(officer_id=officer.pk, enforcementfield_id=code)
            for officer, row in zip(officers, chunk, strict=True)
            for code in row.fields
        )
        records.append_many(
            agency=agency,
            actor=actor,
            items=(
                (officer, "officer.create", services.officer_payload(officer, row.fields))
                for officer, row in zip(officers, chunk, strict=True)
            ),
        )
    return len(rows)


def _new_officer(agency: Agency, row: _OfficerRow) -> Officer:
    return Officer(
        agency=agency,
        name=row.name,
        name_initials=initials_of(row.name),
        id_number=row.id_number,
        kind=row.kind,
        post=row.post,
        is_key_post=row.is_key_post,
        post_since=row.post_since,
        enforcing_since=row.enforcing_since,
    )


def _officers_of(chunk: Sequence) -> dict[int, Officer]:
    return Officer.objects.select_related("agency").in_bulk({row.officer_id for row in chunk})


def _write_each(rows: Sequence, model: type[models.Model], write: Callable[[Officer, Any], object]) -> int:
    """write(officer, row) for every row, through the service the form uses; the officers are fetched
    a chunk at a time, and a row the service refuses undoes the import (see _reported_as)."""
    for chunk in _chunks(rows, WRITE_CHUNK):
        officers = _officers_of(chunk)
        for row in chunk:
            with _reported_as(row.row, model):
                write(officers[row.officer_id], row)
    return len(rows)


def _write_certificates(actor, agency: Agency, rows: Sequence[_CertificateRow]) -> int:
    def issue(officer: Officer, row: _CertificateRow):
        return services.certificate_issue(
            actor=actor,
            officer=officer,
            number=row.number,
            kind=row.kind,
            issuer=row.issuer,
            issued_on=row.issued_on,
            expires_on=row.expires_on,
            fields=list(row.fields),
        )

    return _write_each(rows, Certificate, issue)


def _write_trainings(actor, agency: Agency, rows: Sequence[_TrainingRow]) -> int:
    def add(officer: Officer, row: _TrainingRow):
        return services.training_add(
            actor=actor,
            officer=officer,
            on=row.on,
            hours=row.hours,
            kind=row.kind,
            title=row.title,
            provider=row.provider,
        )

    return _write_each(rows, TrainingRecord, add)


# ---- import ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Importer:
    perm: str
    parse: Callable[[_Row, _Lookups], NamedTuple]
    check: Callable[[Sequence], list[RowError]]  # across rows and against the database
    write: Callable[[Any, Agency, Sequence], int]
    needs_officers: bool


IMPORTERS = {
    "officers": _Importer(services.MANAGE_OFFICER, _parse_officer, _check_officers, _write_officers, False),
    "certificates": _Importer(
        services.MANAGE_CERTIFICATE, _parse_certificate, _check_certificates, _write_certificates, True
    ),
    "trainings": _Importer(
        services.MANAGE_OFFICER, _parse_training, _check_trainings, _write_trainings, True
    ),
}


def import_xlsx(*, actor, agency: Agency, kind: str, file) -> ImportResult:
    """Import one filled-in template into `agency`: every row is checked first; if any row is wrong
    nothing is written and every error is returned; otherwise all rows are written in one transaction.
    Raises PermissionDenied before reading the file when the actor may not do this for the agency."""
    columns = _kind_columns(kind)
    importer = IMPORTERS[kind]
    # The whole-file answer, before anything is read (the services check again for each row).
    message = f"您无权向“{agency.name}”导入{KIND_LABELS[kind]}"
    access.require_for_agency(actor, importer.perm, agency, message)
    lookups = _lookups(agency, importer)
    try:
        rows, errors = read(
            file,
            label=KIND_LABELS[kind],
            columns=columns,
            parse=lambda row: importer.parse(row, lookups),
            row_type=_Row,
        )
    except Unreadable:
        return ImportResult(0, [RowError(0, "", UNREADABLE)])
    errors += importer.check(rows)
    if errors:
        return ImportResult(0, sorted_errors(errors, columns))
    try:
        with transaction.atomic():
            created = importer.write(actor, agency, rows)
    except _WriteFailed as failed:
        return ImportResult(0, sorted_errors(failed.errors, columns))
    except IntegrityError:
        # Someone registered one of these ID or certificate numbers between our check and our write.
        errors = importer.check(rows) or [RowError(0, "", WRITE_CONFLICT)]
        return ImportResult(0, sorted_errors(errors, columns))
    return ImportResult(created, [])


def _lookups(agency: Agency, importer: _Importer) -> _Lookups:
    officers = {}
    if importer.needs_officers:
        rows = Officer.objects.filter(agency=agency).values_list("id_number", "pk", "kind")
        officers = {id_number: (pk, kind) for id_number, pk, kind in rows.iterator(chunk_size=5000)}
    fields = EnforcementField.objects.order_by("ordering", "code").values_list("name", "code", "active")
    by_name, offered, stopped = {}, [], {}
    for name, code, active in fields:  # one read: every field, the 启用 ones offered, the 停用 ones refused
        by_name[name] = code
        if active:
            offered.append(name)
        else:
            stopped[code] = name
    return _Lookups(by_name, "、".join(offered), stopped, officers)


# ---- export ----------------------------------------------------------------------------------------


def _field_names(obj) -> str:
    return "、".join(field.name for field in obj.fields.all())


# The columns of each list's export: the import's columns first, under the same headers, so an exported
# list can be edited and re-imported elsewhere (extra columns are ignored by the import). Each column reads
# a row and the export's context, `Seen` (the day, and whose ID numbers the user sees in full).
class Seen(NamedTuple):
    today: date
    viewer: Any  # registry.selectors.personal_data_viewer


def seen_by(user) -> Seen:
    from .selectors import personal_data_viewer

    return Seen(timezone.localdate(), personal_data_viewer(user))


OFFICER_COLUMNS = (
    Out("姓名", lambda o, seen: o.name),
    Out("身份证号码", lambda o, seen: seen.viewer.id_number(o)),
    Out("人员类别", lambda o, seen: o.get_kind_display()),
    Out("岗位", lambda o, seen: o.post),
    Out("重要执法岗位", lambda o, seen: yes_no(o.is_key_post)),
    Out("任现岗位日期", lambda o, seen: o.post_since, "date"),
    Out("首次从事执法日期", lambda o, seen: o.enforcing_since, "date"),
    Out("执法领域", lambda o, seen: _field_names(o)),
    Out("所在机关", lambda o, seen: o.agency.name),
    Out("状态", lambda o, seen: o.get_status_display()),
)
CERTIFICATE_COLUMNS = (
    Out("姓名", lambda c, seen: c.officer.name),
    Out("身份证号码", lambda c, seen: seen.viewer.id_number(c.officer)),
    Out("所在机关", lambda c, seen: c.officer.agency.name),
    Out("证件编号", lambda c, seen: c.number),
    Out("证件类别", lambda c, seen: c.get_kind_display()),
    Out("发证机关", lambda c, seen: c.issuer),
    Out("发证日期", lambda c, seen: c.issued_on, "date"),
    Out("有效期至", lambda c, seen: c.expires_on, "date"),
    Out("执法领域", lambda c, seen: _field_names(c)),
    Out("状态", lambda c, seen: c.effective_status_label(seen.today)),
    Out("最近审验日期", lambda c, seen: c.last_checked_on, "date"),
)
TRAINING_COLUMNS = (
    Out("姓名", lambda t, seen: t.officer.name),
    Out("身份证号码", lambda t, seen: seen.viewer.id_number(t.officer)),
    Out("所在机关", lambda t, seen: t.officer.agency.name),
    Out("培训日期", lambda t, seen: t.on, "date"),
    Out("学时", lambda t, seen: t.hours),
    Out("培训类别", lambda t, seen: t.get_kind_display()),
    Out("培训名称", lambda t, seen: t.title),
    Out("组织单位", lambda t, seen: t.provider),
)
OFFICER_EXPORT = tuple(column.label for column in OFFICER_COLUMNS)
CERTIFICATE_EXPORT = tuple(column.label for column in CERTIFICATE_COLUMNS)
TRAINING_EXPORT = tuple(column.label for column in TRAINING_COLUMNS)

EXPORTS: dict[str, tuple[tuple[Out, ...], Callable[[Any], Any]]] = {
    "officers": (OFFICER_COLUMNS, lambda qs: qs.select_related("agency").prefetch_related("fields")),
    "certificates": (
        CERTIFICATE_COLUMNS,
        lambda qs: qs.select_related("officer__agency").prefetch_related("fields"),
    ),
    "trainings": (TRAINING_COLUMNS, lambda qs: qs.select_related("officer__agency")),
}


def list_export(
    kind: str, *, key: str, filename: str, page_list, filter_keys, perm: str
) -> exports.ListExport:
    """The export of a registry list on the core.exports kit: `page_list(request, filters)` is the list
    as its page shows it (already scoped to the user), read with the page's own filters."""
    _kind_columns(kind)
    columns, prepare = EXPORTS[kind]

    def queryset(user, params):
        request = exports.request_of(params, user)
        return prepare(page_list(request, filters_of(request, filter_keys)))

    return exports.register(
        exports.ListExport(
            key=key,
            filename=filename,
            columns=columns,
            queryset=queryset,
            perm=perm,
            context=seen_by,
            personal_data=True,  # every registry list carries the officers' ID numbers
        )
    )


def export(kind: str, queryset, *, viewer) -> tuple[list[str], Iterable[tuple]]:
    """Headers and rows of `queryset` (already scoped) in the export's columns, read a chunk at a time;
    `viewer` (registry.selectors.personal_data_viewer) decides whose ID numbers are written in full."""
    _kind_columns(kind)
    columns, prepare = EXPORTS[kind]
    seen = Seen(timezone.localdate(), viewer)
    rows = (
        tuple(column.value(row, seen) for column in columns)
        for row in prepare(queryset).iterator(chunk_size=2000)
    )
    return [column.label for column in columns], rows
