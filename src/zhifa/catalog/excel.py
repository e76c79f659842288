"""Excel in and out for the catalogue: templates to download, imports into an agency's draft of its
items (with their legal bases) and of benchmark levels, and the columns for exporting any list.

An import is all or nothing, as in the registry: every row is read first (each problem reported with
its Excel row number, column and reason), then every item or benchmark is handed to catalog.services —
the very rules the forms use — inside one transaction; if any row was refused, at reading or by a
service, the transaction is rolled back, the draft stays as it was, and every error is listed.

Items: one row per legal basis. Several rows with the same 事项编码 are one item with several legal
bases; the item's own columns come from its first row (later rows may leave them blank or repeat them).
Benchmarks: one row per circumstance level; the rows of one 事项编码 replace that item's levels (its
减免责情形 and note are kept).
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch

from zhifa.core import access, xlsx_import
from zhifa.core.models import Agency
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
from zhifa.registry.models import EnforcementField
from zhifa.registry.selectors import fields_offered

from . import services
from .choices import CircumstanceLevel, FineBasis, ItemCategory, ItemLevel, LegalRank, ProcedureStep
from .forms.versions import ITEM_FIELDS, bodies_of
from .models import BenchmarkLevel, CatalogVersion, EnforcementItem, LegalBasis
from .services import BasisInput, ExemptionInput, LevelInput

KINDS = ("items", "benchmarks")
KIND_LABELS = {"items": "执法事项", "benchmarks": "裁量基准"}
INSTRUCTIONS_SHEET = xlsx_import.INSTRUCTIONS_SHEET
WRITE_CONFLICT = "导入时草稿中的数据发生了变化（可能有人同时在编辑），请重新导入"
STEP_SEPARATOR = "；"


def _max(model: type[models.Model], name: str) -> str:
    return f"不超过{model._meta.get_field(name).max_length}个字"


AMOUNT_RULE = "数字（元），不填表示无"
# the penalty columns are named by the models' verbose names, themselves 第九条's (PenaltyMeasure)
REVOKE_MAJOR = EnforcementItem._meta.get_field("major_on_revocation").verbose_name
SUSPEND_MAJOR = EnforcementItem._meta.get_field("major_on_suspension").verbose_name
CONFISCATE = BenchmarkLevel._meta.get_field("confiscate").verbose_name
SUSPEND = BenchmarkLevel._meta.get_field("suspend").verbose_name
REVOKE = BenchmarkLevel._meta.get_field("revoke").verbose_name

# ---- columns: the headers are the models' verbose names, so a service's error on field x lands in the
# column named like x.

ITEM_COLUMNS: tuple[Column, ...] = (
    Column(
        "事项编码",
        True,
        "2至32位字母、数字或-_.；同一事项有多条设定依据时，每条依据填一行，事项编码相同",
        "SCJG-CF-001",
        number_format="@",
    ),
    Column("事项名称", True, _max(EnforcementItem, "name"), "销售不符合食品安全标准的食品"),
    Column("权力类别", True, choice_rule(ItemCategory), ItemCategory.PENALTY.label, choices=ItemCategory),
    Column("执法领域", True, "执法领域名称", "市场监管"),
    Column("行使层级", True, choice_rule(ItemLevel), ItemLevel.COUNTY.label, choices=ItemLevel),
    Column("实施主体", False, "本机关或其委托组织已登记的执法主体名称；不填表示本机关", ""),
    Column("责任事项", False, "文字", "依法调查取证、作出处罚决定并送达执行"),
    Column("追责情形", False, "文字", "不履行或不正确履行行政执法职责的"),
    Column("监管事项", False, YES_NO_RULE, "是"),
    Column("随机抽查事项", False, YES_NO_RULE, "否"),
    Column("抽查对象", False, _max(EnforcementItem, "inspection_object"), "食品经营者"),
    Column("抽查方式", False, _max(EnforcementItem, "inspection_method"), "双随机、一公开"),
    Column("列入重大执法决定法制审核目录", False, YES_NO_RULE, "是"),
    Column("罚款达到该数额为重大（元）", False, AMOUNT_RULE, "50000"),
    Column(REVOKE_MAJOR, False, YES_NO_RULE, "是"),
    Column(SUSPEND_MAJOR, False, YES_NO_RULE, "是"),
    Column(
        "须音像记录的环节",
        False,
        f"多个环节用“{STEP_SEPARATOR}”分隔；可填写：{STEP_SEPARATOR.join(ProcedureStep.labels)}",
        f"{ProcedureStep.ON_SITE.label}{STEP_SEPARATOR}{ProcedureStep.SEIZURE.label}",
    ),
    Column("服务指南", False, "文字", ""),
    Column("法律法规名称", True, f"{_max(LegalBasis, 'law_name')}，不加书名号", "中华人民共和国食品安全法"),
    Column("位阶", True, choice_rule(LegalRank), LegalRank.LAW.label, choices=LegalRank),
    Column("条款", True, _max(LegalBasis, "article"), "第一百二十四条"),
    Column("条文内容", True, "条款原文", "违反本法规定，有下列情形之一……"),
    Column("施行日期", False, DATE_RULE, "2021-04-29", number_format=DATE_FORMAT),
    Column("失效日期", False, f"{DATE_RULE}；须晚于施行日期", "", number_format=DATE_FORMAT),
    Column("法定罚款计算方式", False, choice_rule(FineBasis), FineBasis.AMOUNT.label, choices=FineBasis),
    Column("法定罚款下限", False, f"{AMOUNT_RULE}；按倍数计算时填倍数", "50000"),
    Column("法定罚款上限", False, f"{AMOUNT_RULE}；不低于下限", "100000"),
)
BASIS_NAMES = tuple(BasisInput.__dataclass_fields__)
ITEM_COLUMN_OF = {name: column_of(EnforcementItem, name) for name in ("code", *ITEM_FIELDS)}
BASIS_COLUMN_OF = {name: column_of(LegalBasis, name) for name in BASIS_NAMES}

BENCHMARK_COLUMNS: tuple[Column, ...] = (
    Column(
        "事项编码",
        True,
        "草稿中已有的行政处罚事项的编码；一个事项的各个情节各填一行，事项编码相同",
        "SCJG-CF-001",
        number_format="@",
    ),
    Column(
        "情节",
        True,
        choice_rule(CircumstanceLevel),
        CircumstanceLevel.ORDINARY.label,
        choices=CircumstanceLevel,
    ),
    Column("适用情形", True, "文字", "货值金额2000元以上不足5000元"),
    Column("事实下限（含）", False, "数字；按“划分情节的事实”选择情节时填写，不填表示无下限", "2000"),
    Column("事实上限（不含）", False, "数字；不填表示无上限", "5000"),
    Column("警告", False, YES_NO_RULE, "否"),
    Column("罚款计算方式", False, choice_rule(FineBasis), FineBasis.AMOUNT.label, choices=FineBasis),
    Column("罚款下限", False, "数字（元，按倍数计算时填倍数）；须在法定幅度内", "60000"),
    Column("罚款上限", False, "数字；不低于罚款下限，不超过法定上限", "80000"),
    Column(CONFISCATE, False, YES_NO_RULE, "否"),
    Column(SUSPEND, False, YES_NO_RULE, "否"),
    Column(REVOKE, False, YES_NO_RULE, "否"),
    Column(
        "划分情节的事实",
        False,
        "如：货值金额（元）；同一事项的各行填写相同内容，填写后各情节的事实范围不得重叠",
        "货值金额（元）",
    ),
    Column(
        "处罚依据条款",
        False,
        "该事项设定依据中的条款，如“第一百二十四条”；事项只有一条设定依据（或已有裁量基准）时可不填",
        "第一百二十四条",
    ),
)
LEVEL_NAMES = tuple(LevelInput.__dataclass_fields__)
FACT_LABEL = "划分情节的事实"
BASIS_ARTICLE = "处罚依据条款"

COLUMNS = {"items": ITEM_COLUMNS, "benchmarks": BENCHMARK_COLUMNS}

COMMON_NOTES = (
    "本工作表只是说明和示例，导入时不会读取。",
    "文件中只要有一行有错，整个文件都不会导入；请按提示的行号、列名逐条修改后重新上传。",
)
NOTES = {
    "items": (
        "每行是一个事项的一条设定依据；同一事项有多条设定依据时填多行，事项编码相同，后续行的事项各列可留空。",
        "导入到所选机关的清单草稿（没有草稿时从最新发布的版本建立）；草稿中已有的事项编码不能再导入，"
        "需要修改的事项请在页面上编辑。",
    ),
    "benchmarks": (
        "每行是一个事项的一个裁量情节；同一事项的各个情节填多行，事项编码相同。",
        "导入会替换草稿中该事项原有的全部裁量情节（减免责情形和适用说明保留）；罚款幅度须在该事项处罚依据的法定幅度内。",
    ),
}


def _kind_columns(kind: str) -> tuple[Column, ...]:
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {KINDS}")
    return COLUMNS[kind]


# ---- template --------------------------------------------------------------------------------------


def template_bytes(kind: str) -> bytes:
    columns = _kind_columns(kind)
    label = KIND_LABELS[kind]
    lines = (
        f"请在“{label}”工作表中从第2行起每行填写一条，不要修改第1行表头；红色列名为必填。",
        *NOTES[kind],
        *COMMON_NOTES,
    )
    fields = "、".join(fields_offered().values_list("name", flat=True))  # a new item names no 停用 one
    return xlsx_import.template_bytes(
        title=label,
        columns=columns,
        notes=["说明：", *(f"{n}. {line}" for n, line in enumerate(lines, start=1))],
        extra_rules={"执法领域": f"可填写：{fields}"} if kind == "items" else {},
    )


# ---- reading ---------------------------------------------------------------------------------------


@dataclass
class _ItemRow:
    row: int
    code: str
    item: dict[str, Any]  # the item's fields as read from this row
    basis: BasisInput | None
    ok: bool


class _ItemParser:
    """Reads item rows in file order. The first row of a code carries the item (its columns are
    required there); a later row of the same code adds a legal basis, and whatever item column it
    fills in must agree with the first row."""

    def __init__(self, agency: Agency):
        # every field, 停用 ones too (item_create refuses those, by name); the 启用 ones are suggested
        self.fields = {f.name: f for f in EnforcementField.objects.all()}
        self.offered = "、".join(fields_offered().values_list("name", flat=True))
        self.bodies = {body.name: body for body in bodies_of(agency)}
        self.first: dict[str, _ItemRow] = {}

    def __call__(self, row: Row) -> _ItemRow:
        code = row.text("事项编码", required=True)
        first = self.first.get(code) if code else None
        required = first is None
        item = {
            "name": row.text("事项名称", required=required),
            "category": row.choice("权力类别", ItemCategory, required=required),
            "field": self._field(row, required),
            "level": row.choice("行使层级", ItemLevel, required=required),
            "implementing_body": self._body(row),
            "duties": row.text("责任事项"),
            "accountability": row.text("追责情形"),
            "is_supervision": row.yes_no("监管事项"),
            "is_random_inspection": row.yes_no("随机抽查事项"),
            "inspection_object": row.text("抽查对象"),
            "inspection_method": row.text("抽查方式"),
            "needs_legal_review": row.yes_no("列入重大执法决定法制审核目录"),
            "major_fine_threshold": row.decimal("罚款达到该数额为重大（元）"),
            "major_on_revocation": row.yes_no(REVOKE_MAJOR),
            "major_on_suspension": row.yes_no(SUSPEND_MAJOR),
            "av_steps": row.labels("须音像记录的环节", ProcedureStep),
            "service_guide": row.text("服务指南"),
        }
        if first is not None:
            self._agrees(row, item, first)
        basis = self._basis(row, continuation=first is not None)
        parsed = _ItemRow(row.number, code, item, basis, row.ok)
        if code and first is None:
            self.first[code] = parsed
        return parsed

    def _field(self, row: Row, required: bool) -> EnforcementField | None:
        name = row.text("执法领域", required=required)
        if name and name not in self.fields:
            row.error("执法领域", f"没有名为“{name}”的执法领域；可填写：{self.offered}")
        return self.fields.get(name)

    def _body(self, row: Row):
        name = row.text("实施主体")
        if name and name not in self.bodies:
            choices = f"可填写：{'、'.join(self.bodies)}" if self.bodies else "本机关尚未登记执法主体"
            row.error("实施主体", f"本机关没有名为“{name}”的执法主体；{choices}")
        return self.bodies.get(name)

    def _agrees(self, row: Row, item: dict, first: _ItemRow) -> None:
        for name in ITEM_FIELDS:
            column = ITEM_COLUMN_OF[name]
            if row.blank(column) or column in row.failed or item[name] == first.item[name]:
                continue
            row.error(
                column,
                f"与第{first.row}行的事项编码相同，但“{column}”不同；同一事项的后续行只填设定依据，事项各列可留空",
            )

    def _basis(self, row: Row, *, continuation: bool) -> BasisInput | None:
        if all(row.blank(column) for column in BASIS_COLUMN_OF.values()):
            if continuation:
                row.error(
                    "法律法规名称", "该行没有填写设定依据：同一事项编码的后续行用于填写该事项的其他设定依据"
                )
            return None
        return BasisInput(
            law_name=row.text("法律法规名称", required=True).removeprefix("《").removesuffix("》"),
            rank=row.choice("位阶", LegalRank),
            article=row.text("条款", required=True),
            text=row.text("条文内容", required=True),
            effective_from=row.date("施行日期"),
            effective_to=row.date("失效日期"),
            fine_basis=row.choice("法定罚款计算方式", FineBasis, required=False),
            statutory_min=row.decimal("法定罚款下限"),
            statutory_max=row.decimal("法定罚款上限"),
        )


@dataclass
class _LevelRow:
    row: int
    code: str
    level: LevelInput
    fact_label: str
    article: str
    ok: bool


def _parse_level(row: Row) -> _LevelRow:
    code = row.text("事项编码", required=True)
    level = LevelInput(
        level=row.choice("情节", CircumstanceLevel),
        conditions=row.text("适用情形", required=True),
        fact_min=row.decimal("事实下限（含）"),
        fact_max=row.decimal("事实上限（不含）"),
        warning=row.yes_no("警告"),
        fine_basis=row.choice("罚款计算方式", FineBasis, required=False),
        fine_min=row.decimal("罚款下限"),
        fine_max=row.decimal("罚款上限"),
        confiscate=row.yes_no(CONFISCATE),
        suspend=row.yes_no(SUSPEND),
        revoke=row.yes_no(REVOKE),
    )
    fact_label, article = row.text(FACT_LABEL), row.text(BASIS_ARTICLE)
    return _LevelRow(row.number, code, level, fact_label, article, row.ok)


def _groups(rows: Iterable) -> dict[str, list]:
    """Rows by code, in the order the codes first appear (rows without a code are left out: they
    already carry their error)."""
    groups: dict[str, list] = {}
    for row in rows:
        if row.code:
            groups.setdefault(row.code, []).append(row)
    return groups


# ---- a service's refusal, back to rows and columns -------------------------------------------------

LIST_KEY = re.compile(r"^(?P<list>\w+)\[(?P<index>\d+)\]\.(?P<field>\w+)$")


def _refusal(exc: ValidationError, locate) -> list[RowError]:
    """Each message of a service's ValidationError as a RowError; `locate(key, message)` gives the
    (row, column) of an error key such as "name" or "legal_bases[2].statutory_min"."""
    if not hasattr(exc, "error_dict"):
        row, column = locate("", "")
        return [RowError(row, column, message) for message in exc.messages]
    errors = []
    for key, messages in exc.message_dict.items():
        for message in messages:
            row, column = locate(key, message)
            errors.append(RowError(row, column, naming(column, message)))
    return errors


def _item_locator(head: int, basis_rows: Sequence[int]):
    def locate(key: str, message: str) -> tuple[int, str]:
        match = LIST_KEY.match(key)
        if match and match["list"] == "legal_bases" and 0 < int(match["index"]) <= len(basis_rows):
            return basis_rows[int(match["index"]) - 1], BASIS_COLUMN_OF.get(match["field"], "")
        if key == "legal_bases":
            return head, "法律法规名称"
        return head, ITEM_COLUMN_OF.get(key, "")

    return locate


LEVEL_COLUMN_OF = {name: column_of(BenchmarkLevel, name) for name in LEVEL_NAMES}
OVERLAP = re.compile(r"与“(?P<label>[^”]+)”的适用范围重叠")


def _level_locator(group: Sequence[_LevelRow]):
    by_label = {CircumstanceLevel(r.level.level).label: r.row for r in group if r.level.level}

    def locate(key: str, message: str) -> tuple[int, str]:
        match = LIST_KEY.match(key)
        if match and match["list"] == "levels" and 0 < int(match["index"]) <= len(group):
            row = group[int(match["index"]) - 1].row
            return row, LEVEL_COLUMN_OF.get(match["field"], "")
        if key == "levels":
            overlap = OVERLAP.search(message)
            return by_label.get(overlap["label"], group[0].row) if overlap else group[0].row, "事实下限（含）"
        if key == "legal_basis":
            return group[0].row, BASIS_ARTICLE
        if key == "fact_label":
            return group[0].row, FACT_LABEL
        return group[0].row, "事项编码" if key == "item" else ""

    return locate


# ---- writing ---------------------------------------------------------------------------------------


def _write_items(actor, draft: CatalogVersion, rows: Sequence[_ItemRow]) -> tuple[int, list[RowError]]:
    """services.item_create for every item whose rows all read cleanly; the refusals of the others
    are collected rather than stopping at the first, so one upload lists them all."""
    created, errors = 0, []
    for code, group in _groups(rows).items():
        if not all(row.ok for row in group):
            continue
        head = group[0]
        with_basis = [row for row in group if row.basis is not None]
        try:
            services.item_create(
                actor=actor,
                draft=draft,
                code=code,
                legal_bases=[row.basis for row in with_basis],
                **head.item,
            )
        except ValidationError as exc:
            errors += _refusal(exc, _item_locator(head.row, [row.row for row in with_basis]))
        except IntegrityError:  # the same code saved by someone else meanwhile
            errors.append(RowError(head.row, "事项编码", WRITE_CONFLICT))
        else:
            created += 1
    return created, errors


def _same(group: Sequence[_LevelRow], attribute: str, column: str, errors: list[RowError]) -> str:
    """A per-item column repeated on each row: the first value given; a different one is an error."""
    first = next((row for row in group if getattr(row, attribute)), None)
    if first is None:
        return ""
    value = getattr(first, attribute)
    for row in group:
        if getattr(row, attribute) and getattr(row, attribute) != value:
            errors.append(
                RowError(row.row, column, f"同一事项的各行“{column}”应相同（第{first.row}行为“{value}”）")
            )
    return value


def _norm(text: str) -> str:
    return re.sub(r"[\s《》]", "", text)


def _pick_basis(item: EnforcementItem, article: str) -> tuple[LegalBasis | None, str]:
    """The legal basis the benchmark applies: by article (or law name and article) when given; else
    the one of the existing benchmark, or the item's only basis."""
    bases = list(item.legal_bases.all())
    if article:
        wanted = _norm(article)
        matches = [b for b in bases if wanted in (_norm(b.article), _norm(b.law_name + b.article))]
        if len(matches) == 1:
            return matches[0], ""
        if matches:
            example = f"{matches[0].law_name}{matches[0].article}"
            return None, f"该事项有多条设定依据的条款为“{article}”，请写成“法律法规名称条款”，如“{example}”"
        listed = "、".join(f"《{b.law_name}》{b.article}" for b in bases)
        return None, f"该事项的设定依据中没有“{article}”；该事项的设定依据为：{listed}"
    existing = getattr(item, "benchmark", None)
    if existing is not None:
        current = next((b for b in bases if b.pk == existing.legal_basis_id), None)
        if current is not None:
            return current, ""
    if len(bases) == 1:
        return bases[0], ""
    return None, f"该事项有{len(bases)}条设定依据，请填写“{BASIS_ARTICLE}”指明处罚依据"


