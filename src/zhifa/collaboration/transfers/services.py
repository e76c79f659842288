"""Every step of a 案件移送 (seed 004 五(三); seed 000 §2): one function per action. Each locks the transfer,
checks who acts (the sender's steps: its permission on the sender; the receiver's: a user of the receiving
agency — anyone else is a 404, a supervisor of the region who sees it a 403), guards the transition table
(transitions.MACHINE), writes and records in the same transaction. The sender's steps go on the sender's
chain, the receiver's on the receiver's: what happened before the transfer stays with the original agency
(seed 004 五(三)4) and the receiver's own case starts at its acceptance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from zhifa.cases import services as cases
from zhifa.cases.choices import CaseSource, PartyKind
from zhifa.cases.evidence import services as evidence_services
from zhifa.cases.evidence import storage
from zhifa.cases.models import Case, Evidence
from zhifa.catalog.models import EnforcementItem
from zhifa.core import access, kit, numbering
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region
from zhifa.core.validators import validate_credit_code, validate_id_number

from ..boundaries import selectors as boundaries
from ..models import Transfer, TransferEvidence
from . import clocks
from .choices import EvidenceCheck, TransferKind
from .transitions import APPROVE, MACHINE, RECEIVE, SEND, VIEW

NUMBER_KIND = "移"  # 移送函文号: <机关简称>移〔2026〕1号
TRANSFERS = Transfer.objects.select_related("agency", "receiver", "agency__region", "receiver__region")

PACKAGE = {
    "summary": "案由",
    "facts": "基本违法事实",
    "source_material": "案源材料（现场检查记录、举报投诉材料等）",
    "party_name": "当事人",
    "reasons": "移送理由",
}


@dataclass(frozen=True)
class TransferInput:
    receiver: Agency
    item_code: str
    summary: str
    facts: str
    source_material: str
    reasons: str
    party_kind: str
    party_name: str
    discovered_at: datetime
    party_id: str = ""
    party_address: str = ""
    party_phone: str = ""
    place: str = ""
    urgent: bool = False
    case: Case | None = None
    evidence_ids: tuple[int, ...] = field(default_factory=tuple)
    competence_reason: str = ""


def common_region(sender: Agency, receiver: Agency) -> Region:
    """Where competence is looked up: the receiver's region when it contains the sender's (a township
    refers up to its county), else the sender's."""
    if sender.region.path.startswith(receiver.region.path):
        return receiver.region
    return sender.region


def item_name(code: str) -> str | None:
    return EnforcementItem.objects.filter(code=code).values_list("name", flat=True).order_by("-id").first()


def _check_package(data: TransferInput) -> None:
    """A transfer without its package is refused (seed 004 五(三)2), field by field."""
    for name, label in PACKAGE.items():
        if not str(getattr(data, name)).strip():
            kit.refuse(name, f"移送材料不全：请填写{label}")
    if data.party_kind not in PartyKind.values:
        kit.refuse("party_kind", "请选择当事人类型")
    if not data.party_id.strip():
        kit.refuse("party_id", "移送材料不全：请填写当事人身份证号码或统一社会信用代码")
    if data.party_id.strip():
        validator = validate_id_number if data.party_kind == PartyKind.PERSON else validate_credit_code
        try:
            validator(data.party_id.strip().upper())
        except ValidationError as exc:
            kit.refuse("party_id", exc.messages[0])
    if data.case is not None and not data.evidence_ids:
        kit.refuse("evidence_ids", "移送材料不全：案件移送须附初步证明违法事实的证据")


def _evidence(data: TransferInput) -> list[Evidence]:
    if data.case is None:
        if data.evidence_ids:
            kit.refuse("evidence_ids", "线索移送没有案件证据可附，请在案源材料中写明")
        return []
    rows = list(Evidence.objects.filter(case=data.case, pk__in=data.evidence_ids))
    if len(rows) != len(set(data.evidence_ids)):
        kit.refuse("evidence_ids", "所选证据不属于本案")
    return rows


