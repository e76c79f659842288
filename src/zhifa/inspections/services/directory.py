"""检查对象名录库 and the facts 回避 and 包容审慎 rely on."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region
from zhifa.registry.models import Officer

from ..choices import ENTERPRISE_KINDS, LenientKind, SubjectKind
from ..models import DeclaredRelation, InspectorProfile, LenientEntry, Subject
from .perms import MANAGE_SUBJECT


@dataclass(frozen=True)
class SubjectInput:
    kind: str
    name: str
    credit_code: str = ""
    id_number: str = ""  # a person's: only its hash is kept, as the subject's code
    industry: str = ""
    region_code: str = ""
    address: str = ""
    risk_level: str = "B"
    yearly_cap: int | None = None


def person_code(id_number: str) -> str:
    """A person's code in the directory and in public draw files: a pseudonym of the ID number."""
    return "ZR" + hashlib.sha256(id_number.strip().upper().encode()).hexdigest()[:16].upper()


def build_subject(agency: Agency, data: SubjectInput, regions: dict[str, Region] | None = None) -> Subject:
    """An unsaved, field-checked Subject (shared by the form and the Excel import)."""
    credit_code = data.credit_code.strip().upper()
    if data.kind in ENTERPRISE_KINDS:
        if not credit_code:
            kit.refuse("credit_code", "企业、个体工商户须填写统一社会信用代码")
        code = credit_code
    elif data.kind == SubjectKind.PERSON:
        if not data.id_number.strip():
            kit.refuse("id_number", "自然人须填写身份证号码（仅保存其摘要）")
        code, credit_code = person_code(data.id_number), ""
    else:
        kit.refuse("kind", f"未知的对象类别“{data.kind}”")
    region = None
    if data.region_code:
        region = (regions or {}).get(data.region_code) or Region.objects.filter(code=data.region_code).first()
        if region is None:
            kit.refuse("region", f"行政区划代码“{data.region_code}”不存在")
    subject = Subject(
        agency=agency,
        kind=data.kind,
        name=data.name.strip(),
        code=code,
        credit_code=credit_code,
        industry=data.industry.strip(),
        region=region,
        address=data.address.strip(),
        risk_level=data.risk_level,
        yearly_cap=data.yearly_cap,
    )
    subject.full_clean(exclude=["agency", "region"], validate_unique=False, validate_constraints=False)
    return subject


@transaction.atomic
def subject_create(*, actor: Actor, agency: Agency, data: SubjectInput) -> Subject:
    access.require_for_agency(actor, MANAGE_SUBJECT, agency, "您无权维护该机关的检查对象名录库")
    subject = build_subject(agency, data)
    if Subject.objects.filter(agency=agency, code=subject.code).exists():
        kit.refuse("credit_code", f"名录库中已有编码为{subject.code}的检查对象")
    subject.save()
    kit.record(subject, "inspections.subject_create", actor=actor, payload={"code": subject.code})
    return subject


@transaction.atomic
def residence_set(*, actor: Actor, officer: Officer, region: Region | None) -> InspectorProfile:
    """Record where an inspector lives: subjects in that region are never drawn for them (回避)."""
    access.require_for_agency(actor, MANAGE_SUBJECT, officer.agency)
    profile, _ = InspectorProfile.objects.update_or_create(
        officer=officer, defaults={"residence_region": region}
    )
    kit.record(
        officer,
        "inspections.residence_set",
        actor=actor,
        payload={"region": region.code if region else ""},
        agency=officer.agency,
    )
    return profile


@transaction.atomic
def relation_declare(*, actor: Actor, officer: Officer, subject: Subject, note: str) -> DeclaredRelation:
    """申报利害关系: the officer will not be drawn for the subject."""
    access.require_for_agency(actor, MANAGE_SUBJECT, officer.agency)
    if not note.strip():
        kit.refuse("note", "请写明关系")
    relation, _ = DeclaredRelation.objects.update_or_create(
        officer=officer, subject=subject, defaults={"note": note.strip()}
    )
    kit.record(
        officer,
        "inspections.relation_declare",
        actor=actor,
        payload={"subject": subject.code, "note": relation.note},
        agency=officer.agency,
    )
    return relation