def _write_benchmarks(actor, draft: CatalogVersion, rows: Sequence[_LevelRow]) -> tuple[int, list[RowError]]:
    groups = _groups(rows)
    items = {
        item.code: item
        for item in EnforcementItem.objects.filter(version=draft, code__in=list(groups))
        .select_related("version", "benchmark", "benchmark__legal_basis")
        .prefetch_related(
            Prefetch("legal_bases", queryset=LegalBasis.objects.order_by("id")), "benchmark__exemptions"
        )
    }
    created, errors = 0, []
    for code, group in groups.items():
        head = group[0]
        item = items.get(code)
        if item is None:
            errors.append(
                RowError(head.row, "事项编码", f"草稿中没有事项编码为“{code}”的事项，请先录入或导入该事项")
            )
            continue
        before = len(errors)
        fact_label = _same(group, "fact_label", FACT_LABEL, errors)
        article = _same(group, "article", BASIS_ARTICLE, errors)
        if len(errors) > before or not all(row.ok for row in group):
            continue
        basis, problem = _pick_basis(item, article)
        if basis is None:
            errors.append(RowError(head.row, BASIS_ARTICLE, problem))
            continue
        existing = getattr(item, "benchmark", None)
        exemptions = (
            [
                ExemptionInput(e.kind, e.conditions, tuple(e.required_facts), e.legal_basis)
                for e in existing.exemptions.all()
            ]
            if existing is not None
            else []
        )
        try:
            services.benchmark_set(
                actor=actor,
                item=item,
                legal_basis=basis,
                levels=[row.level for row in group],
                exemptions=exemptions,
                fact_label=fact_label,
                note=existing.note if existing is not None else "",
            )
        except ValidationError as exc:
            errors += _refusal(exc, _level_locator(group))
        else:
            created += 1
    return created, errors


