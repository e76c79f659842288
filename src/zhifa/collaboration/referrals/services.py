"""Every write of the referrals: one keyword-only function per user action, taking the actor. Each locks,
checks the actor's permission over the agency (core.access: another agency 404), the transition table and
the rules with their articles, writes and records in the same transaction; a refusal writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.cases import services as case_services
from zhifa.cases.choices import ChallengeOutcome, DecisionKind, ExecutionKind
from zhifa.cases.models import Case
from zhifa.collaboration.models import Referral
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from ..notices.services import _text
from . import clocks
from .choices import OPEN_STATUSES, ORGAN_LABELS, ReferralKind, ReferralStatus
from .transitions import APPROVE, HANDLE, MACHINE

REFERRALS = Referral.objects.select_related("agency", "case")


def open_criminal(case: Case) -> Referral | None:
    """The case's criminal referral still open (报批、批准、移送、公安已立案), if any."""
    return (
        Referral.objects.filter(case=case, kind=ReferralKind.CRIMINAL, status__in=OPEN_STATUSES)
        .order_by("pk")
        .first()
    )


def flagged_in_review(case: Case) -> bool:
    """法制审核送审材料载明涉嫌犯罪 (review.ReviewRound.suspected_crime) — the case's crime flag."""
    from zhifa.review.models import ReviewRound

    return ReviewRound.objects.filter(review__case=case, suspected_crime=True).exists()


def _case_of(actor: Actor, agency: Agency, case: Case | None, required: bool) -> Case | None:
    if case is None:
        if required:
            kit.refuse("case", "请选择移送的案件")
        return None
    if case.agency_id != agency.pk:
        kit.refuse("case", "只能移送本机关的案件")
    return kit.locked(Case.objects.select_related("agency"), case, actor=actor, perm="cases.view_case")


@dataclass(frozen=True)
class ReportInput:
    kind: str
    organ: str
    facts: str
    case: Case | None = None
    party: str = ""
    materials: str = ""


@transaction.atomic
def referral_report(*, actor: Actor, agency: Agency, data: ReportInput) -> Referral:
    """报请移送: a suspected crime (with its case and materials) to the public security organ, or a problem clue
    to 纪检监察 (seed 002 (八)); the leader decides within 3 days (国务院令第310号 第五条)."""
    access.require_for_agency(actor, HANDLE, agency, "您无权以该机关名义移送")
    if data.kind not in (ReferralKind.CRIMINAL, ReferralKind.CLUE):
        kit.refuse("kind", "请选择移送类别")
    organ = _text(data.organ, "organ", ORGAN_LABELS[ReferralKind(data.kind)], limit=128)
    facts = _text(data.facts, "facts", "事实和理由")
    criminal = data.kind == ReferralKind.CRIMINAL
    materials = _text(data.materials, "materials", "移送材料清单", required=criminal)
    case = _case_of(actor, agency, data.case, required=criminal)
    if criminal and case is not None and (existing := open_criminal(case)) is not None:
        kit.refuse(
            "case",
            f"案件{case.number or case.pk}已有尚未办结的涉嫌犯罪移送（{existing.get_status_display()}）",
        )
    today = clocks.today()
    referral = Referral.objects.create(
        kind=data.kind, agency=agency, organ=organ, case=case,
        party=_text(data.party or (case.party_name if case else ""), "party", "当事人（涉嫌人）", limit=128,
                    required=False),
        facts=facts, materials=materials, flagged_in_review=bool(case and flagged_in_review(case)),
        status=ReferralStatus.REPORTED, reported_at=timezone.now(), approval_due=clocks.approval_due(today),
        created_by=actor,
    )  # fmt: skip
    kit.record(referral, "referral.report", actor=actor, payload={
        "status": referral.status, "kind": referral.kind, "organ": organ, "case": case.pk if case else None,
        "approval_due": referral.approval_due, "flagged_in_review": referral.flagged_in_review})  # fmt: skip
    return referral


@dataclass(frozen=True)
class ReceiveInput:
    organ: str
    facts: str
    party: str = ""
    materials: str = ""


