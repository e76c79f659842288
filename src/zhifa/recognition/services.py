"""表彰奖励: recorded by the commended agency (its leaders) or by the justice bureau within its region, for
an officer of an agency or for the agency itself; corrected (更正) with the reason. Each write is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.registry.models import Officer

from .choices import AwardeeKind, AwardKind, AwardLevel
from .models import Award

MANAGE_AWARD = "recognition.manage_award"
VIEW_AWARD = "recognition.view_award"
AWARDS = Award.objects.select_related("agency", "officer")
EARLIEST = date(1990, 1, 1)


@dataclass(frozen=True)
class AwardInput:
    awardee_kind: str
    kind: str
    level: str
    granted_by: str
    granted_on: date | None
    reason: str
    document_number: str = ""
    officer: Officer | None = None  # 个人
    agency: Agency | None = None  # 集体


def _awardee(actor: Actor, data: AwardInput) -> tuple[Agency, Officer | None]:
    """Who is commended, and the agency the record belongs to; the actor must act for that agency."""
    kind = kit.choice(data.awardee_kind, AwardeeKind, "awardee_kind", "表彰对象类别")
    if kind == AwardeeKind.OFFICER:
        if data.officer is None:
            kit.refuse("officer", "请选择受表彰人员")
        officer, agency = data.officer, data.officer.agency
    else:
        if data.agency is None:
            kit.refuse("agency", "请选择受表彰机关")
        officer, agency = None, data.agency
    access.require_for_agency(actor, MANAGE_AWARD, agency, f"您无权为{agency.name}录入表彰奖励")
    return agency, officer


def _values(data: AwardInput, today: date) -> dict:
    granted_on = data.granted_on
    if granted_on is None:
        kit.refuse("granted_on", "请填写授予日期")
    if granted_on > today:
        kit.refuse("granted_on", f"授予日期（{granted_on:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）")
    if granted_on < EARLIEST:
        kit.refuse("granted_on", f"授予日期不能早于{EARLIEST:%Y-%m-%d}")
    return {
        "kind": kit.choice(data.kind, AwardKind, "kind", "表彰种类"),
        "level": kit.choice(data.level, AwardLevel, "level", "表彰级别"),
        "granted_by": kit.text(data.granted_by, "granted_by", "授予机关", 128),
        "granted_on": granted_on,
        "reason": kit.text(data.reason, "reason", "表彰事由", 1000),
        "document_number": kit.text(data.document_number, "document_number", "文号", 64, required=False),
    }


def _payload(award: Award) -> dict:
    return {
        "awardee_kind": award.awardee_kind,
        "officer": award.officer_id,
        "kind": award.kind,
        "level": award.level,
        "granted_by": award.granted_by,
        "granted_on": award.granted_on.isoformat(),
        "document_number": award.document_number,
    }


@transaction.atomic
def award_record(*, actor: Actor, data: AwardInput, today: date | None = None) -> Award:
    """录入表彰奖励 of an officer or an agency within the actor's jurisdiction."""
    agency, officer = _awardee(actor, data)
    values = _values(data, today or timezone.localdate())
    award = Award.objects.create(
        awardee_kind=data.awardee_kind, agency=agency, officer=officer, created_by=actor, **values
    )
    kit.record(award, "recognition_award.record", actor=actor, payload=_payload(award))
    return award


@transaction.atomic
def award_correct(
    *, actor: Actor, award: Award, data: AwardInput, reason: str, today: date | None = None
) -> Award:
    """更正表彰奖励 (the commended person or agency stays); the changed fields and the reason are recorded."""
    award = kit.locked(AWARDS, award, actor=actor, perm=MANAGE_AWARD)
    values = _values(data, today or timezone.localdate())
    reason = kit.text(reason, "correction_reason", "更正理由", 200)
    changed = {k: v for k, v in values.items() if getattr(award, k) != v}
    if not changed:
        kit.refuse("__all__", "没有需要更正的内容")
    for key, value in changed.items():
        setattr(award, key, value)
    award.save(update_fields=list(changed))
    kit.record(award, "recognition_award.correct", actor=actor,
               payload={**_payload(award), "changed": sorted(changed), "reason": reason})  # fmt: skip
    return award