def _competence(agency: Agency, data: TransferInput, code: str) -> bool:
    """True when the receiver is not competent (the sender gave a reason); refused without one."""
    region = common_region(agency, data.receiver)
    competent = boundaries.competent_agencies(code, region)
    if any(a.pk == data.receiver.pk for a in competent):
        return False
    if data.competence_reason.strip():
        return True
    names = "、".join(a.name for a in competent) or "未找到"
    kit.refuse(
        "competence_reason",
        f"{data.receiver.name}不是事项{code}的主管机关（职责边界及执法事项清单所列主管机关：{names}）；"
        "确需移送的，请写明理由",
    )


@transaction.atomic
def transfer_create(*, actor: Actor, agency: Agency, data: TransferInput) -> Transfer:
    """登记移送: in the agency's name (never a unit's: seed 004 五(三)1), a case at any stage or a lead before
    立案, with its package. The clock starts at discovery: 3 working days, 24 hours when the party has been
    ordered to stop (urgent)."""
    access.require_for_agency(actor, SEND, agency, "您无权以该机关名义移送案件")
    if agency.kind == AgencyKind.COMPREHENSIVE and agency.parent_id:
        kit.refuse(
            "agency",
            "案件移送应以业务主管部门、综合行政执法部门的名义进行，不得以内设机构、派驻机构的名义移送",
        )
    receiver = data.receiver
    if receiver.pk == agency.pk:
        kit.refuse("receiver", "不能移送给本机关")
    if not receiver.active:
        kit.refuse("receiver", f"{receiver.name}已停用")
    _check_package(data)
    code = data.item_code.strip().upper()
    name = item_name(code)
    if not code or name is None:
        kit.refuse("item_code", "请填写执法事项清单中的事项编码" if not code else f"未找到事项{code}")
    discovered_at = data.discovered_at
    if not 2000 <= discovered_at.year <= 2999:
        kit.refuse("discovered_at", "发现时间有误")
    if timezone.is_naive(discovered_at):  # a local time without its zone (the API's plain ISO text)
        discovered_at = timezone.make_aware(discovered_at)
    if discovered_at > clocks.now():
        kit.refuse("discovered_at", "发现时间不能晚于当前时间")
    if data.case is not None and data.case.agency_id != agency.pk:
        kit.refuse("case", "只能移送本机关的案件")
    kind = TransferKind.CASE if data.case else TransferKind.LEAD
    if agency.kind == AgencyKind.TOWNSHIP:
        if boundaries.is_delegated_to(agency, code):
            kit.refuse("item_code", f"事项{code}已赋权本乡镇（街道），应由本乡镇（街道）依法处理，无需移送")
        kind = TransferKind.TOWNSHIP
    rows = _evidence(data)
    out = _competence(agency, data, code)
    transfer = Transfer(
        agency=agency,
        receiver=receiver,
        kind=kind,
        case=data.case,
        item_code=code,
        item_name=name,
        summary=data.summary.strip(),
        facts=data.facts.strip(),
        source_material=data.source_material.strip(),
        reasons=data.reasons.strip(),
        party_kind=data.party_kind,
        party_name=data.party_name.strip(),
        party_id=data.party_id.strip().upper(),
        party_address=data.party_address.strip(),
        party_phone=data.party_phone.strip(),
        place=data.place.strip(),
        discovered_at=discovered_at,
        urgent=data.urgent,
        out_of_competence=out,
        competence_reason=data.competence_reason.strip() if out else "",
        due_on=clocks.send_due(discovered_at),
        due_at=clocks.urgent_due(discovered_at) if data.urgent else None,
        created_by=actor,
    )
    transfer.full_clean(exclude=["created_by", "case"])
    transfer.save()
    TransferEvidence.objects.bulk_create(
        TransferEvidence(transfer=transfer, evidence=e, name=e.original_name, sha256=e.sha256, size=e.size)
        for e in rows
    )
    kit.record(
        transfer,
        "transfer.create",
        actor=actor,
        payload={
            "status": transfer.status,
            "kind": kind,
            "receiver": receiver.pk,
            "item": code,
            "case": data.case.pk if data.case else None,
            "urgent": data.urgent,
            "due_on": transfer.due_on,
            "due_at": transfer.due_at,
            "out_of_competence": out,
            "evidence": [{"id": e.pk, "sha256": e.sha256} for e in rows],
        },
    )
    return transfer