# ---- import ----------------------------------------------------------------------------------------


class _Refused(Exception):
    """Raised out of the import's transaction to undo it."""


def import_xlsx(*, actor, agency: Agency, kind: str, file) -> ImportResult:
    """Import one filled-in template into the agency's draft (opened if there is none): every row is
    read, every item or benchmark is put through catalog.services in one transaction, and unless all
    of it passed, the transaction is rolled back and every error returned. created counts the items
    (items) or the benchmarks (benchmarks) written. Raises PermissionDenied before reading the file
    when the actor may not edit the agency's catalogue."""
    columns = _kind_columns(kind)
    # The whole-file answer, before anything is read (the services check again for each item).
    message = f"您无权向“{agency.name}”的清单导入{KIND_LABELS[kind]}"
    access.require_for_agency(actor, services.MANAGE_CATALOG, agency, message)
    parse = _ItemParser(agency) if kind == "items" else _parse_level
    try:
        rows, errors = read(file, label=KIND_LABELS[kind], columns=columns, parse=parse)
    except Unreadable:
        return ImportResult(0, [RowError(0, "", UNREADABLE)])
    if not rows:
        return ImportResult(0, sorted_errors(errors, columns))
    write = _write_items if kind == "items" else _write_benchmarks
    try:
        with transaction.atomic():
            draft = services.draft_open(actor=actor, agency=agency)
            created, refused = write(actor, draft, rows)
            errors += refused
            if errors:
                raise _Refused
    except _Refused:
        return ImportResult(0, sorted_errors(errors, columns))
    return ImportResult(created, [])


