"""信用修复 — writes: register a party's request, approve it (the disclosure comes down or ends earlier),
refuse it. Each in one transaction with its records; a refusal writes nothing."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit
from zhifa.core.kit import Actor

from .. import drafting
from ..choices import DisclosureKind, DisclosureStatus
from ..masking import mask_personal_data
from ..models import Disclosure
from . import clocks, selectors
from .choices import RepairOutcome, Severity
from .models import CreditRepair
from .selectors import REPAIRS
from .transitions import DECIDE, MACHINE, REGISTER


@dataclass(frozen=True)
class RepairInput:
    applicant: str
    applied_on: date | None
    severity: str
    performed_on: date | None
    statement: str


def _text(value: str, field: str, label: str, limit: int) -> str:
    text = drafting.plain(value or "")
    if not text:
        kit.refuse(field, f"请填写{label}")
    if len(text) > limit:
        kit.refuse(field, f"“{label}”最多{limit}个字符")
    return text


def _require_public_penalty(disclosure: Disclosure) -> None:
    if disclosure.kind != DisclosureKind.PENALTY:
        kit.refuse("disclosure", "只有行政处罚决定的公示可以申请信用修复")
    if disclosure.status != DisclosureStatus.PUBLISHED:
        kit.refuse(
            kit.NON_FIELD,
            f"该公示当前为“{disclosure.get_status_display()}”，不在公示中，不能办理信用修复",
        )


def _require_period_over(disclosure: Disclosure, rule: str, earliest: date, on: date, field: str) -> None:
    """最短公示期: a request (or an end date) only once the minimum period after the decision has run."""
    if on < earliest:
        kit.refuse(
            field,
            f"{rule}（自处罚决定之日起计算）：该行政处罚决定于{disclosure.decided_on:%Y-%m-%d}作出，"
            f"{earliest:%Y-%m-%d}前不能{'申请信用修复' if field == 'applied_on' else '结束公示'}（{clocks.SOURCE}）",
        )


@transaction.atomic
def credit_repair_register(*, actor: Actor, disclosure: Disclosure, data: RepairInput) -> CreditRepair:
    """登记信用修复申请: the penalty performed, the minimum publication period over — the 失信程度's, or the
    penalty's own 执法领域's whatever the 失信程度 (clocks.minimum_period) — one open request."""
    disclosure = kit.locked(
        Disclosure.objects.select_related("agency"), disclosure, actor=actor, perm=REGISTER
    )
    _require_public_penalty(disclosure)
    if CreditRepair.objects.filter(disclosure=disclosure, status=MACHINE.target("register")).exists():
        kit.refuse(kit.NON_FIELD, "该公示已有待决定的信用修复申请")
    applicant = _text(data.applicant, "applicant", "申请人", 128)
    today = timezone.localdate()
    applied_on = data.applied_on or today
    if applied_on > today:
        kit.refuse("applied_on", "申请日期不能晚于今天")
    if data.severity not in Severity.values:
        kit.refuse("severity", "请选择失信程度")
    if data.performed_on is None:
        kit.refuse("performed_on", "请填写处罚履行完毕日期（当事人须已履行行政处罚决定）")
    if data.performed_on > applied_on:
        kit.refuse("performed_on", "处罚履行完毕日期不能晚于申请日期：当事人须已履行行政处罚决定")
    if data.performed_on < disclosure.decided_on:
        kit.refuse("performed_on", f"处罚履行完毕日期不能早于决定日期（{disclosure.decided_on:%Y-%m-%d}）")
    period = clocks.minimum_period(data.severity, selectors.penalty_fields(disclosure))
    earliest = clocks.add_months(disclosure.decided_on, period.months)
    _require_period_over(disclosure, period.rule, earliest, applied_on, "applied_on")
    statement = mask_personal_data(_text(data.statement, "statement", "申请事由及信用承诺", 2000))
    repair = CreditRepair.objects.create(
        agency=disclosure.agency,
        disclosure=disclosure,
        applicant=applicant,
        applied_on=applied_on,
        severity=data.severity,
        performed_on=data.performed_on,
        minimum_months=period.months,
        minimum_basis=period.basis,
        earliest_on=earliest,
        statement=statement,
        registered_by=actor,
    )
    kit.record(
        repair,
        "publicity.credit_repair.register",
        actor=actor,
        payload={
            "status": repair.status,
            "disclosure": disclosure.pk,
            "severity": repair.severity,
            "applied_on": applied_on,
            "performed_on": data.performed_on,
            "minimum_months": period.months,
            "minimum_basis": period.basis,
            "earliest_on": earliest,
        },
    )
    return repair


@transaction.atomic
def credit_repair_approve(
    *, actor: Actor, repair: CreditRepair, outcome: str, end_on: date | None = None, reason: str = ""
) -> CreditRepair:
    """同意修复: the disclosure comes down now (撤下公示) or ends on `end_on` (提前结束公示), no earlier
    than the minimum period; both recorded on the disclosure too."""
    repair = kit.locked(REPAIRS, repair, actor=actor, perm=DECIDE)
    MACHINE.require(repair, "approve")
    disclosure = Disclosure.objects.select_for_update().get(pk=repair.disclosure_id)
    _require_public_penalty(disclosure)
    if outcome not in RepairOutcome.values:
        kit.refuse("outcome", "请选择修复方式")
    today = timezone.localdate()
    reason = mask_personal_data(drafting.plain(reason or ""))
    if outcome == RepairOutcome.SHORTEN:
        if end_on is None:
            kit.refuse("end_on", "请填写公示结束日期")
        if end_on < today:
            kit.refuse("end_on", "公示结束日期不能早于今天")
        if disclosure.expires_on and end_on >= disclosure.expires_on:
            kit.refuse("end_on", f"公示结束日期须早于原公示期满日期（{disclosure.expires_on:%Y-%m-%d}）")
        rule = f"该申请的最短公示期为{clocks.period_label(repair.minimum_months)}（{repair.minimum_basis}）"
        _require_period_over(disclosure, rule, repair.earliest_on, end_on, "end_on")
        _shorten(disclosure, end_on, repair, actor)
    else:
        end_on = None
        _withdraw(disclosure, repair, reason, actor)
    repair.outcome, repair.end_on, repair.decision_reason = outcome, end_on, reason
    repair.decided_on, repair.decided_by = today, actor
    MACHINE.move(
        repair,
        "approve",
        actor=actor,
        fields=("outcome", "end_on", "decision_reason", "decided_on", "decided_by"),
        payload={"outcome": outcome, "end_on": end_on, "reason": reason},
    )
    return repair


def _shorten(disclosure: Disclosure, end_on: date, repair: CreditRepair, actor: Actor) -> None:
    before = disclosure.expires_on
    disclosure.expires_on = end_on
    disclosure.save(update_fields=["expires_on", "updated_at"])
    kit.record(
        disclosure,
        "publicity.shorten",
        actor=actor,
        payload={"expires_on": end_on, "was": before, "credit_repair": repair.pk},
    )


def _withdraw(disclosure: Disclosure, repair: CreditRepair, reason: str, actor: Actor) -> None:
    note = "当事人已履行行政处罚决定，经信用修复撤下公示" + (f"：{reason}" if reason else "")
    disclosure.status, disclosure.withdraw_reason = DisclosureStatus.WITHDRAWN, note
    disclosure.withdrawn_at = timezone.now()
    disclosure.save(update_fields=["status", "withdraw_reason", "withdrawn_at", "updated_at"])
    kit.record(
        disclosure,
        "publicity.withdraw",
        actor=actor,
        payload={"reason": note, "late": False, "credit_repair": repair.pk},
    )


@transaction.atomic
def credit_repair_refuse(*, actor: Actor, repair: CreditRepair, reason: str) -> CreditRepair:
    """不同意修复, with the reason the party is told; the disclosure stays as it is."""
    repair = kit.locked(REPAIRS, repair, actor=actor, perm=DECIDE)
    MACHINE.require(repair, "refuse")
    reason = mask_personal_data(_text(reason, "reason", "不同意的理由", 2000))
    repair.decision_reason, repair.decided_on, repair.decided_by = reason, timezone.localdate(), actor
    MACHINE.move(
        repair,
        "refuse",
        actor=actor,
        fields=("decision_reason", "decided_on", "decided_by"),
        payload={"reason": reason},
    )
    return repair


def may(actor: Actor, action: str, repair: CreditRepair) -> bool:
    """Whether the page offers `action` on `repair` to `actor`."""
    row = MACHINE.first(action)
    return MACHINE.allows(repair.status, action) and access.can(actor, row.perm, repair)
