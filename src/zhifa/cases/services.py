"""Every step of a case: one function per action. Each locks the case row, checks permission and the
rules of cases.rules, writes, and appends a record (who, when, where, what) in the same transaction —
so a second transition racing the first finds the case already moved and is refused."""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.catalog import selectors as catalog
from zhifa.catalog.procedures import Procedure
from zhifa.core import access, events, numbering, records, workdays
from zhifa.core.models import Agency

from . import gates, rules
from .choices import (
    CaseStatus,
    ChallengeKind,
    ChallengeOutcome,
    DecisionKind,
    ExecutionKind,
    PartyKind,
    ServiceMethod,
)
from .clocks import HEARING_REQUEST_WORKDAYS, SERVICE_WORKDAYS
from .models import Case, CaseHandler, Challenge, Decision, Execution, Service

HANDLE = "cases.handle_case"
APPROVE = "cases.approve_case"


def _log(case: Case, action: str, actor, **payload) -> None:
    records.append(
        subject=case, action=f"case.{action}", actor=actor, payload={"status": case.status, **payload}
    )


def _locked(actor, case: Case, perm: str) -> Case:
    case = Case.objects.select_for_update(of=("self",)).select_related("agency", "field").get(pk=case.pk)
    if not access.is_system(actor):
        access.require(actor, perm, case)
    return case


def _move(case: Case, status: str, *fields: str) -> None:
    case.status = status
    case.save(update_fields=["status", *fields, "updated_at"])


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
    occurred_at: object = None


def _new_case(actor, agency: Agency, data: IntakeInput, procedure: str) -> Case:
    if (
        not access.is_system(actor)
        and not access.visible_to(actor, Agency.objects.filter(pk=agency.pk), HANDLE).exists()
    ):
        raise PermissionDenied("您无权在该机关登记案件")
    version = catalog.version_in_force(agency, data.discovered_on)
    if version is None:
        raise ValidationError({"item_codes": "本机关在发现日期没有施行中的执法事项清单"})
    if not data.item_codes:
        raise ValidationError({"item_codes": "请选择执法事项"})
    items = list(version.items.filter(code__in=data.item_codes))
    foreign = sorted(set(data.item_codes) - {item.code for item in items})
    if foreign:
        raise ValidationError(
            {"item_codes": f"事项{'、'.join(foreign)}不在本机关的执法事项清单内，建议移送有管辖权的机关处理"}
        )
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
def case_intake(*, actor, agency: Agency, data: IntakeInput) -> Case:
    """案件登记 (ordinary procedure): the clue with its party and enforcement items of the version in force."""
    case = _new_case(actor, agency, data, Procedure.ORDINARY)
    _log(
        case,
        "intake",
        actor,
        source=case.source,
        summary=case.summary,
        place=case.place,
        items=list(data.item_codes),
    )
    return case


@transaction.atomic
def case_assign(*, actor, case: Case, handlers: list[tuple[object, str]]) -> Case:
    """指定承办人员: officers certified for the field as lead/co; auxiliary staff only as assistants."""
    case = _locked(actor, case, HANDLE)
    if case.status not in (CaseStatus.INTAKE, CaseStatus.INVESTIGATING):
        rules.refuse("只有待立案或调查中的案件可以调整承办人员")
    on = timezone.localdate()
    for officer, role in handlers:
        if officer.agency_id != case.agency_id:
            rules.refuse(f"{officer.name}不是本机关的执法人员", "handlers")
        rules.require_handler_role(officer, role, case, on)
    CaseHandler.objects.filter(case=case).delete()
    CaseHandler.objects.bulk_create([CaseHandler(case=case, officer=o, role=r) for o, r in handlers])
    _log(case, "assign", actor, handlers=[{"officer": o.pk, "name": o.name, "role": r} for o, r in handlers])
    return case


# ---- 立案 -------------------------------------------------------------------------------------------