# ---- export ----------------------------------------------------------------------------------------

EXTRA_EXPORT = ("所属机关", "清单版本")
ITEM_EXPORT = (*(column.header for column in ITEM_COLUMNS), *EXTRA_EXPORT)
BENCHMARK_EXPORT = (*(column.header for column in BENCHMARK_COLUMNS), "事项名称", *EXTRA_EXPORT)
STEP_LABELS = dict(ProcedureStep.choices)


def _version_cells(version: CatalogVersion) -> tuple[str, str]:
    return version.agency.name, f"第{version.number}版（{version.get_status_display()}）"


def _basis_cells(basis: LegalBasis | None) -> tuple:
    if basis is None:
        return ("",) * len(BASIS_NAMES)
    return (
        basis.law_name,
        basis.get_rank_display(),
        basis.article,
        basis.text,
        basis.effective_from,
        basis.effective_to,
        FineBasis(basis.fine_basis).label if basis.fine_basis in FineBasis.values else basis.fine_basis,
        basis.statutory_min,
        basis.statutory_max,
    )


def _item_rows(items) -> Iterator[tuple]:
    """One row per legal basis, the item's columns repeated: re-imports as the same item."""
    items = items.select_related("field", "implementing_body", "version__agency").prefetch_related(
        Prefetch("legal_bases", queryset=LegalBasis.objects.order_by("id"))
    )
    for item in items.iterator(chunk_size=2000):
        head = (
            item.code,
            item.name,
            item.get_category_display(),
            item.field.name,
            item.get_level_display(),
            item.implementing_body.name if item.implementing_body else "",
            item.duties,
            item.accountability,
            yes_no(item.is_supervision),
            yes_no(item.is_random_inspection),
            item.inspection_object,
            item.inspection_method,
            yes_no(item.needs_legal_review),
            item.major_fine_threshold,
            yes_no(item.major_on_revocation),
            yes_no(item.major_on_suspension),
            STEP_SEPARATOR.join(STEP_LABELS.get(step, step) for step in item.av_steps),
            item.service_guide,
        )
        tail = _version_cells(item.version)
        for basis in list(item.legal_bases.all()) or [None]:
            yield (*head, *_basis_cells(basis), *tail)


