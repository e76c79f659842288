"""Reads on cases, scoped by core.access: the case list with its filters, the clocks of open cases
(立案 within 15 days of discovery, the hearing request window, the 90-day decision limit with its
extensions, service within 7 working days of the decision), and one case's page data — handlers with
their certificates, the timeline of records interleaved with evidence."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from zhifa.catalog import selectors as catalog
from zhifa.catalog.choices import PenaltyMeasure, ProcedureStep
from zhifa.catalog.models import EnforcementItem
from zhifa.core import access, record_labels, workdays
from zhifa.core.models import Record
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.registry import selectors as registry
from zhifa.registry.choices import CertificateKind

from . import rules, transitions
from .choices import (
    CaseSource,
    CaseStatus,
    ChallengeKind,
    ChallengeOutcome,
    DecisionKind,
    ExecutionKind,
    HandlerRole,
    ServiceMethod,
)
from .clocks import (
    DECISION_DAYS,
    HEARING_REQUEST_WORKDAYS,
    NEAR_WORKDAYS,
    SERVICE_WORKDAYS,
    register_days,
)
from .models import Case, CaseHandler, Evidence

VIEW = "cases.view_case"
DECIDING = (CaseStatus.INVESTIGATING, CaseStatus.REVIEWING, CaseStatus.NOTIFIED, CaseStatus.HEARING)
OPEN = (CaseStatus.INTAKE, *DECIDING, CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.EXECUTED)
DATE_FIELDS = {"registered_on": "立案日期", "created_at": "登记日期"}


# ---- the list ---------------------------------------------------------------------------------------


def overdue_q(today: date) -> Q:
    """Open cases with a deadline of the agency already passed (register, decide or serve)."""
    return (
        Q(status=CaseStatus.INTAKE, discovered_on__lt=today - timedelta(days=register_days()))
        | Q(status__in=DECIDING, decision_due__lt=today)
        # add_workdays(decided_on, 7) < today  ⟺  decided_on < the 7th working day before today
        | Q(
            status=CaseStatus.DECIDED,
            decision__decided_on__lt=workdays.add_workdays(today, -SERVICE_WORKDAYS),
        )
    )


def near_due_q(today: date) -> Q:
    """Open cases whose next deadline of the agency falls within three working days (not yet passed)."""
    horizon = workdays.add_workdays(today, NEAR_WORKDAYS)
    return (
        Q(
            status=CaseStatus.INTAKE,
            discovered_on__gte=today - timedelta(days=register_days()),
            discovered_on__lte=horizon - timedelta(days=register_days()),
        )
        | Q(status__in=DECIDING, decision_due__gte=today, decision_due__lte=horizon)
        | Q(
            status=CaseStatus.DECIDED,
            decision__decided_on__gte=workdays.add_workdays(today, -SERVICE_WORKDAYS),
            # add_workdays(decided_on, 7) <= horizon (a working day)  ⟺  decided_on < its 6th working day before
            decision__decided_on__lt=workdays.add_workdays(horizon, -(SERVICE_WORKDAYS - 1)),
        )
    )


# The case list's sortable columns (each backed by an (agency, column, id) index, cases 0014).
CASE_SORTS = Sorts(
    SortColumn("number", "案件编号", ("number",)),
    SortColumn("party", "当事人", ("party_name",)),
    SortColumn("registered", "立案日期", ("registered_on",)),
)


def cases_visible_to(
    user,
    *,
    agency=None,
    item: str = "",
    status: str = "",
    handler=None,
    date_from: date | None = None,
    date_to: date | None = None,
    date_field: str = "registered_on",
    overdue: bool = False,
    near_due: bool = False,
    q: str = "",
    procedure: str = "",
    perm: str = VIEW,
    today: date | None = None,
    open_only: bool = False,
    decided_year: int | None = None,
) -> QuerySet[Case]:
    """The case list: what `user` may see, narrowed by the filters; newest first. `open_only` and
    `decided_year` are what the 工作台's key figures link to (cases.cards)."""
    today = today or timezone.localdate()
    cases = access.visible_to(user, Case.objects.select_related("agency"), perm)
    if agency:
        cases = cases.filter(agency_id=getattr(agency, "pk", agency))
    if status:
        cases = cases.filter(status=status)
    if procedure:
        cases = cases.filter(procedure=procedure)
    if item := item.strip():
        cases = cases.filter(
            Exists(Case.items.through.objects.filter(case_id=OuterRef("pk"), enforcementitem__code=item))
        )
    if handler:
        cases = cases.filter(
            Exists(
                CaseHandler.objects.filter(case_id=OuterRef("pk"), officer_id=getattr(handler, "pk", handler))
            )
        )
    if date_from or date_to:
        lookup = "created_at__date" if date_field == "created_at" else "registered_on"
        if date_from:
            cases = cases.filter(**{f"{lookup}__gte": date_from})
        if date_to:
            cases = cases.filter(**{f"{lookup}__lte": date_to})
    if overdue:
        cases = cases.filter(overdue_q(today))
    if near_due:
        cases = cases.filter(near_due_q(today))
    if open_only:
        cases = cases.filter(status__in=OPEN)
    if decided_year and 1900 < decided_year < 10000:
        start = date(decided_year, 1, 1)
        cases = cases.filter(
            decision__decided_on__gte=start, decision__decided_on__lt=start.replace(year=decided_year + 1)
        )
    if q := q.strip():
        cases = cases.filter(Q(number__icontains=q) | Q(party_name__icontains=q))
    return cases.order_by("-created_at", "-id")