@transaction.atomic
def case_register(*, actor, case: Case, on: date) -> Case:
    """立案, approved by the responsible leader: the case gets its number and its 90-day clock."""
    case = _locked(actor, case, APPROVE)
    rules.require_status(case, CaseStatus.INTAKE, action="立案")
    if on < case.discovered_on:
        rules.refuse("立案日期不能早于发现日期", "registered_on")
    rules.require_qualified_handlers(case, on)
    case.number = numbering.next_number(case.agency, "立", year=on.year)
    case.registered_on, case.registered_by = on, actor
    case.decision_due = rules.decision_due(on, case.extension_days)
    _move(case, CaseStatus.INVESTIGATING, "number", "registered_on", "registered_by", "decision_due")
    _log(case, "register", actor, number=case.number, registered_on=on, decision_due=case.decision_due)
    return case


@transaction.atomic
def case_decline(*, actor, case: Case, reason: str) -> Case:
    """不予立案, with the reason."""
    case = _locked(actor, case, APPROVE)
    rules.require_status(case, CaseStatus.INTAKE, action="不予立案")
    if not reason.strip():
        rules.refuse("请填写不予立案的理由", "reason")
    _move(case, CaseStatus.DECLINED)
    _log(case, "decline", actor, reason=reason.strip())
    return case


@transaction.atomic
def case_record_step(*, actor, case: Case, step: str, note: str, place: str = "") -> Case:
    """A step of the investigation (现场检查, 询问, 查封扣押…) in the full-process record."""
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.INVESTIGATING, action="记录调查取证环节")
    if not note.strip():
        rules.refuse("请填写记录内容", "note")
    _log(case, "step", actor, step=step, note=note.strip(), place=place or case.place)
    return case


@transaction.atomic
def case_extend(*, actor, case: Case, days: int, reason: str) -> Case:
    """延长办案期限, approved by the leader with the reason (行政处罚法 第六十条)."""
    case = _locked(actor, case, APPROVE)
    rules.require_status(
        case,
        CaseStatus.INVESTIGATING,
        CaseStatus.REVIEWING,
        CaseStatus.NOTIFIED,
        CaseStatus.HEARING,
        action="延长办案期限",
    )
    if days <= 0 or days > 90:
        rules.refuse("延长天数应在1至90天之间", "days")
    if not reason.strip():
        rules.refuse("请填写延长理由", "extension_reason")
    case.extension_days += days
    case.extension_reason = "\n".join(filter(None, [case.extension_reason, reason.strip()]))
    case.decision_due = rules.decision_due(case.registered_on, case.extension_days)
    case.save(update_fields=["extension_days", "extension_reason", "decision_due", "updated_at"])
    _log(case, "extend", actor, days=days, reason=reason.strip(), decision_due=case.decision_due)
    return case


@transaction.atomic
def case_submit_for_review(*, actor, case: Case, report: str, is_complex: bool = False) -> Case:
    """调查终结: the investigation report goes to 审核 (and, for a major case, to 法制审核)."""
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.INVESTIGATING, action="提交审核")
    if not report.strip():
        rules.refuse("请填写调查终结报告", "investigation_report")
    rules.require_qualified_handlers(case, timezone.localdate())
    rules.require_audio_video(case, ["on_site", "evidence", "inquiry", "seizure"])
    case.investigation_report, case.is_complex = report.strip(), is_complex
    _move(case, CaseStatus.REVIEWING, "investigation_report", "is_complex")
    _log(case, "submit_review", actor, complex=is_complex)
    return case


# ---- 告知 and 听证 ------------------------------------------------------------------------------------


@transaction.atomic
def case_notify(*, actor, case: Case, on: date, proposed: str, hearing_rights: bool) -> Case:
    """事先告知 of the proposed penalty: facts, reasons, basis and rights; 听证 may be requested within
    five working days when the penalty qualifies."""
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.REVIEWING, action="事先告知")
    if not proposed.strip():
        rules.refuse("请写明拟作出的处罚及其事实、理由、依据", "proposed")
    case.notified_on = on
    case.hearing_deadline = workdays.add_workdays(on, HEARING_REQUEST_WORKDAYS) if hearing_rights else None
    _move(case, CaseStatus.NOTIFIED, "notified_on", "hearing_deadline")
    _log(case, "notify", actor, on=on, proposed=proposed.strip(), hearing_deadline=case.hearing_deadline)
    return case