def _benchmark_rows(items) -> Iterator[tuple]:
    levels = (
        BenchmarkLevel.objects.filter(benchmark__item__in=items.values("pk"))
        .select_related("benchmark__item__version__agency", "benchmark__legal_basis")
        .order_by("benchmark__item__code", models.F("fact_min").asc(nulls_first=True), "id")
    )
    for level in levels.iterator(chunk_size=2000):
        benchmark = level.benchmark
        yield (
            benchmark.item.code,
            level.get_level_display(),
            level.conditions,
            level.fact_min,
            level.fact_max,
            yes_no(level.warning),
            level.get_fine_basis_display() if level.fine_basis else "",
            level.fine_min,
            level.fine_max,
            yes_no(level.confiscate),
            yes_no(level.suspend),
            yes_no(level.revoke),
            benchmark.fact_label,
            benchmark.legal_basis.article,
            benchmark.item.name,
            *_version_cells(benchmark.item.version),
        )


EXPORTS = {"items": (ITEM_EXPORT, _item_rows), "benchmarks": (BENCHMARK_EXPORT, _benchmark_rows)}


def export(kind: str, items) -> tuple[list[str], Iterable[tuple]]:
    """Headers and rows for core.exports.xlsx_response: of the items (one row per legal basis) or of
    their benchmarks (one row per level). The caller passes the items it shows, already scoped; the
    import's columns come first under the same headers, so an export can be edited and imported into
    a draft (the extra columns are ignored)."""
    _kind_columns(kind)
    headers, rows = EXPORTS[kind]
    return list(headers), rows(items)