@transaction.atomic
def referral_receive(*, actor: Actor, agency: Agency, data: ReceiveInput) -> Referral:
    """接收反向移送: a case the police or the procuratorate pass to the agency (seed 002 (八) 双向移送)."""
    access.require_for_agency(actor, HANDLE, agency, "您无权以该机关名义接收移送")
    organ = _text(data.organ, "organ", "移送机关", limit=128)
    referral = Referral.objects.create(
        kind=ReferralKind.REVERSE, agency=agency, organ=organ,
        party=_text(data.party, "party", "当事人（涉嫌人）", limit=128, required=False),
        facts=_text(data.facts, "facts", "事实和理由"), materials=data.materials.strip(),
        status=ReferralStatus.RECEIVED, reported_at=timezone.now(), created_by=actor,
    )  # fmt: skip
    kit.record(referral, "referral.receive", actor=actor, payload={"status": referral.status, "organ": organ})
    return referral


def _locked(referral: Referral, actor: Actor, action: str, perm: str = HANDLE) -> Referral:
    referral = kit.locked(REFERRALS, referral, actor=actor, perm=perm)
    MACHINE.require(referral, action)
    return referral


@transaction.atomic
def referral_approve(*, actor: Actor, referral: Referral) -> Referral:
    """批准移送 (机关负责人): the transfer is then due within 24 hours (国务院令第310号 第五条)."""
    referral = _locked(referral, actor, "approve", APPROVE)
    now = timezone.now()
    referral.approved_at, referral.approved_by = now, actor
    referral.transfer_due_at = clocks.transfer_due(now)
    late = referral.approval_due is not None and clocks.today() > referral.approval_due
    MACHINE.move(referral, "approve", actor=actor, fields=("approved_at", "approved_by", "transfer_due_at"),
                 payload={"transfer_due_at": referral.transfer_due_at, "late": late})  # fmt: skip
    return referral


@transaction.atomic
def referral_reject(*, actor: Actor, referral: Referral, reason: str) -> Referral:
    """不批准移送: the reason is recorded (国务院令第310号 第五条: 将不予批准的理由记录在案)."""
    referral = _locked(referral, actor, "reject", APPROVE)
    referral.reason = _text(reason, "reason", "不批准移送的理由")
    MACHINE.move(referral, "reject", actor=actor, fields=("reason",), payload={"reason": referral.reason})
    return referral


@transaction.atomic
def referral_transfer(*, actor: Actor, referral: Referral) -> Referral:
    """移送: done (a transfer after the 24 hours is recorded as late)."""
    referral = _locked(referral, actor, "transfer")
    now = timezone.now()
    referral.transferred_at = now
    late = referral.transfer_due_at is not None and now > referral.transfer_due_at
    MACHINE.move(referral, "transfer", actor=actor, fields=("transferred_at",), payload={"late": late})
    return referral


def _outcome_day(referral: Referral, on: date | None) -> date:
    if on is None:
        kit.refuse("on", "请填写日期")
    if on > clocks.today():
        kit.refuse("on", "日期不能晚于今天")
    start = timezone.localtime(referral.transferred_at or referral.reported_at).date()
    if on < start:
        kit.refuse("on", f"日期不能早于移送（接收）日期{start:%Y-%m-%d}")
    return on


def _outcome(referral: Referral, actor: Actor, action: str, on: date | None, field: str, text: str, label: str,
             *, required: bool = True) -> Referral:  # fmt: skip
    """One of the other side's answers (立案、不予立案、退回、处理结果): its day and its words, recorded."""
    referral = _locked(referral, actor, action)
    referral.outcome_on = _outcome_day(referral, on)
    setattr(referral, field, _text(text, field, label, required=required))
    MACHINE.move(referral, action, actor=actor, fields=("outcome_on", field),
                 payload={"on": referral.outcome_on, field: getattr(referral, field)})  # fmt: skip
    return referral


@transaction.atomic
def referral_accept(*, actor: Actor, referral: Referral, on: date | None, note: str = "") -> Referral:
    """登记立案（受理）: the police filed the case; or the agency accepted a case passed to it."""
    return _outcome(referral, actor, "accept", on, "outcome", note, "说明", required=False)


@transaction.atomic
def referral_not_file(*, actor: Actor, referral: Referral, on: date | None, reason: str) -> Referral:
    """登记不予立案（不予受理）, with the reason."""
    return _outcome(referral, actor, "not-file", on, "reason", reason, "不予立案（不予受理）的理由")