@transaction.atomic
def case_record_statement(*, actor, case: Case, statement: str) -> Case:
    """陈述、申辩 of the party, heard before the decision."""
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.NOTIFIED, CaseStatus.HEARING, action="记录陈述申辩")
    case.statement = "\n".join(filter(None, [case.statement, statement.strip()]))
    case.save(update_fields=["statement", "updated_at"])
    _log(case, "statement", actor, statement=statement.strip())
    return case


@transaction.atomic
def case_request_hearing(*, actor, case: Case, on: date) -> Case:
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.NOTIFIED, action="申请听证")
    if case.hearing_deadline is None:
        rules.refuse("本案告知中未告知听证权利", "hearing")
    if on > case.hearing_deadline:
        rules.refuse(f"听证申请期限已于{case.hearing_deadline}届满", "hearing")
    case.hearing_requested = True
    _move(case, CaseStatus.HEARING, "hearing_requested")
    _log(case, "hearing_request", actor, on=on)
    return case


@transaction.atomic
def case_hold_hearing(*, actor, case: Case, on: date, summary: str) -> Case:
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.HEARING, action="记录听证")
    if not summary.strip():
        rules.refuse("请填写听证笔录摘要", "summary")
    rules.require_audio_video(case, ["hearing"])
    case.hearing_held_on = on
    case.save(update_fields=["hearing_held_on", "updated_at"])
    _log(case, "hearing", actor, on=on, summary=summary.strip())
    return case


# ---- 决定 -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionInput:
    kind: str
    decided_on: date
    reasoning: str
    warning: bool = False
    fine: Decimal | None = None
    confiscation: Decimal | None = None
    suspension: bool = False
    revocation: bool = False
    other_measures: str = ""
    deviation_reason: str = ""
    transfer_to: str = ""
    facts: dict = field(default_factory=dict)  # for the discretion calculator

    def as_record(self) -> dict:
        data = asdict(self)
        data.pop("reasoning")
        return data


@transaction.atomic
def case_decide(*, actor, case: Case, decision: DecisionInput) -> Case:
    """决定: a penalty only after 告知 (and the hearing when requested), within the 90-day limit, by
    qualified handlers, within the law and the benchmark (or with a written reason), and after every
    registered gate (法制审核 of major decisions) passes."""
    case = _locked(actor, case, APPROVE)
    kind = decision.kind
    if kind not in DecisionKind.values:
        rules.refuse("未知的决定类型", "kind")
    if kind == DecisionKind.PENALTY:
        rules.require_status(
            case, CaseStatus.NOTIFIED, CaseStatus.HEARING, action="作出处罚决定（须先事先告知）"
        )
        if case.hearing_requested and not case.hearing_held_on:
            rules.refuse("当事人已申请听证，须先组织听证", "hearing")
        if not (
            decision.warning
            or decision.fine
            or decision.confiscation
            or decision.suspension
            or decision.revocation
            or decision.other_measures.strip()
        ):
            rules.refuse("请写明处罚种类", "fine")
    else:
        rules.require_status(
            case,
            CaseStatus.INVESTIGATING,
            CaseStatus.REVIEWING,
            CaseStatus.NOTIFIED,
            CaseStatus.HEARING,
            action="作出决定",
        )
    if kind == DecisionKind.TRANSFER and not decision.transfer_to.strip():
        rules.refuse("请填写移送机关", "transfer_to")
    if not decision.reasoning.strip():
        rules.refuse("请填写说理（事实、证据、依据、裁量）", "reasoning")
    if decision.decided_on < (case.notified_on or case.registered_on):
        rules.refuse("决定日期不能早于立案或告知日期", "decided_on")
    rules.require_within_decision_limit(case, decision.decided_on)
    rules.require_qualified_handlers(case, decision.decided_on)
    recommendation = rules.check_fine(
        case, decision.fine, decision.facts, decision.deviation_reason, decision.decided_on
    )
    gates.check(case, decision)
    doc_kind = {DecisionKind.PENALTY: "罚决", DecisionKind.NO_PENALTY: "不罚决"}.get(kind)
    made = Decision.objects.create(
        case=case,
        kind=kind,
        number=numbering.next_number(case.agency, doc_kind, year=decision.decided_on.year)
        if doc_kind
        else "",
        warning=decision.warning,
        fine=decision.fine,
        confiscation=decision.confiscation,
        suspension=decision.suspension,
        revocation=decision.revocation,
        other_measures=decision.other_measures,
        level=recommendation.level if recommendation else "",
        recommended_min=recommendation.fine_min if recommendation else None,
        recommended_max=recommendation.fine_max if recommendation else None,
        deviation_reason=decision.deviation_reason.strip(),
        reasoning=decision.reasoning.strip(),
        transfer_to=decision.transfer_to.strip(),
        decided_on=decision.decided_on,
        decided_by=actor,
    )
    ends_here = kind in (DecisionKind.TRANSFER, DecisionKind.WITHDRAW)
    _move(case, CaseStatus.CLOSED if ends_here else CaseStatus.DECIDED)
    _log(case, "decide", actor, number=made.number, **decision.as_record())
    events.publish("case.decided", case=case, decision=made, actor=actor)
    return case


