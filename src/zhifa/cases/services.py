"""Every step of a case: one function per action. Each locks the case row, checks permission, the
transition table (cases.transitions: from which states the action may be taken and where it leads) and
the rules of cases.rules, writes, and appends a record (who, when, where, what) in the same transaction —
so a second transition racing the first finds the case already moved and is refused."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.catalog import penalties
from zhifa.catalog import selectors as catalog
from zhifa.catalog.choices import PenaltyMeasure, ProcedureStep
from zhifa.catalog.procedures import Procedure
from zhifa.core import access, events, kit, numbering, workdays
from zhifa.core.formatting import money
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.notifications import events as notifications
from zhifa.registry.services import refuse_stopped_fields

from . import gates, rules, transitions
from .choices import (
    ChallengeKind,
    ChallengeOutcome,
    DecisionKind,
    ExecutionKind,
    PartyKind,
    ServiceMethod,
)
from .clocks import SERVICE_WORKDAYS, statement_workdays
from .models import Case, CaseHandler, Challenge, Decision, Execution, Service

if TYPE_CHECKING:
    from zhifa.registry.models import Officer

HANDLE, APPROVE = transitions.HANDLE, transitions.APPROVE


CASES = Case.objects.select_related("agency", "field")  # what `kit.locked` re-reads a case with


def _note(case: Case, action: str, *, actor: Actor, **payload) -> None:
    """Record a step that leaves the case where it is (its status in the payload, like a move's)."""
    kit.record(case, action, actor=actor, payload={"status": case.status, **payload})


# ---- intake -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    kind: str
    name: str
    id_number: str = ""
    credit_code: str = ""
    representative: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class IntakeInput:
    source: str
    summary: str
    discovered_on: date
    place: str
    item_codes: tuple[str, ...]
    party: PartyInput
    facts: str = ""
    occurred_at: datetime | None = None


def _new_case(actor: Actor, agency: Agency, data: IntakeInput, procedure: str) -> Case:
    if (
        not access.is_system(actor)
        and not access.visible_to(actor, Agency.objects.filter(pk=agency.pk), HANDLE).exists()
    ):
        raise PermissionDenied("您无权在该机关登记案件")
    version = catalog.version_in_force(agency, data.discovered_on)
    if version is None:
        kit.refuse("item_codes", "本机关在发现日期没有施行中的执法事项清单")
    if not data.item_codes:
        kit.refuse("item_codes", "请选择执法事项")
    items = list(version.items.filter(code__in=data.item_codes))
    foreign = sorted(set(data.item_codes) - {item.code for item in items})
    if foreign:
        kit.refuse(
            "item_codes", f"事项{'、'.join(foreign)}不在本机关的执法事项清单内，建议移送有管辖权的机关处理"
        )
    # a 停用 执法领域 is not for new work: a case is opened on no item that names one (registry)
    refuse_stopped_fields([item.field_id for item in items], key="item_codes", use="用于新的案件")
    party = data.party
    case = Case(
        agency=agency,
        procedure=procedure,
        source=data.source,
        summary=data.summary.strip(),
        facts=data.facts,
        discovered_on=data.discovered_on,
        occurred_at=data.occurred_at,
        place=data.place.strip(),
        catalog_version=version,
        field=items[0].field,
        party_kind=party.kind,
        party_name=party.name.strip(),
        party_id_number=party.id_number.strip().upper() if party.kind == PartyKind.PERSON else "",
        party_credit_code=party.credit_code.strip().upper() if party.kind == PartyKind.ORGANISATION else "",
        party_representative=party.representative,
        party_address=party.address,
        party_phone=party.phone,
        created_by=actor,
    )
    case.full_clean(exclude=["catalog_version", "field", "created_by"])
    case.save()
    case.items.set(items)
    return case


@transaction.atomic
def case_intake(
    *, actor: Actor, agency: Agency, data: IntakeInput, supervisor: Officer | None = None
) -> Case:
    """案件登记 (ordinary procedure): the clue with its party and enforcement items of the version in force.
    Someone not certified registers it assisting a certified `supervisor` (受案登记, seed 000 §10)."""
    case = _new_case(actor, agency, data, Procedure.ORDINARY)
    assisted = rules.require_actor(actor, case, "intake", on=timezone.localdate(), supervisor=supervisor)
    _note(
        case,
        "case.intake",
        actor=actor,
        source=case.source,
        summary=case.summary,
        place=case.place,
        items=list(data.item_codes),
        **assisted,
    )
    return case


@transaction.atomic
def case_assign(*, actor: Actor, case: Case, handlers: list[tuple[Officer, str]]) -> Case:
    """指定承办人员: two different officers certified for the field as lead and co-handler; auxiliary
    staff only as assistants. Designated by a certified officer of the field (市场监督管理行政处罚程序
    规定: 办案机构负责人指定两名以上具有行政执法资格的办案人员) — the transition table's role."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "assign")
    on = timezone.localdate()
    rules.require_actor(actor, case, "assign", on=on)
    rules.require_distinct_handlers(handlers)
    for officer, role in handlers:
        if officer.agency_id != case.agency_id:
            kit.refuse("handlers", f"{officer.name}不是本机关的执法人员")
        rules.require_handler_role(officer, role, case, on)
    CaseHandler.objects.filter(case=case).delete()
    CaseHandler.objects.bulk_create([CaseHandler(case=case, officer=o, role=r) for o, r in handlers])
    _note(
        case,
        "case.assign",
        actor=actor,
        handlers=[{"officer": o.pk, "name": o.name, "role": r} for o, r in handlers],
    )
    notifications.case_assigned(case, handlers, actor)
    return case


# ---- 立案 -------------------------------------------------------------------------------------------


@transaction.atomic
def case_register(*, actor: Actor, case: Case, on: date) -> Case:
    """立案, approved by the responsible leader: the case gets its number and its 90-day clock."""
    case = kit.locked(CASES, case, actor=actor, perm=APPROVE)
    transitions.require(case, "register")
    if on < case.discovered_on:
        kit.refuse("registered_on", "立案日期不能早于发现日期")
    rules.require_qualified_handlers(case, on)
    case.number = numbering.next_number(case.agency, "立", year=on.year)
    case.registered_on, case.registered_by = on, actor
    case.decision_due = rules.decision_due(on, case.extension_days)
    transitions.move(
        case,
        "register",
        actor=actor,
        fields=("number", "registered_on", "registered_by", "decision_due"),
        payload={"number": case.number, "registered_on": on, "decision_due": case.decision_due},
    )
    return case


@transaction.atomic
def case_decline(*, actor: Actor, case: Case, reason: str) -> Case:
    """不予立案, with the reason."""
    case = kit.locked(CASES, case, actor=actor, perm=APPROVE)
    transitions.require(case, "decline")
    if not reason.strip():
        kit.refuse("reason", "请填写不予立案的理由")
    transitions.move(
        case,
        "decline",
        actor=actor,
        payload={"reason": reason.strip()},
    )
    return case


@transaction.atomic
def case_record_step(*, actor: Actor, case: Case, step: str, note: str, place: str = "") -> Case:
    """A step of the investigation (现场检查, 询问, 查封扣押…) in the full-process record."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "step")
    rules.require_actor(actor, case, "step", on=timezone.localdate(), coercive=step == ProcedureStep.SEIZURE)
    if not note.strip():
        kit.refuse("note", "请填写记录内容")
    _note(case, "case.step", actor=actor, step=step, note=note.strip(), place=place or case.place)
    return case


@transaction.atomic
def case_extend(*, actor: Actor, case: Case, days: int, reason: str) -> Case:
    """延长办案期限, approved by the leader with the reason (行政处罚法 第六十条)."""
    case = kit.locked(CASES, case, actor=actor, perm=APPROVE)
    transitions.require(case, "extend")
    if days <= 0 or days > 90:
        kit.refuse("days", "延长天数应在1至90天之间")
    if not reason.strip():
        kit.refuse("extension_reason", "请填写延长理由")
    assert case.registered_on is not None  # "extend" is allowed only from registered statuses
    case.extension_days += days
    case.extension_reason = "\n".join(filter(None, [case.extension_reason, reason.strip()]))
    case.decision_due = rules.decision_due(case.registered_on, case.extension_days)
    case.save(update_fields=["extension_days", "extension_reason", "decision_due", "updated_at"])
    _note(case, "case.extend", actor=actor, days=days, reason=reason.strip(), decision_due=case.decision_due)
    return case


@transaction.atomic
def case_submit_for_review(*, actor: Actor, case: Case, report: str, is_complex: bool = False) -> Case:
    """调查终结: the investigation report goes to 审核 (and, for a major case, to 法制审核)."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "submit-review")
    rules.require_actor(actor, case, "submit-review", on=timezone.localdate())
    if not report.strip():
        kit.refuse("investigation_report", "请填写调查终结报告")
    rules.require_qualified_handlers(case, timezone.localdate())
    rules.require_audio_video(case, ["on_site", "evidence", "inquiry", "seizure"])
    case.investigation_report, case.is_complex = report.strip(), is_complex
    transitions.move(
        case,
        "submit-review",
        actor=actor,
        fields=("investigation_report", "is_complex"),
        payload={"complex": is_complex},
    )
    return case


# ---- 告知 and 听证 ------------------------------------------------------------------------------------


@transaction.atomic
def case_notify(*, actor: Actor, case: Case, on: date, proposed: str, hearing_rights: bool) -> Case:
    """事先告知 of the proposed penalty: facts, reasons, basis and rights; 陈述、申辩 within the agency's
    period (clocks.statement_workdays) and 听证 may be requested within five working days when the
    penalty qualifies. Both dates are stored: a penalty decision waits for them (rules.decision_wait)."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "notify")
    rules.require_actor(actor, case, "notify", on=on)
    if not proposed.strip():
        kit.refuse("proposed", "请写明拟作出的处罚及其事实、理由、依据")
    case.notified_on = on
    case.statement_workdays = statement_workdays(case.agency_id)
    case.statement_deadline, case.hearing_deadline = rules.period_deadlines(case, hearing_rights)
    transitions.move(
        case,
        "notify",
        actor=actor,
        fields=("notified_on", "statement_workdays", "statement_deadline", "hearing_deadline"),
        payload={
            "on": on,
            "proposed": proposed.strip(),
            "statement_workdays": case.statement_workdays,
            "statement_deadline": case.statement_deadline,
            "hearing_deadline": case.hearing_deadline,
        },
    )
    return case


@transaction.atomic
def case_serve_notice(
    *,
    actor: Actor,
    case: Case,
    on: date,
    method: str,
    recipient: str,
    supervisor: Officer | None = None,
) -> Case:
    """送达事先告知书: the periods of 陈述、申辩 and 听证 run from the day the party received the notice
    (rules.periods_start), so both stored dates are counted again from `on`. Recorded once; 送达 is
    事务性 work an assistant may do with a named officer (seed 000 §10)."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "serve-notice")
    assisted = rules.require_actor(actor, case, "serve-notice", on=on, supervisor=supervisor)
    assert case.notified_on is not None  # "serve-notice" is allowed only once notified
    if case.notice_served_on is not None:
        kit.refuse("served_on", f"事先告知书已于{rules.cn_date(case.notice_served_on)}送达，不能重复登记")
    if on < case.notified_on:
        kit.refuse("served_on", f"送达日期不能早于告知日期（{rules.cn_date(case.notified_on)}）")
    if on > timezone.localdate():
        kit.refuse("served_on", "送达日期不能晚于今天")
    if method not in ServiceMethod.values or not recipient.strip():
        kit.refuse("method", "请填写送达方式和受送达人")
    case.notice_served_on = on
    case.statement_deadline, case.hearing_deadline = rules.period_deadlines(
        case, case.hearing_deadline is not None
    )
    case.save(update_fields=["notice_served_on", "statement_deadline", "hearing_deadline", "updated_at"])
    _note(
        case,
        "case.serve_notice",
        actor=actor,
        on=on,
        method=method,
        recipient=recipient.strip(),
        statement_deadline=case.statement_deadline,
        hearing_deadline=case.hearing_deadline,
        **assisted,
    )
    return case


@transaction.atomic
def case_record_statement(
    *, actor: Actor, case: Case, statement: str, supervisor: Officer | None = None
) -> Case:
    """陈述、申辩 of the party, heard before the decision."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "statement")
    assisted = rules.require_actor(actor, case, "statement", on=timezone.localdate(), supervisor=supervisor)
    case.statement = "\n".join(filter(None, [case.statement, statement.strip()]))
    case.save(update_fields=["statement", "updated_at"])
    _note(case, "case.statement", actor=actor, statement=statement.strip(), **assisted)
    return case


@transaction.atomic
def case_request_hearing(*, actor: Actor, case: Case, on: date, supervisor: Officer | None = None) -> Case:
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "hearing-request")
    assisted = rules.require_actor(actor, case, "hearing-request", on=on, supervisor=supervisor)
    if case.hearing_deadline is None:
        kit.refuse("hearing", "本案告知中未告知听证权利")
    if on > case.hearing_deadline:
        kit.refuse("hearing", f"听证申请期限已于{case.hearing_deadline}届满")
    case.hearing_requested = True
    transitions.move(
        case,
        "hearing-request",
        actor=actor,
        fields=("hearing_requested",),
        payload={"on": on, **assisted},
    )
    return case