def with_waiver(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`waiver_at`: when the party signed its first written waiver of 陈述、申辩 and 听证 (None when
    none is recorded), read by rules.decision_wait without a query per case."""
    return cases.annotate(waiver_at=Subquery(rules.waivers(OuterRef("pk")).values("at")[:1]))


def with_list_data(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a list row shows besides the case: its handlers and the decision (for the clocks)."""
    return (
        with_waiver(cases)
        .select_related("agency", "decision")
        .prefetch_related(
            Prefetch(
                "handlers", queryset=CaseHandler.objects.select_related("officer").order_by("-role", "id")
            )
        )
    )


# ---- the simple procedure's item picker --------------------------------------------------------------


def simple_items(agency, on: date | None = None) -> list[EnforcementItem]:
    """The items of `agency`'s catalogue in force on `on` that may be decided on the spot
    (cases.rules.simple_item_refusal for some party): what the 简易程序 picker offers, page and API."""
    version = catalog.version_in_force(agency, on) if agency is not None else None
    if version is None:
        return []
    items = catalog.with_measures(version.items.order_by("code"))
    return [item for item in items if not rules.simple_item_refusal(item)]


# ---- clocks -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """One deadline of a case: the step due, its date, and where today stands against it."""

    case: Case
    step: str  # register / hearing_request / statement / decide / serve
    label: str
    due: date
    # ok / near / overdue; a party's window: passed (closed), waiting (open: no penalty decision yet),
    # waived (the party gave it up in writing)
    state: str
    note: str = ""

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def near_due(self) -> bool:
        return self.state == "near"

    @property
    def state_label(self) -> str:
        return {
            "ok": "",
            "near": "即将到期",
            "overdue": "已逾期",
            "passed": "已届满",
            "waiting": "届满前不能作出处罚决定",
            "waived": "当事人已书面放弃",
        }[self.state]


def _state(due: date, today: date) -> str:
    if due < today:
        return "overdue"
    return "near" if due <= workdays.add_workdays(today, NEAR_WORKDAYS) else "ok"


def service_due(decided_on: date) -> date:
    return workdays.add_workdays(decided_on, SERVICE_WORKDAYS)


def clocks_of(case: Case, today: date | None = None) -> list[Clock]:
    """Every deadline running on `case` in its status, in due order. DECIDED cases need the decision
    loaded (select_related("decision") on lists)."""
    today = today or timezone.localdate()
    clocks = []
    if case.status == CaseStatus.INTAKE:
        due = case.discovered_on + timedelta(days=register_days())
        clocks.append(
            Clock(case, "register", "立案", due, _state(due, today), f"发现线索之日起{register_days()}日内")
        )
    if case.status == CaseStatus.NOTIFIED and case.hearing_deadline:
        state = "passed" if case.hearing_deadline < today else _state(case.hearing_deadline, today)
        clocks.append(
            Clock(
                case,
                "hearing_request",
                "听证申请",
                case.hearing_deadline,
                state,
                f"当事人自告知之日起{HEARING_REQUEST_WORKDAYS}个工作日内",
            )
        )
    if case.status in (CaseStatus.NOTIFIED, CaseStatus.HEARING) and (wait := rules.decision_wait(case)):
        clocks.append(statement_clock(case, wait, today))
    if case.status in DECIDING and case.decision_due:
        note = f"立案之日起{DECISION_DAYS}日" + (
            f"，已延长{case.extension_days}日" if case.extension_days else ""
        )
        clocks.append(
            Clock(case, "decide", "作出决定", case.decision_due, _state(case.decision_due, today), note)
        )
    if case.status == CaseStatus.DECIDED:
        decision = getattr(case, "decision", None)
        if decision is not None:
            due = service_due(decision.decided_on)
            clocks.append(
                Clock(
                    case,
                    "serve",
                    "送达决定书",
                    due,
                    _state(due, today),
                    f"决定之日起{SERVICE_WORKDAYS}个工作日内",
                )
            )
    return sorted(clocks, key=lambda c: c.due)


def statement_clock(case: Case, wait: rules.DecisionWait, today: date) -> Clock:
    """陈述申辩期限届满: the day the periods of the notice end; a penalty decision waits for it (or for
    the party's written waiver). Not a deadline of the agency: its states are the party's."""
    start = "告知书送达后" if case.notice_served_on else "告知后"
    periods = f"{start}{rules.case_statement_workdays(case)}个工作日内陈述、申辩" + (
        f"、{HEARING_REQUEST_WORKDAYS}个工作日内申请听证" if case.hearing_deadline else ""
    )
    if wait.waived_on:
        state, note = "waived", f"{periods}；当事人已于{wait.waived_on:%Y-%m-%d}书面放弃"
    else:
        state = "waiting" if wait.running(today) else "passed"
        note = f"{periods}；届满前不能作出处罚决定"
    note += f"，可作出处罚决定日期：{wait.allowed_from:%Y-%m-%d}"
    return Clock(case, "statement", "陈述申辩期限届满", wait.until, state, note)


PARTY_STATES = ("passed", "waiting", "waived")  # a party's window, not a deadline of the agency


def next_clock(case: Case, today: date | None = None) -> Clock | None:
    """The case's next deadline of the agency (a party's window is not one)."""
    return next((c for c in clocks_of(case, today) if c.state not in PARTY_STATES), None)


def pending_clocks(cases, today: date | None = None) -> list[Clock]:
    """Each open case's next due step and date. Pass a queryset (the decisions are loaded with it) or
    cases already carrying their decision."""
    today = today or timezone.localdate()
    if isinstance(cases, QuerySet):
        cases = with_waiver(cases.filter(status__in=OPEN)).select_related("decision")
    return [clock for case in cases if (clock := next_clock(case, today)) is not None]


# ---- one case ---------------------------------------------------------------------------------------


def get_case(user, pk, perm: str = VIEW) -> Case:
    """The case if `user` may see it, else 404 (another agency's case is never hinted at)."""
    return access.get_visible_or_404(
        user,
        Case.objects.select_related(
            "agency", "field", "catalog_version", "registered_by", "created_by", "decision__decided_by"
        ),
        perm,
        pk=pk,
    )


@dataclass(frozen=True)
class HandlerRow:
    handler: CaseHandler
    certified: bool
    certificates: list  # (number, status label, expires_on)


def offered_actions(user, case: Case) -> list[str]:
    """The steps of the transition table `user` may take on `case` now: its status allows them, they hold
    the permission (one check per kind) and, for an enforcement act, are certified for the case's field
    today (cases.rules.may_act). The case page's buttons and the API's `actions` both read this."""
    perms = {perm for perm in (transitions.HANDLE, transitions.APPROVE) if access.can(user, perm, case)}
    return transitions.offered(case, perms, may=rules.may_act(user, case))


def may_decide_on_spot(user) -> bool:
    """Whether to offer 简易程序 (当场处罚) to `user`: certified today in some field (the service checks
    the item's field on the decision day)."""
    return registry.acting_refusal(user, [], on=timezone.localdate()) is None


def handler_rows(case: Case, on: date | None = None) -> list[HandlerRow]:
    """The handlers with their certificates and whether each may enforce in the case's field on `on`."""
    on = on or timezone.localdate()
    handlers = list(
        case.handlers.select_related("officer")
        .prefetch_related("officer__certificates")
        .order_by("-role", "id")
    )
    certified = set(
        registry.enforcers_for(case.field.code, on=on)
        .filter(pk__in=[h.officer_id for h in handlers])
        .values_list("pk", flat=True)
    )
    return [
        HandlerRow(
            handler=h,
            certified=h.role != HandlerRole.ASSISTANT and h.officer_id in certified,
            certificates=[
                (c.number, c.effective_status_label(on), c.expires_on)
                for c in h.officer.certificates.all()
                if c.kind == CertificateKind.ENFORCEMENT
            ],
        )
        for h in handlers
    ]


# The record actions' Chinese labels: one table for the audit log and the case timeline.
ACTION_LABELS = record_labels.ACTIONS
EVIDENCE_ACTION = "case.evidence"

PAYLOAD_LABELS = {
    "number": "编号",
    "source": "来源",
    "summary": "摘要",
    "place": "地点",
    "items": "执法事项",
    "handlers": "承办人员",
    "registered_on": "立案日期",
    "decision_due": "决定期限",
    "reason": "理由",
    "step": "环节",
    "note": "内容",
    "days": "延长天数",
    "complex": "疑难复杂",
    "on": "日期",
    "proposed": "拟作出的处罚",
    "statement_deadline": "陈述申辩期限",
    "hearing_deadline": "听证申请期限",
    "statement": "陈述申辩意见",
    "kind": "类型",
    "decided_on": "决定日期",
    "measures": "处罚种类",
    "fine": f"{PenaltyMeasure.FINE.label}（元）",
    "confiscation": f"{PenaltyMeasure.CONFISCATE_GAINS.label}（元）",
    "deviation_reason": "偏离基准理由",
    "economic_impact": "涉企经济影响评估",
    "transfer_to": "移送机关",
    "method": "送达方式",
    "recipient": "受送达人",
    "late": "超期送达",
    "amount": "金额（元）",
    "sha256": "SHA-256",
    "name": "文件",
    "title": "文书",
    "organ": "复议机关或法院",
    "outcome": "结果",
    "supervisor": "指导执法人员",
    "host": "听证主持人",
    "statement_workdays": "陈述申辩期限（工作日）",
    "from_agency": "移送机关",
}
_SKIP = {
    "status", "facts", "reasoning", "other_measures",
    "document", "evidence", "challenge", "size", "media_type", "lat", "lng", "captured_at", "transfer",
}  # fmt: skip
_KIND_LABELS = {
    **dict(DecisionKind.choices),
    **dict(ExecutionKind.choices),
    **dict(ChallengeKind.choices),
    **dict(ChallengeOutcome.choices),
}


def _value(key: str, value) -> str:
    if key == "sha256" and isinstance(value, str):
        return value[:16] + "…"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "step" and value in ProcedureStep.values:
        return ProcedureStep(value).label
    if key == "method" and value in ServiceMethod.values:
        return ServiceMethod(value).label
    if key == "source" and value in CaseSource.values:
        return CaseSource(value).label
    if key in ("kind", "outcome") and value in _KIND_LABELS:
        return str(_KIND_LABELS[value])
    if key == "measures" and isinstance(value, list):
        return "、".join(PenaltyMeasure(v).label if v in PenaltyMeasure.values else str(v) for v in value)
    if key == "handlers" and isinstance(value, list):
        return "、".join(
            f"{h.get('name', '')}（{HandlerRole(h['role']).label if h.get('role') in HandlerRole.values else ''}）"
            for h in value
            if isinstance(h, dict)
        )
    if key in ("supervisor", "host") and isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def payload_summary(payload: dict) -> list[tuple[str, str]]:
    """(label, value) pairs of a record's payload worth showing to a person; empty values left out."""
    rows = []
    skip = _SKIP | ({"kind"} if "title" in payload else set())  # a document's kind is its title
    for key, value in payload.items():
        if key in skip or value in (None, "", [], {}) or (value is False and key != "late"):
            continue
        rows.append((PAYLOAD_LABELS.get(key, key), _value(key, value)))
    order = {label: i for i, label in enumerate(PAYLOAD_LABELS.values())}
    return sorted(rows, key=lambda row: order.get(row[0], len(order)))


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # record / evidence
    action: str
    actor: str
    details: list[tuple[str, str]]
    evidence: Evidence | None = None
    record_id: int | None = None  # the entry's record of the log (its own page: core:record_detail)


def _evidence_details(evidence: Evidence) -> list[tuple[str, str]]:
    return [
        ("环节", evidence.get_step_display()),
        ("类型", evidence.get_kind_display()),
        ("文件", evidence.original_name),
        *([("说明", evidence.description)] if evidence.description else []),
        ("SHA-256", evidence.sha256[:16] + "…"),
    ]


def timeline(case: Case) -> list[TimelineEntry]:
    """The full record of the case (全过程记录) in time order. Evidence uploads appear with their file
    (their "case.evidence" record and the Evidence row become one entry); two queries."""
    evidence_by_pk = {
        e.pk: e for e in case.evidence.select_related("uploaded_by").order_by("created_at", "id")
    }
    entries = []
    for record in Record.objects.for_subject(case).order_by("seq"):
        try:
            payload = json.loads(record.payload)
        except ValueError:
            payload = {}
        payload = payload if isinstance(payload, dict) else {}
        evidence = (
            evidence_by_pk.pop(cast(int, payload.get("evidence")), None)
            if record.action == EVIDENCE_ACTION
            else None
        )
        entries.append(
            TimelineEntry(
                at=record.at,
                kind="evidence" if evidence else "record",
                action=ACTION_LABELS.get(record.action, record.action),
                actor=record.actor_name or "系统",
                details=_evidence_details(evidence) if evidence else payload_summary(payload),
                evidence=evidence,
                record_id=record.pk,
            )
        )
    for evidence in evidence_by_pk.values():
        uploader = evidence.uploaded_by
        entries.append(
            TimelineEntry(
                at=evidence.created_at,
                kind="evidence",
                action=ACTION_LABELS[EVIDENCE_ACTION],
                actor=(uploader.real_name or uploader.username) if uploader else "系统",
                details=_evidence_details(evidence),
                evidence=evidence,
            )
        )
    return sorted(entries, key=lambda e: e.at)


def supervisors_for(user, case: Case) -> list:
    """The 指导执法人员 `user` chooses from for a 事务性 step on `case` (上传证据, 制作文书 …): the active
    officers of the case's agency certified for its field today — none when `user` is certified
    themself and acts on their own (rules.require_assisted)."""
    today = timezone.localdate()
    if registry.acting_refusal(user, [case.field_id], on=today) is None:
        return []
    return list(
        registry.enforcers_for(case.field_id, on=today).filter(agency=case.agency_id).order_by("name", "id")
    )