# ---- 送达, 执行, 结案, 归档 ----------------------------------------------------------------------------


@transaction.atomic
def case_serve(*, actor, case: Case, on: date, method: str, recipient: str, note: str = "") -> Case:
    """送达 of the decision, due within seven working days of it; a late service is recorded as late."""
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.DECIDED, action="送达决定书")
    decided_on = case.decision.decided_on
    if on < decided_on:
        rules.refuse("送达日期不能早于决定日期", "served_on")
    if method not in ServiceMethod.values or not recipient.strip():
        rules.refuse("请填写送达方式和受送达人", "method")
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
    _move(case, CaseStatus.SERVED)
    _log(case, "serve", actor, on=on, method=method, recipient=recipient.strip(), late=late)
    return case


FINISHING = {ExecutionKind.PAID, ExecutionKind.COURT, ExecutionKind.DONE}


@transaction.atomic
def case_execute(
    *, actor, case: Case, kind: str, on: date, amount: Decimal | None = None, note: str = ""
) -> Case:
    """执行: paid (or done) finishes it; instalments and deferral are recorded and keep it open."""
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.SERVED, action="登记执行情况")
    if kind not in ExecutionKind.values:
        rules.refuse("未知的执行情况", "kind")
    if kind == ExecutionKind.PAID and not amount:
        rules.refuse("请填写缴纳金额", "amount")
    Execution.objects.create(case=case, kind=kind, on=on, amount=amount, note=note)
    if kind in FINISHING:
        _move(case, CaseStatus.EXECUTED)
    _log(case, "execute", actor, kind=kind, on=on, amount=amount)
    return case


@transaction.atomic
def case_close(*, actor, case: Case, on: date, summary: str) -> Case:
    """结案 (approved): after execution, or after serving a decision not to penalise."""
    case = _locked(actor, case, APPROVE)
    no_penalty = hasattr(case, "decision") and case.decision.kind == DecisionKind.NO_PENALTY
    allowed = (CaseStatus.EXECUTED, CaseStatus.SERVED) if no_penalty else (CaseStatus.EXECUTED,)
    rules.require_status(case, *allowed, action="结案")
    if case.is_simple:  # the on-the-spot video is filed with the case afterwards, but before closing
        rules.require_audio_video(case, ["simple_decision"])
    if not summary.strip():
        rules.refuse("请填写结案报告", "summary")
    _move(case, CaseStatus.CLOSED)
    _log(case, "close", actor, on=on, summary=summary.strip())
    return case


@transaction.atomic
def case_archive(*, actor, case: Case) -> Case:
    case = _locked(actor, case, HANDLE)
    rules.require_status(case, CaseStatus.CLOSED, CaseStatus.DECLINED, action="归档")
    _move(case, CaseStatus.ARCHIVED)
    _log(case, "archive", actor)
    return case


# ---- 简易程序 ---------------------------------------------------------------------------------------