@transaction.atomic
def transfer_approve(*, actor: Actor, transfer: Transfer) -> Transfer:
    """批准移送 (the leader, seed 004 五(三)2): the 移送函 takes its number and the transfer is sent."""
    transfer = kit.locked(TRANSFERS, transfer, actor=actor, perm=APPROVE)
    MACHINE.require(transfer, "approve")
    transfer.number = numbering.next_number(transfer.agency, NUMBER_KIND)
    transfer.approved_by = actor
    transfer.sent_at = clocks.now()
    transfer.answer_due = clocks.answer_due(timezone.localtime(transfer.sent_at).date())
    from .transitions import is_late

    late = is_late(transfer)
    MACHINE.move(
        transfer,
        "approve",
        actor=actor,
        fields=("number", "approved_by", "sent_at", "answer_due"),
        payload={"number": transfer.number, "late": late, "answer_due": transfer.answer_due},
    )
    if transfer.case_id:
        kit.record(
            Case.objects.get(pk=transfer.case_id),
            "case.transferred",
            actor=actor,
            payload={"transfer": transfer.pk, "to": transfer.receiver_id, "number": transfer.number},
        )
    return transfer


@transaction.atomic
def transfer_withdraw(*, actor: Actor, transfer: Transfer, reason: str) -> Transfer:
    transfer = kit.locked(TRANSFERS, transfer, actor=actor, perm=SEND)
    MACHINE.require(transfer, "withdraw")
    if not reason.strip():
        kit.refuse("reason", "请填写撤回理由")
    MACHINE.move(transfer, "withdraw", actor=actor, payload={"reason": reason.strip()})
    return transfer


def receiving(actor: Actor, transfer: Transfer) -> Transfer:
    """The transfer re-read under lock for a step of the receiver: someone who cannot see it gets a 404;
    someone who sees it (the sender, a supervisor of the region) but is not of the receiving agency, or
    lacks the permission, a 403."""
    fresh = TRANSFERS.select_for_update(of=("self",)).get(pk=transfer.pk)
    if access.is_system(actor):
        return fresh
    if not access.visible_to(actor, Transfer.objects.filter(pk=fresh.pk), VIEW).exists():
        raise Http404("未找到该对象，或您无权查看")
    if actor.agency_id != fresh.receiver_id or not actor.has_perm(RECEIVE):
        raise PermissionDenied("只有接收机关的人员才能签收、接收或拒收移送")
    return fresh


def _check_arrival(transfer: Transfer) -> list[TransferEvidence]:
    """Each file moved as sent: the sender's row still carries the hash sent, and the stored file still
    hashes to it. Returns the mismatches (marked, never hidden)."""
    bad = []
    for row in transfer.evidence.select_related("evidence"):
        ok = row.evidence.sha256 == row.sha256 and storage.verify_blob(row.sha256)
        row.arrival = EvidenceCheck.MATCHED if ok else EvidenceCheck.MISMATCHED
        row.save(update_fields=["arrival"])
        if not ok:
            bad.append(row)
    return bad


def _receiver_move(
    transfer: Transfer, action: str, *, actor: Actor, fields: tuple[str, ...], payload: dict
) -> None:
    """Move the transfer where the receiver's `action` leads, recorded on the receiver's chain."""
    transfer.status = MACHINE.target(action)
    transfer.save(update_fields=["status", *fields, "updated_at"])
    kit.record(
        transfer,
        f"transfer.{action}",
        actor=actor,
        agency=transfer.receiver,
        payload={"status": transfer.status, **payload},
    )


@transaction.atomic
def transfer_acknowledge(*, actor: Actor, transfer: Transfer) -> Transfer:
    """签收: the receiver acknowledges receipt; the evidence is verified against the hashes sent. A
    mismatch is marked and recorded; such a transfer can then only be refused."""
    transfer = receiving(actor, transfer)
    MACHINE.require(transfer, "acknowledge")
    bad = _check_arrival(transfer)
    transfer.received_by = actor
    transfer.received_at = clocks.now()
    transfer.evidence_ok = not bad
    _receiver_move(
        transfer,
        "acknowledge",
        actor=actor,
        fields=("received_by", "received_at", "evidence_ok"),
        payload={
            "evidence_ok": not bad,
            "mismatched": [{"id": r.evidence_id, "sha256": r.sha256, "name": r.name} for r in bad],
        },
    )
    return transfer