def _lenient_target(kind: str, subject: Subject | None, item_code: str, valid_from, valid_until) -> None:
    if kind == LenientKind.OBSERVATION and subject is None:
        kit.refuse("subject", "观察期须指定检查对象")
    if kind == LenientKind.NO_PENALTY and not item_code.strip():
        kit.refuse("item_code", "免罚清单须指定事项编码")
    if valid_until and valid_until < valid_from:
        kit.refuse("valid_until", "截止日期不能早于起始日期")


def _lenient_payload(entry: LenientEntry) -> dict:
    return {
        "kind": entry.kind,
        "subject": entry.subject.code if entry.subject else "",
        "item": entry.item_code,
        "valid_from": entry.valid_from.isoformat(),
        "valid_until": entry.valid_until.isoformat() if entry.valid_until else "",
        "note": entry.note,
    }


@transaction.atomic
def lenient_add(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    valid_from: date,
    valid_until: date | None = None,
    subject: Subject | None = None,
    item_code: str = "",
    note: str = "",
) -> LenientEntry:
    """列入包容审慎清单: a subject's 观察期, or an item on the 免罚清单."""
    access.require_for_agency(actor, MANAGE_SUBJECT, agency)
    _lenient_target(kind, subject, item_code, valid_from, valid_until)
    entry = LenientEntry.objects.create(
        agency=agency,
        kind=kind,
        subject=subject if kind == LenientKind.OBSERVATION else None,
        item_code=item_code.strip() if kind == LenientKind.NO_PENALTY else "",
        valid_from=valid_from,
        valid_until=valid_until,
        note=note,
    )
    kit.record(
        entry,
        "inspections.lenient_add",
        actor=actor,
        payload={"kind": kind, "subject": subject.code if subject else "", "item": entry.item_code},
    )
    return entry


def _require_open(actor: Actor, entry: LenientEntry) -> None:
    access.require_for_agency(actor, MANAGE_SUBJECT, entry.agency)
    if entry.ended_on:
        kit.refuse("__all__", f"该条目已于{entry.ended_on:%Y-%m-%d}移出清单，不能再修改")


@transaction.atomic
def lenient_edit(
    *,
    actor: Actor,
    entry: LenientEntry,
    valid_from: date,
    valid_until: date | None = None,
    subject: Subject | None = None,
    item_code: str = "",
    note: str = "",
) -> LenientEntry:
    """修改包容审慎清单条目 (its list stays: a 观察期 does not become a 免罚 item); the record keeps
    what it was before."""
    _require_open(actor, entry)
    if subject is not None and subject.agency_id != entry.agency_id:
        kit.refuse("subject", "检查对象不在本机关的名录库中")
    _lenient_target(entry.kind, subject, item_code, valid_from, valid_until)
    before = _lenient_payload(entry)
    if entry.kind == LenientKind.OBSERVATION:
        entry.subject = subject
    else:
        entry.item_code = item_code.strip()
    entry.valid_from, entry.valid_until, entry.note = valid_from, valid_until, note.strip()
    entry.save(update_fields=["subject", "item_code", "valid_from", "valid_until", "note"])
    kit.record(
        entry,
        "inspections.lenient_edit",
        actor=actor,
        payload={"before": before, "after": _lenient_payload(entry)},
    )
    return entry


@transaction.atomic
def lenient_end(*, actor: Actor, entry: LenientEntry, on: date, reason: str) -> LenientEntry:
    """移出包容审慎清单 from `on` (findings from that day are no longer covered). Never a deletion: the
    entry stays, with the reason, to explain the findings it covered."""
    _require_open(actor, entry)
    if not reason.strip():
        kit.refuse("reason", "请写明移出清单的理由")
    if on < entry.valid_from:
        kit.refuse("on", f"移出日期不能早于起始日期（{entry.valid_from:%Y-%m-%d}）")
    entry.ended_on, entry.end_reason = on, reason.strip()[:200]
    entry.save(update_fields=["ended_on", "end_reason"])
    kit.record(
        entry,
        "inspections.lenient_end",
        actor=actor,
        payload={**_lenient_payload(entry), "ended_on": on.isoformat(), "reason": entry.end_reason},
    )
    return entry