@transaction.atomic
def referral_return(*, actor: Actor, referral: Referral, on: date | None, reason: str) -> Referral:
    """登记退回: the police returned the case (e.g. materials incomplete), with the reason."""
    return _outcome(referral, actor, "return", on, "reason", reason, "退回的理由")


@transaction.atomic
def referral_conclude(*, actor: Actor, referral: Referral, on: date | None, outcome: str) -> Referral:
    """登记处理结果: the criminal proceedings' or the court's ruling, which ends the referral."""
    return _outcome(referral, actor, "conclude", on, "outcome", outcome, "处理结果")


# ---- 申请人民法院强制执行 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourtInput:
    court: str
    reminded_on: date | None
    applied_on: date | None
    note: str = ""


@transaction.atomic
def court_apply(*, actor: Actor, case: Case, data: CourtInput, supervisor=None) -> Referral:
    """申请人民法院强制执行 of a served penalty the party neither challenged nor carried out: after the 复议/诉讼
    period (6 months from service, 行政诉讼法 第四十六条) and within 3 months of its end (行政强制法 第五十三条),
    more than 10 days after the 催告书 was served (第五十四条). Records the case's execution as
    ExecutionKind.COURT through cases.services.case_execute (its rules: status 已送达, who records it)."""
    case = kit.locked(Case.objects.select_related("agency"), case, actor=actor, perm=HANDLE_CASE)
    decision = getattr(case, "decision", None)
    if decision is None or decision.kind != DecisionKind.PENALTY:
        kit.refuse("case", "只有行政处罚决定才能申请人民法院强制执行")
    service = case.services.order_by("served_on").first()
    if service is None:
        kit.refuse("case", "处罚决定尚未送达，不能申请强制执行")
    if case.challenges.filter(outcome=ChallengeOutcome.PENDING).exists():
        kit.refuse("case", "当事人已申请复议或提起诉讼，审理期间不能申请强制执行")
    court = _text(data.court, "court", "人民法院", limit=128)
    if data.reminded_on is None:
        kit.refuse("reminded_on", "请填写催告书送达日期（行政强制法 第五十四条）")
    if data.applied_on is None:
        kit.refuse("applied_on", "请填写申请日期")
    if data.applied_on > clocks.today():
        kit.refuse("applied_on", "申请日期不能晚于今天")
    ends = clocks.period_ends(service.served_on)
    due = clocks.apply_due(ends)
    if data.applied_on <= ends:
        kit.refuse(
            "applied_on",
            f"复议、诉讼期限至{ends:%Y-%m-%d}届满，届满前不能申请强制执行（行政强制法 第五十三条）",
        )
    if data.applied_on > due:
        kit.refuse(
            "applied_on",
            f"申请期限已于{due:%Y-%m-%d}届满（复议、诉讼期限届满之日起三个月内，行政强制法 第五十三条）",
        )
    if data.reminded_on < service.served_on:
        kit.refuse("reminded_on", "催告书送达日期不能早于决定书送达日期")
    if data.applied_on < clocks.earliest_after_reminder(data.reminded_on):
        kit.refuse(
            "applied_on",
            f"催告书送达十日后当事人仍未履行的才能申请（最早{clocks.earliest_after_reminder(data.reminded_on):%Y-%m-%d}，行政强制法 第五十四条）",
        )
    referral = Referral.objects.create(
        kind=ReferralKind.COURT, agency=case.agency, organ=court, case=case, party=case.party_name,
        facts=_text(data.note, "note", "申请事项", required=False) or f"申请强制执行{decision.number}行政处罚决定",
        status=ReferralStatus.APPLIED, reported_at=timezone.now(), reminded_on=data.reminded_on,
        period_ends_on=ends, apply_due=due, applied_on=data.applied_on, created_by=actor,
    )  # fmt: skip
    kit.record(referral, "referral.apply", actor=actor, payload={
        "status": referral.status, "court": court, "case": case.pk, "reminded_on": data.reminded_on,
        "period_ends_on": ends, "apply_due": due, "applied_on": data.applied_on})  # fmt: skip
    case_services.case_execute(
        actor=actor, case=case, kind=ExecutionKind.COURT, on=data.applied_on,
        note=f"向{court}申请强制执行", supervisor=supervisor,
    )  # fmt: skip
    return referral


HANDLE_CASE = "cases.handle_case"
