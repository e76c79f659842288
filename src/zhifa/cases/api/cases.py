"""/api/cases/: the case list (the filters of the page), one case in full (handlers, decision, services,
executions, records, clocks), intake, the simple procedure, and one POST per transition. Thin: reads
through cases.selectors (scoped by core.access), writes through cases.services, which check the
permission and the rules. Another agency's case is a 404, a step the user may not do a 403, a refusal a
422 with the Chinese reason by field; a party's ID number only ever leaves masked."""

import json
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.penalties import MEASURES_HELP
from zhifa.core import access
from zhifa.core.models import Agency, Record
from zhifa.core.privacy import mask_id_number
from zhifa.core.selectors import chosen_agency
from zhifa.registry.models import Officer

from .. import periods, rules, selectors, services, transitions
from ..assisting import SUPERVISOR, supervisor_of
from ..choices import CaseSource, PartyKind
from ..documents import requirements
from ..models import Case

router = Router(tags=["cases"])
VIEW = selectors.VIEW


# ---- lookups ----------------------------------------------------------------------------------------


def _user(request):
    """The caller, refused with 403 when they may not see cases at all."""
    user = request.auth
    if not user.has_perm(VIEW):
        raise PermissionDenied("您无权查看案件")
    return user


def _case(request, case_id: int) -> Case:
    return selectors.get_case(_user(request), case_id)


def _case_to_act_on(request, case_id: int, action: str) -> Case:
    """The case, once the user may take `action` on it (the table's permission: 404 outside what they see,
    403 where they only read it, as vertical oversight does) — before the body's ids are looked up, so a
    reader is told they may not act, not that an officer in the body is unknown."""
    case = _case(request, case_id)
    access.require(_user(request), transitions.first(action).perm, case)
    return case


def _agency(request, agency_id: int | None) -> Agency:
    user = _user(request)
    if agency_id is None:
        if user.agency_id is None:
            raise ValidationError({"agency_id": "请指定办案机关"})
        agency_id = user.agency_id
    return chosen_agency(user, agency_id, perm=VIEW)


