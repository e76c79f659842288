"""检查对象名录库 in Excel: the template, the all-or-nothing import (every row checked first, each
problem with its row and column; duplicate 统一社会信用代码 refused, within the file or against the
directory), and the export columns."""

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core import access, records, xlsx_import
from zhifa.core.models import Agency, Region
from zhifa.core.xlsx_import import UNREADABLE, Column, ImportResult, Row, RowError, Unreadable, choice_rule

from .choices import RiskLevel, SubjectKind
from .models import Subject
from .services.directory import SubjectInput, build_subject
from .services.perms import MANAGE_SUBJECT

TITLE = "检查对象"
WRITE_CHUNK = 1000
COLUMNS = (
    Column("名称", True, "不超过128个字", "东区味美餐饮有限公司"),
    Column("对象类别", True, choice_rule(SubjectKind), SubjectKind.ORGANISATION.label, choices=SubjectKind),
    Column(
        "统一社会信用代码",
        False,
        "企业、个体工商户必填，18位；不能重复",
        "91110101MA00000017",
        number_format="@",
    ),
    Column("身份证号码", False, "自然人必填（只保存摘要，不保存号码）", "", number_format="@"),
    Column("行业", False, "不超过64个字", "餐饮服务"),
    Column("所在区划代码", False, "6位或9位行政区划代码", "970102", number_format="@"),
    Column("地址", False, "不超过200个字", "东区人民路1号"),
    Column("风险等级", True, choice_rule(RiskLevel), RiskLevel.B.label, choices=RiskLevel),
    Column("年度检查上限", False, "正整数；不填按系统默认", ""),
)
FIELD_COLUMN = {
    "name": "名称",
    "kind": "对象类别",
    "credit_code": "统一社会信用代码",
    "id_number": "身份证号码",
    "industry": "行业",
    "region": "所在区划代码",
    "address": "地址",
    "risk_level": "风险等级",
    "yearly_cap": "年度检查上限",
}


def template_bytes() -> bytes:
    return xlsx_import.template_bytes(
        title=TITLE,
        columns=COLUMNS,
        notes=(
            "说明：",
            "1. 从第2行起每行一个检查对象；红色列名为必填。",
            "2. 任何一行有错，整个文件都不导入。",
        ),
    )


def _parse(row: Row) -> SubjectInput | None:
    cap_text = row.text("年度检查上限")
    cap = None
    if cap_text:
        if not cap_text.isdigit() or int(cap_text) < 1:
            row.error("年度检查上限", f"“年度检查上限”应为正整数，不能填写“{cap_text}”")
        else:
            cap = int(cap_text)
    data = SubjectInput(
        kind=row.choice("对象类别", SubjectKind),
        name=row.text("名称", required=True),
        credit_code=row.text("统一社会信用代码"),
        id_number=row.text("身份证号码"),
        industry=row.text("行业"),
        region_code=row.text("所在区划代码"),
        address=row.text("地址"),
        risk_level=_risk(row),
        yearly_cap=cap,
    )
    return (row, data) if row.ok else (row, None)


def _risk(row: Row) -> str:
    """风险等级 by its letter (A–D) or by the template's label."""
    text = row.text("风险等级").upper()
    return text if text in RiskLevel.values else row.choice("风险等级", RiskLevel)


def import_xlsx(*, actor, agency: Agency, file) -> ImportResult:
    access.require_for_agency(actor, MANAGE_SUBJECT, agency, "您无权维护该机关的检查对象名录库")
    try:
        parsed, errors = xlsx_import.read(file, label=TITLE, columns=COLUMNS, parse=_parse)
    except Unreadable:
        return ImportResult(0, [RowError(0, "", UNREADABLE)])
    regions = {r.code: r for r in Region.objects.filter(code__in={d.region_code for _, d in parsed if d})}
    subjects, seen = [], {}
    for row, data in parsed:
        if data is None:
            continue
        try:
            subject = build_subject(agency, data, regions)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = FIELD_COLUMN.get(name, "")
                for message in messages:
                    row.error(column, xlsx_import.naming(column, message))
            continue
        if subject.code in seen:
            row.error("统一社会信用代码", f"与第{seen[subject.code]}行重复：{subject.code}")
            continue
        seen[subject.code] = row.number
        subjects.append((row, subject))
    existing = set(Subject.objects.filter(agency=agency, code__in=list(seen)).values_list("code", flat=True))
    for row, subject in subjects:
        if subject.code in existing:
            row.error("统一社会信用代码", f"名录库中已有{subject.code}（{subject.name}）")
    if errors:
        return ImportResult(0, xlsx_import.sorted_errors(errors, COLUMNS))
    return ImportResult(_write(actor, agency, [s for _, s in subjects]), [])


@transaction.atomic
def _write(actor, agency: Agency, subjects: list[Subject]) -> int:
    created = Subject.objects.bulk_create(subjects, batch_size=WRITE_CHUNK)
    if not created or created[0].pk is None:  # backends that do not return keys: read them back
        by_code = dict(
            Subject.objects.filter(agency=agency, code__in=[s.code for s in subjects]).values_list(
                "code", "pk"
            )
        )
        for subject in created:
            subject.pk = by_code[subject.code]
    records.append_many(
        agency=agency,
        actor=actor,
        items=((s, "inspections.subject_import", {"code": s.code}) for s in created),
    )
    return len(created)


def import_subjects(*, actor, agency: Agency, kind: str, file) -> ImportResult:
    """import_xlsx as the shared import page calls it (by kind; there is one), found again by a
    background import's worker."""
    return import_xlsx(actor=actor, agency=agency, file=file)