@transaction.atomic
def case_hold_hearing(*, actor: Actor, case: Case, on: date, summary: str, host: Officer | None) -> Case:
    """听证, hosted by `host`: designated by the agency, not one of the case's 承办人员 (第六十四条（四）)."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "hearing")
    rules.require_actor(actor, case, "hearing", on=on)
    rules.require_hearing_host(case, host)
    assert host is not None
    if not summary.strip():
        kit.refuse("summary", "请填写听证笔录摘要")
    rules.require_audio_video(case, ["hearing"])
    case.hearing_held_on, case.hearing_host = on, host
    case.save(update_fields=["hearing_held_on", "hearing_host", "updated_at"])
    _note(
        case,
        "case.hearing",
        actor=actor,
        on=on,
        summary=summary.strip(),
        host={"officer": host.pk, "name": host.name},
    )
    return case


# ---- 决定 -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionInput:
    kind: str
    decided_on: date
    reasoning: str
    measures: tuple[str, ...] = ()  # PenaltyMeasure values of catalog.penalties.KINDS
    fine: Decimal | None = None
    confiscation: Decimal | None = None
    other_measures: str = ""
    deviation_reason: str = ""
    transfer_to: str = ""
    facts: dict = field(default_factory=dict)  # for the discretion calculator
    economic_impact: str = ""  # 涉企经济影响评估 (rules.require_economic_impact)

    def as_record(self) -> dict:
        data = asdict(self)
        data.pop("reasoning")
        return data


# 作出决定: which row of the transition table each kind of decision takes
DECISION_VARIANT: dict[str, str] = {
    DecisionKind.PENALTY: "penalty",
    DecisionKind.NO_PENALTY: "no_penalty",
    DecisionKind.TRANSFER: "ends",
    DecisionKind.WITHDRAW: "ends",
}


@transaction.atomic
def case_decide(*, actor: Actor, case: Case, decision: DecisionInput) -> Case:
    """决定: a penalty only after 告知 and the periods it gave (or the party's written waiver), and the
    hearing when requested, within the 90-day limit, by
    qualified handlers, within the law and the benchmark (or with a written reason), and after every
    registered gate (法制审核 of major decisions) passes."""
    case = kit.locked(CASES, case, actor=actor, perm=APPROVE)
    kind = decision.kind
    if kind not in DecisionKind.values:
        kit.refuse("kind", "未知的决定类型")
    variant = DECISION_VARIANT[kind]
    if kind == DecisionKind.PENALTY:
        transitions.require(case, "decide", variant)
        if case.hearing_requested and not case.hearing_held_on:
            kit.refuse("hearing", "当事人已申请听证，须先组织听证")
        rules.require_periods_over(case, decision.decided_on, timezone.localdate())
        if not penalties.measures(decision):
            kit.refuse("fine", "请写明处罚种类")
    else:
        transitions.require(case, "decide", variant)
    if kind == DecisionKind.TRANSFER and not decision.transfer_to.strip():
        kit.refuse("transfer_to", "请填写移送机关")
    if not decision.reasoning.strip():
        kit.refuse("reasoning", "请填写说理（事实、证据、依据、裁量）")
    assert case.registered_on is not None  # "decide" is allowed only from registered statuses
    if decision.decided_on < (case.notified_on or case.registered_on):
        kit.refuse("decided_on", "决定日期不能早于立案或告知日期")
    rules.require_actor(actor, case, "decide", on=decision.decided_on)
    rules.require_within_decision_limit(case, decision.decided_on)
    rules.require_qualified_handlers(case, decision.decided_on)
    recommendation = rules.check_fine(
        case, decision.fine, decision.facts, decision.deviation_reason, decision.decided_on
    )
    gates.check(case, decision)
    rules.require_economic_impact(case, decision)
    doc_kinds: dict[str, str] = {DecisionKind.PENALTY: "罚决", DecisionKind.NO_PENALTY: "不罚决"}
    doc_kind = doc_kinds.get(kind)
    made = Decision.objects.create(
        case=case,
        kind=kind,
        number=numbering.next_number(case.agency, doc_kind, year=decision.decided_on.year)
        if doc_kind
        else "",
        measures=penalties.stored(decision),
        fine=decision.fine,
        confiscation=decision.confiscation,
        other_measures=decision.other_measures,
        level=recommendation.level if recommendation else "",
        recommended_min=recommendation.fine_min if recommendation else None,
        recommended_max=recommendation.fine_max if recommendation else None,
        deviation_reason=decision.deviation_reason.strip(),
        reasoning=decision.reasoning.strip(),
        transfer_to=decision.transfer_to.strip(),
        economic_impact=decision.economic_impact.strip(),
        decided_on=decision.decided_on,
        decided_by=actor,
    )
    transitions.move(
        case,
        "decide",
        variant=variant,
        actor=actor,
        payload={"number": made.number, **decision.as_record()},
    )
    events.publish("case.decided", case=case, decision=made, actor=actor)
    return case


# ---- 送达, 执行, 结案, 归档 ----------------------------------------------------------------------------


@transaction.atomic
def case_serve(
    *,
    actor: Actor,
    case: Case,
    on: date,
    method: str,
    recipient: str,
    note: str = "",
    supervisor: Officer | None = None,
) -> Case:
    """送达 of the decision, due within seven working days of it; a late service is recorded as late."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "serve")
    assisted = rules.require_actor(actor, case, "serve", on=on, supervisor=supervisor)
    decided_on = case.decision.decided_on
    if on < decided_on:
        kit.refuse("served_on", "送达日期不能早于决定日期")
    if method not in ServiceMethod.values or not recipient.strip():
        kit.refuse("method", "请填写送达方式和受送达人")
    rules.require_audio_video(case, ["service"])
    late = on > workdays.add_workdays(decided_on, SERVICE_WORKDAYS)
    Service.objects.create(
        case=case,
        document=case.decision.get_kind_display() + "决定书",
        served_on=on,
        method=method,
        recipient=recipient.strip(),
        late=late,
        note=note,
    )
    transitions.move(
        case,
        "serve",
        actor=actor,
        payload={"on": on, "method": method, "recipient": recipient.strip(), "late": late, **assisted},
    )
    return case


FINISHING = {ExecutionKind.PAID, ExecutionKind.COURT, ExecutionKind.DONE}


@transaction.atomic
def case_execute(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    on: date,
    amount: Decimal | None = None,
    note: str = "",
    supervisor: Officer | None = None,
) -> Case:
    """执行: paid (or done) finishes it; instalments and deferral are recorded and keep it open."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "execute")
    assisted = rules.require_actor(actor, case, "execute", on=on, supervisor=supervisor)
    if kind not in ExecutionKind.values:
        kit.refuse("kind", "未知的执行情况")
    if kind == ExecutionKind.PAID and not amount:
        kit.refuse("amount", "请填写缴纳金额")
    Execution.objects.create(case=case, kind=kind, on=on, amount=amount, note=note)
    payload = {"kind": kind, "on": on, "amount": amount, **assisted}
    if kind in FINISHING:
        transitions.move(case, "execute", actor=actor, payload=payload)
    else:
        _note(case, "case.execute", actor=actor, **payload)
    return case


@transaction.atomic
def case_close(*, actor: Actor, case: Case, on: date, summary: str) -> Case:
    """结案 (approved): after execution, or after serving a decision not to penalise."""
    case = kit.locked(CASES, case, actor=actor, perm=APPROVE)
    transitions.require(case, "close", *transitions.close_variants(case))
    gates.check_closing(case)
    if case.is_simple:  # the on-the-spot video is filed with the case afterwards, but before closing
        rules.require_audio_video(case, ["simple_decision"])
    if not summary.strip():
        kit.refuse("summary", "请填写结案报告")
    transitions.move(
        case,
        "close",
        actor=actor,
        payload={"on": on, "summary": summary.strip()},
    )
    return case


@transaction.atomic
def case_archive(*, actor: Actor, case: Case) -> Case:
    """归档: the 办案人员 file the case (立卷归档), so a certified officer of the field does it (the
    transition table's role; docs/architecture.md §cases)."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    transitions.require(case, "archive")
    rules.require_actor(actor, case, "archive", on=timezone.localdate())
    transitions.move(
        case,
        "archive",
        actor=actor,
    )
    return case


# ---- 简易程序 ---------------------------------------------------------------------------------------


@transaction.atomic
def case_simple(
    *,
    actor: Actor,
    agency: Agency,
    data: IntakeInput,
    handlers: list[tuple[Officer, str]],
    decision: DecisionInput,
    recipient: str,
) -> Case:
    """简易程序: a warning, or a fine of at most 200 yuan (person) / 3000 yuan (organisation), decided and
    served on the spot by two certified officers; the case is filed afterwards (行政处罚法 第五十一条)."""
    limit = rules.SIMPLE_FINE_LIMIT[data.party.kind]
    warning = PenaltyMeasure.WARNING in penalties.listed(decision)
    if (
        decision.kind != DecisionKind.PENALTY
        or penalties.listed(decision) - {PenaltyMeasure.WARNING}
        or decision.confiscation
    ):
        kit.refuse("kind", "简易程序只能当场给予警告或小额罚款")
    if decision.fine is not None and decision.fine > limit:
        kit.refuse("fine", f"简易程序罚款不得超过{money(limit)}，请适用普通程序")
    if not (warning or decision.fine):
        kit.refuse("fine", "请选择警告或罚款")
    rules.require_distinct_handlers(handlers)
    case = _new_case(actor, agency, data, Procedure.SIMPLE)
    rules.require_simple_items(
        catalog.with_measures(case.items.all()), data.party.kind, warning, decision.fine
    )
    on = decision.decided_on
    rules.require_actor(actor, case, "simple", on=on)
    rules.require_listed_decider(actor, handlers)
    for officer, role in handlers:
        rules.require_handler_role(officer, role, case, on)
    CaseHandler.objects.bulk_create([CaseHandler(case=case, officer=o, role=r) for o, r in handlers])
    rules.require_qualified_handlers(case, on)
    made = Decision.objects.create(
        case=case,
        kind=DecisionKind.PENALTY,
        number=numbering.next_number(agency, "简罚", year=on.year),
        measures=[PenaltyMeasure.WARNING.value] if warning else [],
        fine=decision.fine,
        reasoning=decision.reasoning.strip() or "当场查明违法事实，依法当场作出处罚决定。",
        decided_on=on,
        decided_by=actor,
    )
    case.number = made.number
    Service.objects.create(
        case=case,
        document="当场行政处罚决定书",
        served_on=on,
        method=ServiceMethod.ON_SPOT,
        recipient=recipient.strip() or case.party_name,
    )
    transitions.move(
        case,
        "simple",
        actor=actor,
        fields=("number",),
        payload={"number": made.number, "place": case.place, **decision.as_record()},
    )
    events.publish("case.decided", case=case, decision=made, actor=actor)
    return case


# ---- 行政复议、行政诉讼 ----------------------------------------------------------------------------------

CHALLENGEABLE = transitions.CHALLENGEABLE


@transaction.atomic
def case_challenge_file(*, actor: Actor, case: Case, kind: str, organ: str, filed_on: date) -> Challenge:
    """The party applied for 行政复议 or sued (行政诉讼) against the decision."""
    case = kit.locked(CASES, case, actor=actor, perm=HANDLE)
    decision = getattr(case, "decision", None)
    if decision is None or decision.kind not in CHALLENGEABLE:
        kit.refuse("kind", "本案尚未作出行政处罚或不予行政处罚决定，不能登记复议、诉讼")
    transitions.require(case, "challenge")
    if kind not in ChallengeKind.values:
        kit.refuse("kind", "请选择行政复议或行政诉讼")
    if not organ.strip():
        kit.refuse("organ", "请填写复议机关或人民法院")
    if filed_on < decision.decided_on:
        kit.refuse("filed_on", "申请（起诉）日期不能早于决定日期")
    challenge = Challenge.objects.create(case=case, kind=kind, organ=organ.strip(), filed_on=filed_on)
    _note(
        case,
        "case.challenge",
        actor=actor,
        challenge=challenge.pk,
        kind=kind,
        organ=challenge.organ,
        on=filed_on,
    )
    return challenge


@transaction.atomic
def case_challenge_conclude(
    *, actor: Actor, challenge: Challenge, outcome: str, on: date, note: str = ""
) -> Challenge:
    """The outcome of a 复议 or 诉讼. A revoked, changed or unlawful decision is announced to the modules
    that published it ("case.decision_challenged"), inside this transaction."""
    case = kit.locked(CASES, challenge.case, actor=actor, perm=HANDLE)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk, case=case)
    if not challenge.is_pending:
        kit.refuse("outcome", f"该{challenge.get_kind_display()}已有结果：{challenge.get_outcome_display()}")
    transitions.require(case, "challenge-outcome")
    if outcome not in ChallengeOutcome.values or outcome == ChallengeOutcome.PENDING:
        kit.refuse("outcome", "请选择复议、诉讼结果")
    if on < challenge.filed_on:
        kit.refuse("concluded_on", "结果日期不能早于申请（起诉）日期")
    if outcome in (ChallengeOutcome.CHANGED, ChallengeOutcome.REVOKED) and not note.strip():
        kit.refuse("note", "撤销或变更的，请写明复议决定书或判决书的主要内容")
    challenge.outcome, challenge.concluded_on, challenge.note = outcome, on, note.strip()
    challenge.save(update_fields=["outcome", "concluded_on", "note"])
    _note(case, "case.challenge_concluded", actor=actor, challenge=challenge.pk, outcome=outcome, on=on)
    events.publish("case.decision_challenged", case=case, challenge=challenge, actor=actor)
    return challenge