def _officers(agency_id: int, ids: list[int]) -> dict[int, Officer]:
    found = {o.pk: o for o in Officer.objects.filter(agency_id=agency_id, pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError({"handlers": f"执法人员{'、'.join(missing)}不存在或不是本机关的人员"})
    return found


# ---- schemas ----------------------------------------------------------------------------------------


class CaseOut(Schema):
    id: int
    number: str
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    procedure: str
    source: str
    status: str
    status_label: str
    summary: str
    place: str
    party_kind: str
    party_name: str
    discovered_on: date
    registered_on: date | None
    decision_due: date | None
    created_at: datetime

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class CaseFilters(Schema):
    q: str = ""
    agency_id: int | None = None
    item: str = ""
    status: str = ""
    handler_id: int | None = None
    procedure: str = ""
    date_field: str = "registered_on"
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    near_due: bool = False


class ItemOut(Schema):
    code: str
    name: str


class HandlerOut(Schema):
    officer_id: int
    name: str
    role: str
    certified: bool


class DecisionOut(Schema):
    kind: str
    number: str
    measures: list[PenaltyMeasure]
    fine: Decimal | None
    confiscation: Decimal | None
    other_measures: str
    level: str
    recommended_min: Decimal | None
    recommended_max: Decimal | None
    deviation_reason: str
    reasoning: str
    economic_impact: str
    transfer_to: str
    decided_on: date


class ServiceOut(Schema):
    document: str
    served_on: date
    method: str
    recipient: str
    late: bool


class ExecutionOut(Schema):
    kind: str
    on: date
    amount: Decimal | None
    note: str


class ChallengeOut(Schema):
    id: int
    kind: str
    organ: str
    filed_on: date
    outcome: str
    concluded_on: date | None
    note: str
    voids_decision: bool


class RecordOut(Schema):
    seq: int
    at: datetime
    action: str
    action_label: str
    actor: str
    payload: dict


class ClockOut(Schema):
    step: str
    label: str
    due: date
    state: str


class NeedOut(Schema):
    kind: str = Field(description="文书种类")
    title: str
    present: bool = Field(description="已生成并编号，或已上传签字扫描件")
    number: str = Field(description="最近生成的该文书的文号（未生成为空）")
    scan: bool = Field(description="已上传签字扫描件")
    state: str


class ActionOut(Schema):
    action: str
    label: str
    documents: list[NeedOut] = Field(
        default_factory=list,
        description="办理该环节须有的文书及其是否齐备；缺少时该环节被拒绝（422，字段 documents）",
    )


class DecisionWaitOut(Schema):
    until: date = Field(description="陈述、申辩（及听证申请）期限届满之日")
    allowed_from: date = Field(description="可作出处罚决定日期：届满次日，或当事人书面放弃之日")
    waived_on: date | None = Field(description="当事人书面放弃陈述申辩、听证的日期")


class CaseDetailOut(CaseOut):
    facts: str
    field: str = Field(alias="field.code")
    catalog_version: int = Field(alias="catalog_version.number")
    party_id_number_masked: str
    party_credit_code: str
    party_representative: str
    party_address: str
    extension_days: int
    extension_reason: str
    investigation_report: str
    is_complex: bool
    notified_on: date | None
    statement_workdays: int | None = Field(description="告知的陈述申辩期限（工作日，告知时本机关的设置）")
    notice_served_on: date | None = Field(description="事先告知书送达日期；登记后两个期限自该日起计算")
    statement_deadline: date | None = Field(
        description="陈述申辩期限（自告知书送达日，未登记送达的自告知日计算）"
    )
    hearing_deadline: date | None
    hearing_requested: bool
    hearing_held_on: date | None
    hearing_host: str | None = Field(None, alias="hearing_host.name", description="听证主持人")
    statement: str
    items: list[ItemOut]
    handlers: list[HandlerOut]
    decision: DecisionOut | None
    services: list[ServiceOut]
    executions: list[ExecutionOut]
    challenges: list[ChallengeOut]
    records: list[RecordOut]
    clocks: list[ClockOut]
    decision_wait: DecisionWaitOut | None = Field(description="事先告知后处罚决定须等待的期限；未告知的为空")
    actions: list[ActionOut] = Field(
        default_factory=list, description="本案当前可由调用者办理的环节（即案件页面上的按钮），按办案顺序"
    )

    @staticmethod
    def resolve_actions(obj, context):
        actions = selectors.offered_actions(context["request"].auth, obj)
        return [
            {"action": a, "label": transitions.first(a).label, "documents": requirements.needs(obj, a)}
            for a in actions
        ]

    @staticmethod
    def resolve_party_id_number_masked(obj):
        return mask_id_number(obj.party_id_number)

    @staticmethod
    def resolve_items(obj):
        return obj.items.order_by("code")

    @staticmethod
    def resolve_handlers(obj):
        return [
            {
                "officer_id": row.handler.officer_id,
                "name": row.handler.officer.name,
                "role": row.handler.role,
                "certified": row.certified,
            }
            for row in selectors.handler_rows(obj)
        ]

    @staticmethod
    def resolve_decision(obj):
        return getattr(obj, "decision", None)

    @staticmethod
    def resolve_services(obj):
        return obj.services.all()

    @staticmethod
    def resolve_executions(obj):
        return obj.executions.all()

    @staticmethod
    def resolve_challenges(obj):
        return obj.challenges.all()

    @staticmethod
    def resolve_records(obj):
        return [
            {
                "seq": r.seq,
                "at": r.at,
                "action": r.action,
                "action_label": selectors.ACTION_LABELS.get(r.action, r.action),
                "actor": r.actor_name or "系统",
                "payload": json.loads(r.payload),
            }
            for r in Record.objects.for_subject(obj).order_by("seq")
        ]

    @staticmethod
    def resolve_decision_wait(obj):
        wait = rules.decision_wait(obj)
        return wait and {"until": wait.until, "allowed_from": wait.allowed_from, "waived_on": wait.waived_on}

    @staticmethod
    def resolve_clocks(obj):
        return [
            {"step": c.step, "label": c.label, "due": c.due, "state": c.state}
            for c in selectors.clocks_of(obj)
        ]


class PartyIn(Schema):
    kind: str = PartyKind.ORGANISATION.value
    name: str
    id_number: str = ""
    credit_code: str = ""
    representative: str = ""
    address: str = ""
    phone: str = ""

    def to_input(self) -> services.PartyInput:
        return services.PartyInput(**self.dict())


class IntakeIn(Schema):
    agency_id: int | None = None
    source: str = CaseSource.INSPECTION.value
    summary: str
    discovered_on: date
    place: str
    item_codes: list[str]
    party: PartyIn
    facts: str = ""
    occurred_at: datetime | None = None
    supervisor_id: int | None = Field(None, description=SUPERVISOR)

    def to_input(self) -> services.IntakeInput:
        return services.IntakeInput(
            source=self.source,
            summary=self.summary,
            discovered_on=self.discovered_on,
            place=self.place,
            item_codes=tuple(self.item_codes),
            party=self.party.to_input(),
            facts=self.facts,
            occurred_at=self.occurred_at,
        )


class SimpleIn(Schema):
    agency_id: int | None = None
    summary: str = Field(title="违法行为")
    place: str
    item_code: str
    party: PartyIn
    handler_ids: list[int] = Field(..., description="两名执法人员：主办人、协办人")
    decided_on: date = Field(default_factory=timezone.localdate)
    warning: bool = False
    fine: Decimal | None = None
    reasoning: str = Field("", title="违法事实与依据")
    recipient: str = Field("", title="签收人")


class HandlerIn(Schema):
    officer_id: int
    role: str


class AssignIn(Schema):
    handlers: list[HandlerIn]


class DateIn(Schema):
    on: date = Field(default_factory=timezone.localdate)


class HearingRequestIn(DateIn):
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class DeclineIn(Schema):
    reason: str


class StepIn(Schema):
    step: str
    note: str
    place: str = ""


class ExtendIn(Schema):
    days: int
    reason: str


class SubmitReviewIn(Schema):
    report: str
    is_complex: bool = False


class NotifyIn(Schema):
    on: date = Field(default_factory=timezone.localdate)
    proposed: str
    hearing_rights: bool = False


class StatementIn(Schema):
    statement: str
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class HearingIn(Schema):
    on: date = Field(default_factory=timezone.localdate)
    summary: str
    host_id: int = Field(..., title="听证主持人", description="听证主持人（执法人员id）：非本案承办人员")


class ServeNoticeIn(Schema):
    on: date = Field(default_factory=timezone.localdate, title="送达日期")
    method: str = Field(title="送达方式")
    recipient: str = Field(title="受送达人（签收人）")
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class DecideIn(Schema):
    kind: str
    decided_on: date = Field(default_factory=timezone.localdate)
    reasoning: str
    measures: list[PenaltyMeasure] = Field(default_factory=list, description=MEASURES_HELP)
    fine: Decimal | None = None
    confiscation: Decimal | None = None
    other_measures: str = ""
    deviation_reason: str = ""
    transfer_to: str = ""
    facts: dict = Field(
        default_factory=dict,
        description="裁量事实：fact_value、circumstance、illegal_gains、goods_value及情节",
    )
    economic_impact: str = Field("", title="涉企经济影响评估", description="对企业作出重大处罚决定时必填")


class ServeIn(Schema):
    on: date = Field(default_factory=timezone.localdate)
    method: str
    recipient: str
    note: str = ""
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class ExecuteIn(Schema):
    kind: str
    on: date = Field(default_factory=timezone.localdate)
    amount: Decimal | None = None
    note: str = ""
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class ChallengeIn(Schema):
    kind: str
    organ: str
    filed_on: date


class ChallengeOutcomeIn(Schema):
    outcome: str
    on: date = Field(default_factory=timezone.localdate)
    note: str = ""


class CloseIn(Schema):
    on: date = Field(default_factory=timezone.localdate)
    summary: str


# ---- reads ------------------------------------------------------------------------------------------


@router.get("/", response=list[CaseOut], summary="案件列表")
@paginate
def list_cases(request, filters: Query[CaseFilters]):
    data = filters.dict()
    data["agency"] = data.pop("agency_id")
    data["handler"] = data.pop("handler_id")
    return selectors.cases_visible_to(_user(request), **data)


@router.get(
    "/{int:case_id}",
    response=CaseDetailOut,
    summary="案件详情（含承办人员、决定、送达、执行、全过程记录、期限）",
)
def get_case(request, case_id: int):
    return _case(request, case_id)


# ---- intake and the simple procedure ----------------------------------------------------------------


@router.post("/", response={201: CaseDetailOut}, summary="案件登记")
def intake(request, data: IntakeIn):
    agency = _agency(request, data.agency_id)
    case = services.case_intake(
        actor=_user(request),
        agency=agency,
        data=data.to_input(),
        supervisor=supervisor_of(agency.pk, data.supervisor_id),
    )
    return Status(201, _case(request, case.pk))


@router.get("/simple/items", response=list[ItemOut], summary="简易程序可选的执法事项")
def simple_items(request, agency_id: int | None = None, on: date | None = None):
    """The 行政处罚 items of the agency's catalogue in force on `on` (default today) that may be decided
    on the spot: a warning, or a fine whose legal minimum is within 200 / 3000 yuan (行政处罚法 第五十一条)."""
    return selectors.simple_items(_agency(request, agency_id), on)


@router.post("/simple", response={201: CaseDetailOut}, summary="简易程序（当场处罚）")
def simple(request, data: SimpleIn):
    agency = _agency(request, data.agency_id)
    if len(data.handler_ids) != 2:  # the shape of the input; that they differ is the service's rule
        raise ValidationError({"handlers": "简易程序须由两名执法人员当场作出处罚决定"})
    officers = _officers(agency.pk, data.handler_ids)
    intake_input = services.IntakeInput(
        source=CaseSource.INSPECTION,
        summary=data.summary,
        discovered_on=data.decided_on,
        place=data.place,
        item_codes=(data.item_code,),
        party=data.party.to_input(),
        facts=data.reasoning,
    )
    case = services.case_simple(
        actor=_user(request),
        agency=agency,
        data=intake_input,
        handlers=[(officers[data.handler_ids[0]], "lead"), (officers[data.handler_ids[1]], "co")],
        decision=services.DecisionInput(
            kind="penalty",
            decided_on=data.decided_on,
            reasoning=data.reasoning,
            measures=(PenaltyMeasure.WARNING,) if data.warning else (),
            fine=data.fine,
        ),
        recipient=data.recipient,
    )
    return Status(201, _case(request, case.pk))


# ---- 陈述申辩期限 of an agency ---------------------------------------------------------------------------


class StatementPeriodOut(Schema):
    agency_id: int
    workdays: int = Field(description="现行陈述、申辩期限（工作日）")
    own: bool = Field(description="是否本机关设定（否：系统默认）")
    default: int = Field(description="系统默认期限（工作日）")


class StatementPeriodIn(Schema):
    agency_id: int | None = None
    workdays: int | None = Field(
        None, title="陈述、申辩期限（工作日）", description="3至15个工作日；为空则恢复系统默认"
    )


def _period_out(agency: Agency) -> dict:
    return {"agency_id": agency.pk, **periods.statement_period_of(agency)}


@router.get("/statement-period", response=StatementPeriodOut, summary="陈述申辩期限")
def statement_period(request, agency_id: int | None = None):
    return _period_out(_agency(request, agency_id))


@router.put("/statement-period", response=StatementPeriodOut, summary="设置陈述申辩期限")
def statement_period_set(request, data: StatementPeriodIn):
    agency = _agency(request, data.agency_id)
    periods.statement_period_set(actor=request.auth, agency=agency, workdays=data.workdays)
    return _period_out(agency)


# ---- transitions ------------------------------------------------------------------------------------


def _done(request, case: Case) -> Case:
    return _case(request, case.pk)


def _summary(action: str) -> str:
    """The endpoint's title: the action's label in the transition table, and who approves it."""
    row = transitions.first(action)
    return row.label + ("（负责人批准）" if row.perm == transitions.APPROVE else "")


def _transition(request, case_id: int, service, data: Schema | None = None) -> Case:
    """One step through its service, the request's fields being the service's keyword arguments (the
    schemas below are named after them); answers the case as it now is."""
    case = _case(request, case_id)
    kwargs = data.dict() if data else {}
    if "supervisor_id" in kwargs:
        kwargs["supervisor"] = supervisor_of(case.agency_id, kwargs.pop("supervisor_id"))
    service(actor=request.auth, case=case, **kwargs)
    return _done(request, case)


@router.post("/{int:case_id}/assign", response=CaseDetailOut, summary=_summary("assign"))
def assign(request, case_id: int, data: AssignIn):
    case = _case_to_act_on(request, case_id, "assign")
    officers = _officers(case.agency_id, [h.officer_id for h in data.handlers])
    handlers = [(officers[h.officer_id], h.role) for h in data.handlers]
    return _done(request, services.case_assign(actor=request.auth, case=case, handlers=handlers))


@router.post("/{int:case_id}/register", response=CaseDetailOut, summary=_summary("register"))
def register(request, case_id: int, data: DateIn):
    return _transition(request, case_id, services.case_register, data)


@router.post("/{int:case_id}/decline", response=CaseDetailOut, summary=_summary("decline"))
def decline(request, case_id: int, data: DeclineIn):
    return _transition(request, case_id, services.case_decline, data)


@router.post("/{int:case_id}/step", response=CaseDetailOut, summary=_summary("step"))
def step(request, case_id: int, data: StepIn):
    return _transition(request, case_id, services.case_record_step, data)


@router.post("/{int:case_id}/extend", response=CaseDetailOut, summary=_summary("extend"))
def extend(request, case_id: int, data: ExtendIn):
    return _transition(request, case_id, services.case_extend, data)


@router.post("/{int:case_id}/submit-review", response=CaseDetailOut, summary=_summary("submit-review"))
def submit_review(request, case_id: int, data: SubmitReviewIn):
    return _transition(request, case_id, services.case_submit_for_review, data)


@router.post("/{int:case_id}/notify", response=CaseDetailOut, summary=_summary("notify"))
def notify(request, case_id: int, data: NotifyIn):
    return _transition(request, case_id, services.case_notify, data)


@router.post("/{int:case_id}/statement", response=CaseDetailOut, summary=_summary("statement"))
def statement(request, case_id: int, data: StatementIn):
    return _transition(request, case_id, services.case_record_statement, data)


@router.post("/{int:case_id}/hearing-request", response=CaseDetailOut, summary=_summary("hearing-request"))
def hearing_request(request, case_id: int, data: HearingRequestIn):
    return _transition(request, case_id, services.case_request_hearing, data)


@router.post("/{int:case_id}/serve-notice", response=CaseDetailOut, summary=_summary("serve-notice"))
def serve_notice(request, case_id: int, data: ServeNoticeIn):
    return _transition(request, case_id, services.case_serve_notice, data)


@router.post("/{int:case_id}/hearing", response=CaseDetailOut, summary=_summary("hearing"))
def hearing(request, case_id: int, data: HearingIn):
    case = _case_to_act_on(request, case_id, "hearing")
    host = Officer.objects.filter(agency_id=case.agency_id, pk=data.host_id).first()
    if host is None:
        raise ValidationError({"host": f"执法人员{data.host_id}不存在或不是本机关的人员"})
    services.case_hold_hearing(actor=request.auth, case=case, on=data.on, summary=data.summary, host=host)
    return _done(request, case)


@router.post("/{int:case_id}/decide", response=CaseDetailOut, summary=_summary("decide"))
def decide(request, case_id: int, data: DecideIn):
    case = _case(request, case_id)
    services.case_decide(actor=request.auth, case=case, decision=services.DecisionInput(**data.dict()))
    return _done(request, case)


@router.post("/{int:case_id}/serve", response=CaseDetailOut, summary=_summary("serve"))
def serve(request, case_id: int, data: ServeIn):
    return _transition(request, case_id, services.case_serve, data)


@router.post("/{int:case_id}/execute", response=CaseDetailOut, summary=_summary("execute"))
def execute(request, case_id: int, data: ExecuteIn):
    return _transition(request, case_id, services.case_execute, data)


@router.post("/{int:case_id}/close", response=CaseDetailOut, summary=_summary("close"))
def close(request, case_id: int, data: CloseIn):
    return _transition(request, case_id, services.case_close, data)


@router.post("/{int:case_id}/archive", response=CaseDetailOut, summary=_summary("archive"))
def archive(request, case_id: int):
    return _transition(request, case_id, services.case_archive)


@router.post("/{int:case_id}/challenges", response={201: CaseDetailOut}, summary=_summary("challenge"))
def challenge(request, case_id: int, data: ChallengeIn):
    return Status(201, _transition(request, case_id, services.case_challenge_file, data))


@router.post(
    "/{int:case_id}/challenges/{int:challenge_id}/outcome",
    response=CaseDetailOut,
    summary=_summary("challenge-outcome"),
)
def challenge_outcome(request, case_id: int, challenge_id: int, data: ChallengeOutcomeIn):
    case = _case(request, case_id)
    found = case.challenges.filter(pk=challenge_id).first()
    if found is None:
        raise Http404
    services.case_challenge_conclude(
        actor=request.auth, challenge=found, outcome=data.outcome, on=data.on, note=data.note
    )
    return _done(request, case)