def _intake(actor: Actor, transfer: Transfer, *, on_behalf: bool = False) -> Case:
    """The receiver's own case, through the cases services (source 移送), with the verified evidence."""
    person = transfer.party_kind == PartyKind.PERSON
    data = cases.IntakeInput(
        source=CaseSource.TRANSFER,
        summary=transfer.summary,
        discovered_on=timezone.localtime(transfer.discovered_at).date(),
        place=transfer.place or "见移送函",
        item_codes=(transfer.item_code,),
        party=cases.PartyInput(
            kind=transfer.party_kind,
            name=transfer.party_name,
            id_number=transfer.party_id if person else "",
            credit_code="" if person else transfer.party_id,
            address=transfer.party_address,
            phone=transfer.party_phone,
        ),
        facts=transfer.facts,
    )
    case = cases.case_intake(actor=None if on_behalf else actor, agency=transfer.receiver, data=data)
    kit.record(
        case,
        "case.transfer_received",
        actor=actor,
        payload={"transfer": transfer.pk, "from_agency": transfer.agency.name, "number": transfer.number},
    )
    note = f"随{transfer.number}移送"
    for row in transfer.evidence.filter(arrival=EvidenceCheck.MATCHED).select_related("evidence"):
        row.adopted = evidence_services.evidence_adopt(
            actor=None if on_behalf else actor, case=case, source=row.evidence, note=note
        )
        row.save(update_fields=["adopted"])
    return case


@transaction.atomic
def transfer_accept(*, actor: Actor, transfer: Transfer) -> Transfer:
    """接收: the receiver gets its own case (立 by its officer through the cases services); the sender's
    history stays with the sender."""
    transfer = receiving(actor, transfer)
    MACHINE.require(transfer, "accept")
    if transfer.evidence_ok is False:
        names = "、".join(
            transfer.evidence.filter(arrival=EvidenceCheck.MISMATCHED).values_list("name", flat=True)
        )
        kit.refuse("evidence", f"证据哈希值与移送时不符（{names}），不能接收；请拒收并写明理由")
    transfer.receiver_case = _intake(actor, transfer)
    transfer.answered_by = actor
    transfer.answered_at = clocks.now()
    _receiver_move(
        transfer,
        "accept",
        actor=actor,
        fields=("receiver_case", "answered_by", "answered_at"),
        payload={"case": transfer.receiver_case_id},
    )
    return transfer


@transaction.atomic
def transfer_refuse(*, actor: Actor, transfer: Transfer, reason: str) -> Transfer:
    """拒收 with reasons (refused without one)."""
    transfer = receiving(actor, transfer)
    MACHINE.require(transfer, "refuse")
    if not reason.strip():
        kit.refuse("reason", "请填写拒收理由")
    transfer.refusal_reason = reason.strip()
    transfer.answered_by = actor
    transfer.answered_at = clocks.now()
    _receiver_move(
        transfer,
        "refuse",
        actor=actor,
        fields=("refusal_reason", "answered_by", "answered_at"),
        payload={"reason": transfer.refusal_reason},
    )
    return transfer


@transaction.atomic
def transfer_keep(*, actor: Actor, transfer: Transfer) -> Transfer:
    """自行办理: after a refusal the sender keeps the matter."""
    transfer = kit.locked(TRANSFERS, transfer, actor=actor, perm=SEND)
    MACHINE.require(transfer, "keep")
    MACHINE.move(transfer, "keep", actor=actor)
    return transfer


def accept_on_decision(transfer: Transfer, *, actor: Actor) -> None:
    """A dispute decided for the receiver: its case is opened on the decision (by the system, on behalf of
    the decision recorded by `actor`)."""
    transfer.receiver_case = _intake(actor, transfer, on_behalf=True)


def is_mine_to_receive(user, transfer: Transfer) -> bool:
    return bool(getattr(user, "agency_id", None) == transfer.receiver_id and user.has_perm(RECEIVE))