@transaction.atomic
def case_simple(
    *,
    actor,
    agency: Agency,
    data: IntakeInput,
    handlers: list[tuple[object, str]],
    decision: DecisionInput,
    recipient: str,
) -> Case:
    """简易程序: a warning, or a fine of at most 200 yuan (person) / 3000 yuan (organisation), decided and
    served on the spot by two certified officers; the case is filed afterwards (行政处罚法 第五十一条)."""
    limit = rules.SIMPLE_FINE_LIMIT[data.party.kind]
    if (
        decision.kind != DecisionKind.PENALTY
        or decision.suspension
        or decision.revocation
        or decision.confiscation
    ):
        rules.refuse("简易程序只能当场给予警告或小额罚款", "kind")
    if decision.fine is not None and decision.fine > limit:
        rules.refuse(f"简易程序罚款不得超过{limit}元，请适用普通程序", "fine")
    if not (decision.warning or decision.fine):
        rules.refuse("请选择警告或罚款", "fine")
    case = _new_case(actor, agency, data, Procedure.SIMPLE)
    on = decision.decided_on
    for officer, role in handlers:
        rules.require_handler_role(officer, role, case, on)
    CaseHandler.objects.bulk_create([CaseHandler(case=case, officer=o, role=r) for o, r in handlers])
    rules.require_qualified_handlers(case, on)
    made = Decision.objects.create(
        case=case,
        kind=DecisionKind.PENALTY,
        number=numbering.next_number(agency, "简罚", year=on.year),
        warning=decision.warning,
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
    _move(case, CaseStatus.SERVED, "number")
    _log(case, "simple", actor, number=made.number, place=case.place, **decision.as_record())
    events.publish("case.decided", case=case, decision=made, actor=actor)
    return case


# ---- 行政复议、行政诉讼 ----------------------------------------------------------------------------------

CHALLENGEABLE = (DecisionKind.PENALTY, DecisionKind.NO_PENALTY)


@transaction.atomic
def case_challenge_file(*, actor, case: Case, kind: str, organ: str, filed_on: date) -> Challenge:
    """The party applied for 行政复议 or sued (行政诉讼) against the decision."""
    case = _locked(actor, case, HANDLE)
    decision = getattr(case, "decision", None)
    if decision is None or decision.kind not in CHALLENGEABLE:
        rules.refuse("本案尚未作出行政处罚或不予行政处罚决定，不能登记复议、诉讼", "kind")
    if kind not in ChallengeKind.values:
        rules.refuse("请选择行政复议或行政诉讼", "kind")
    if not organ.strip():
        rules.refuse("请填写复议机关或人民法院", "organ")
    if filed_on < decision.decided_on:
        rules.refuse("申请（起诉）日期不能早于决定日期", "filed_on")
    challenge = Challenge.objects.create(case=case, kind=kind, organ=organ.strip(), filed_on=filed_on)
    _log(case, "challenge", actor, challenge=challenge.pk, kind=kind, organ=challenge.organ, on=filed_on)
    return challenge


@transaction.atomic
def case_challenge_conclude(
    *, actor, challenge: Challenge, outcome: str, on: date, note: str = ""
) -> Challenge:
    """The outcome of a 复议 or 诉讼. A revoked, changed or unlawful decision is announced to the modules
    that published it ("case.decision_challenged"), inside this transaction."""
    case = _locked(actor, challenge.case, HANDLE)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk, case=case)
    if not challenge.is_pending:
        rules.refuse(
            f"该{challenge.get_kind_display()}已有结果：{challenge.get_outcome_display()}", "outcome"
        )
    if outcome not in ChallengeOutcome.values or outcome == ChallengeOutcome.PENDING:
        rules.refuse("请选择复议、诉讼结果", "outcome")
    if on < challenge.filed_on:
        rules.refuse("结果日期不能早于申请（起诉）日期", "concluded_on")
    if outcome in (ChallengeOutcome.CHANGED, ChallengeOutcome.REVOKED) and not note.strip():
        rules.refuse("撤销或变更的，请写明复议决定书或判决书的主要内容", "note")
    challenge.outcome, challenge.concluded_on, challenge.note = outcome, on, note.strip()
    challenge.save(update_fields=["outcome", "concluded_on", "note"])
    _log(case, "challenge_concluded", actor, challenge=challenge.pk, outcome=outcome, on=on)
    events.publish("case.decision_challenged", case=case, challenge=challenge, actor=actor)
    return challenge
