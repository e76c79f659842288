"""自动预评: what the platform's own data already says about a drawn case file, as proposed deductions
(or vetoes), each citing its evidence. The reviewer confirms or overrides every proposal with a reason
(supervision.campaigns.services.review_submit); nothing here is a verdict.

Each check returns the defects it finds (`Hit`: what, and where to see it); `propose` turns the hits of
the check an item names into that item's proposal: a veto item is proposed as vetoed when there is a
hit, a points item loses `unit_points` per hit, capped at its `max_points`."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from zhifa.cases.choices import CaseStatus, DecisionKind, EvidenceKind, HandlerRole
from zhifa.cases.clocks import register_days
from zhifa.cases.documents.kinds import DocumentKind
from zhifa.cases.models import Case
from zhifa.catalog.choices import ProcedureStep
from zhifa.catalog.procedures import Procedure
from zhifa.core.formatting import money
from zhifa.core.models import Record
from zhifa.registry.choices import BodyStatus
from zhifa.registry.models import EnforcementBody
from zhifa.registry.selectors import can_enforce

from .choices import PreCheck

STEP_DOCUMENTS = {"on_site": DocumentKind.INSPECTION_RECORD, "inquiry": DocumentKind.INQUIRY_RECORD}
AV_MEDIA = (EvidenceKind.AUDIO, EvidenceKind.VIDEO)


@dataclass(frozen=True)
class Hit:
    text: str
    links: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> dict:
        return {"text": self.text, "links": [list(link) for link in self.links]}


@dataclass
class Proposal:
    deduction: Decimal = Decimal(0)
    veto: bool = False
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Facts:
    """What the checks read, loaded once per file."""

    case: Case
    steps: dict[str, list[date]]

    @property
    def decision(self):
        return getattr(self.case, "decision", None)

    @property
    def step_dates(self) -> list[date]:
        c = self.case
        dated = [
            c.registered_on,
            c.notified_on,
            c.hearing_held_on,
            self.decision and self.decision.decided_on,
        ]
        return sorted({d for d in dated if d} | {d for days in self.steps.values() for d in days})


def _link(case: Case, name: str) -> tuple[str, str]:
    label = {"evidence_list": "证据", "case_documents": "文书"}[name]
    return (label, reverse(f"cases:{name}", args=[case.pk]))


def _steps(case: Case) -> dict[str, list[date]]:
    steps: dict[str, list[date]] = {}
    for record in Record.objects.for_subject(case).filter(action="case.step").only("at", "payload"):
        step = json.loads(record.payload).get("step", "")
        steps.setdefault(step, []).append(timezone.localdate(record.at))
    return steps


def check_body(f: Facts) -> list[Hit]:
    body = EnforcementBody.objects.filter(agency_id=f.case.agency_id).first()
    if body is not None and body.status == BodyStatus.CONFIRMED:
        return []
    state = "未登记" if body is None else body.get_status_display()
    return [Hit(f"{f.case.agency.name}的执法主体资格{state}，未经本级人民政府确认")]


def _handlers(f: Facts):
    return [
        h for h in f.case.handlers.select_related("officer").order_by("id") if h.role != HandlerRole.ASSISTANT
    ]


def check_officers(f: Facts) -> list[Hit]:
    handlers = _handlers(f)
    if len(handlers) >= 2:
        return []
    names = "、".join(h.officer.name for h in handlers) or "无"
    return [Hit(f"承办执法人员{len(handlers)}名（{names}），少于两人（行政处罚法 第四十二条）")]


def check_certificates(f: Facts) -> list[Hit]:
    hits = []
    for handler in _handlers(f):
        missing = [d for d in f.step_dates if not can_enforce(handler.officer, f.case.field, on=d)]
        if missing:
            days = "、".join(f"{d:%Y-%m-%d}" for d in missing)
            hits.append(Hit(f"{handler.officer.name}在{days}没有{f.case.field.name}领域的有效行政执法证"))
    return hits


def check_evidence(f: Facts) -> list[Hit]:
    if f.case.evidence.exists():
        return []
    return [Hit("案卷中没有任何证据材料", (_link(f.case, "evidence_list"),))]


def check_crime(f: Facts) -> list[Hit]:
    from zhifa.review.models import ReviewRound

    suspected = ReviewRound.objects.filter(review__case=f.case, suspected_crime=True).order_by("-id").first()
    decision = f.decision
    if suspected is None or (decision is not None and decision.kind == DecisionKind.TRANSFER):
        return []
    return [Hit(f"法制审核送审材料载明涉嫌犯罪（{suspected.crime_note or '未说明'}），案件未移送司法机关")]


def _required_documents(f: Facts) -> list[str]:
    case, decision = f.case, f.decision
    if case.procedure == Procedure.SIMPLE:
        return [str(DocumentKind.PENALTY_DECISION)]
    required: list[str] = [DocumentKind.REGISTER_APPROVAL]
    required += [STEP_DOCUMENTS[s] for s in STEP_DOCUMENTS if s in f.steps]
    if case.notified_on:
        required.append(DocumentKind.PENALTY_NOTICE)
    if decision is not None and decision.kind == DecisionKind.PENALTY:
        required.append(DocumentKind.PENALTY_DECISION)
    if decision is not None and decision.kind == DecisionKind.NO_PENALTY:
        required.append(DocumentKind.NO_PENALTY_DECISION)
    if case.services.exists():
        required.append(DocumentKind.SERVICE_RECEIPT)
    if case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        required.append(DocumentKind.CLOSING_REPORT)
    return required


def check_documents(f: Facts) -> list[Hit]:
    numbered: dict[str, bool] = {}
    for kind, number in f.case.documents.values_list("kind", "number"):
        numbered[kind] = numbered.get(kind, False) or bool(number)
    link = (_link(f.case, "case_documents"),)
    return [
        Hit(
            f"缺少{DocumentKind(kind).label}"
            if kind not in numbered
            else f"{DocumentKind(kind).label}没有文号",
            link,
        )
        for kind in _required_documents(f)
        if not numbered.get(kind)
    ]


def check_service(f: Facts) -> list[Hit]:
    return [
        Hit(
            f"{s.document}于{s.served_on:%Y-%m-%d}送达，超过决定之日起7个工作日的送达期限（行政处罚法 第六十一条）"
        )
        for s in f.case.services.filter(late=True)
    ]


def check_deadlines(f: Facts) -> list[Hit]:
    case, decision, hits = f.case, f.decision, []
    if case.registered_on and case.registered_on > case.discovered_on + timedelta(days=register_days()):
        hits.append(
            Hit(
                f"发现线索{case.discovered_on:%Y-%m-%d}，立案{case.registered_on:%Y-%m-%d}，"
                f"超过{register_days()}日的立案期限"
            )
        )
    if decision is not None and case.decision_due and decision.decided_on > case.decision_due:
        hits.append(
            Hit(
                f"决定日期{decision.decided_on:%Y-%m-%d}晚于办案期限{case.decision_due:%Y-%m-%d}（行政处罚法 第六十条）"
            )
        )
    return hits


def check_audio_video(f: Facts) -> list[Hit]:
    happened = set(f.steps)
    if f.case.hearing_held_on:
        happened.add(ProcedureStep.HEARING)
    if f.case.procedure == Procedure.SIMPLE:
        happened.add(ProcedureStep.SIMPLE_DECISION)
    required = {step for item in f.case.items.all() for step in item.av_steps} & happened
    recorded = set(
        f.case.evidence.filter(step__in=required, kind__in=AV_MEDIA).values_list("step", flat=True)
    )
    link = (_link(f.case, "evidence_list"),)
    return [
        Hit(f"{ProcedureStep(step).label}环节须音像记录，案卷中没有录音或视频", link)
        for step in sorted(required - recorded)
        if step in ProcedureStep.values
    ]


def check_discretion(f: Facts) -> list[Hit]:
    decision = f.decision
    if decision is None or decision.fine is None or decision.recommended_min is None:
        return []
    low, high = decision.recommended_min, decision.recommended_max
    if (
        low <= decision.fine <= (high if high is not None else decision.fine)
    ) or decision.deviation_reason.strip():
        return []
    span = f"{money(low)}—{money(high)}" if high is not None else f"不低于{money(low)}"
    return [Hit(f"罚款{money(decision.fine)}不在裁量基准推荐范围（{span}）内，且未说明理由")]


CHECKS: dict[str, Callable[[Facts], list[Hit]]] = {
    PreCheck.BODY: check_body,
    PreCheck.CERTIFICATES: check_certificates,
    PreCheck.OFFICERS: check_officers,
    PreCheck.EVIDENCE: check_evidence,
    PreCheck.CRIME: check_crime,
    PreCheck.DOCUMENTS: check_documents,
    PreCheck.SERVICE: check_service,
    PreCheck.DEADLINES: check_deadlines,
    PreCheck.AUDIO_VIDEO: check_audio_video,
    PreCheck.DISCRETION: check_discretion,
}


def facts_of(case: Case) -> Facts:
    case = Case.objects.select_related("agency", "field", "decision").get(pk=case.pk)
    return Facts(case, _steps(case))


def propose(items, case: Case) -> dict[str, Proposal]:
    """item code → the proposal for each item of `items` (a template version's) that names a check."""
    facts, proposals = facts_of(case), {}
    for item in items:
        if not item.precheck:
            continue
        hits = CHECKS[item.precheck](facts)
        proposal = Proposal(evidence=[hit.as_json() for hit in hits])
        if item.is_veto:
            proposal.veto = bool(hits)
        else:
            proposal.deduction = min(item.max_points, item.unit_points * len(hits))
        proposals[item.code] = proposal
    return proposals
