"""Every write of 监督事项: one keyword-only function per user action, taking the actor. Each locks the
item, checks the actor (core.access: supervisors on their region's subtree, the supervised agency on its
own items) and the transition table (transitions.MACHINE), refuses with the reason in Chinese beside the
field, writes and appends a record in the same transaction — on a refusal nothing is written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from zhifa.cases.models import Case, CaseDocument
from zhifa.catalog.reviewers import justice_bureau_of
from zhifa.core import access, hygiene, kit, numbering, workdays
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Record
from zhifa.notifications import events as notifications
from zhifa.supervision import attachments, checks
from zhifa.supervision.attachments import Upload
from zhifa.supervision.models import (
    CampaignFile,
    Escalation,
    Finding,
    Instrument,
    Reply,
    ReplyFile,
    SupervisionItem,
)

from . import clocks, sources
from .choices import (
    GRADE_ORDER,
    LADDER,
    NUMBER_KINDS,
    EscalationStep,
    Grade,
    ItemStatus,
    ProblemCategory,
    ReplyOutcome,
    SupervisionKind,
    TargetKind,
)
from .transitions import MACHINE, REPLY, SUPERVISE, is_overdue

ITEMS = SupervisionItem.objects.select_related("agency__region", "bureau")


def issuer_name(bureau: Agency) -> str:
    """The name an instrument is issued in (seed 001 二: 以行政执法协调监督办公室名义)."""
    return f"{bureau.name}（行政执法协调监督办公室）"


# ---- opening -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenInput:
    """立项: how (kind), what (an agency, a case, or a theme with the agencies concerned) and why."""

    kind: str
    target_kind: str
    title: str = ""
    agencies: Sequence[Agency] = field(default_factory=tuple)
    case: Case | None = None
    category: str = ""
    theme: str = ""
    reason: str = ""
    campaign_file: CampaignFile | None = None  # the 评查 file whose findings the item rectifies
    source: Any = None  # the object it was opened from, of a kind registered in sources.py


def _bureau(actor: Actor, agency: Agency) -> Agency:
    """The justice bureau supervising: the supervisor's own, or (for the system) the one over `agency`."""
    if actor is not None and actor.agency is not None and actor.agency.kind == AgencyKind.JUSTICE:
        return actor.agency
    bureau = justice_bureau_of(agency)
    if bureau is None:
        kit.refuse("agencies", f"{agency.name}所在区划及其上级没有司法行政机关，不能立项监督")
    return bureau


def _targets(actor: Actor, data: OpenInput) -> list[Agency]:
    if data.target_kind == TargetKind.CASE:
        if data.case is None:
            kit.refuse("case", "请选择监督的案件")
        return [data.case.agency]
    agencies = list(dict.fromkeys(data.agencies))
    if not agencies:
        kit.refuse("agencies", "请选择被监督机关")
    if data.target_kind == TargetKind.AGENCY and len(agencies) > 1:
        kit.refuse("agencies", "监督一个行政执法机关时只能选择一个机关；涉及多个机关请选择“专项主题”")
    return agencies


@transaction.atomic
def item_open(*, actor: Actor, data: OpenInput) -> list[SupervisionItem]:
    """立项监督: one item per supervised agency (a theme concerning three agencies opens three)."""
    kind = kit.choice(data.kind, SupervisionKind, "kind", "监督方式")
    target_kind = kit.choice(data.target_kind, TargetKind, "target_kind", "监督对象")
    category = kit.choice(data.category, ProblemCategory, "category", "问题类别", blank=True)
    theme = data.theme.strip()
    if target_kind == TargetKind.THEME and not theme:
        kit.refuse("theme", "请填写专项主题")
    targets = _targets(actor, data)
    for agency in targets:
        access.require_for_agency(actor, SUPERVISE, agency, f"您无权监督{agency.name}")
        if not agency.active:
            kit.refuse("agencies", f"{agency.name}已撤销，不能立项监督")
    case = data.case if target_kind == TargetKind.CASE else None
    if case is not None:
        case = kit.locked(
            Case.objects.select_related("agency__region"), case, actor=actor, perm="cases.view_case"
        )
        existing = SupervisionItem.objects.filter(case=case).exclude(status=ItemStatus.CLOSED).first()
        if existing is not None:
            kit.refuse(
                "case",
                f"案件{case.number or case.pk}已有办理中的监督事项（{existing.title}），请在该事项中处理",
            )
    origin = _origin(data.source)
    title = data.title.strip() or (
        f"对案件{case.number or case.pk}（{case.summary}）的监督" if case is not None else theme
    )
    title = checks.required(title, "title", "事项名称")
    if len(title) > 200:
        kit.refuse("title", "事项名称最多200个字")
    if len(theme) > 200:
        kit.refuse("theme", "专项主题最多200个字")
    opened = MACHINE.target("open")
    assert opened is not None  # the table's open row leads to 核查中
    made = []
    for agency in targets:
        item = SupervisionItem.objects.create(
            bureau=_bureau(actor, agency),
            agency=agency,
            kind=kind,
            target_kind=target_kind,
            category=category,
            title=title,
            theme=theme,
            reason=data.reason.strip(),
            case=case,
            campaign_file=data.campaign_file,
            source_type=origin.get("type", ""),
            source_id=origin.get("id", ""),
            source_label=origin.get("label", ""),
            status=opened,
            opened_by=actor,
        )
        kit.record(
            item,
            "supervision_item.open",
            actor=actor,
            payload={
                "status": item.status,
                "kind": kind,
                "target_kind": target_kind,
                "category": category,
                "title": title,
                "case": case.pk if case else None,
                "bureau": item.bureau_id,
                **({"campaign_file": data.campaign_file.pk} if data.campaign_file else {}),
                **({"source": origin} if origin else {}),
            },
        )
        made.append(item)
    return made


def _origin(obj: Any) -> dict[str, str]:
    """The item's 来源 fields for `obj` (a registered source, locked so that two supervisors opening from
    it at once cannot both pass the check below), refused while an item opened from it is still open."""
    if obj is None:
        return {}
    source = sources.of_model(type(obj))
    source.model._default_manager.select_for_update().filter(pk=obj.pk).first()
    origin = {"type": source.type_name, "id": str(obj.pk), "label": source.describe(obj)}
    existing = (
        SupervisionItem.objects.filter(source_type=origin["type"], source_id=origin["id"])
        .exclude(status=ItemStatus.CLOSED)
        .first()
    )
    if existing is not None:
        kit.refuse("source", f"该{source.label}已有办理中的监督事项（{existing.title}），请在该事项中处理")
    return origin


def item_open_from_source(
    *, actor: Actor, source: Any, reason: str = "", category: str = ""
) -> SupervisionItem:
    """一键立项监督 from any registered source (sources.py: a record, an inspection, a case …): a 日常监督 of
    the source's agency — of its case when it concerns one —, titled "对<source>的监督" and linked to it.
    The actor must see the source (404 otherwise, nothing written) and supervise its agency (403)."""
    kind = sources.of_model(type(source))
    if not kind.can_see(actor, source):
        raise Http404("未找到该对象，或您无权查看")
    case = kind.case(source)
    (item,) = item_open(
        actor=actor,
        data=OpenInput(
            kind=SupervisionKind.ROUTINE,
            target_kind=TargetKind.CASE if case is not None else TargetKind.AGENCY,
            title=f"对{kind.title_of(source)[:190]}的监督",
            agencies=(kind.agency_of(source),),
            case=case,
            reason=reason,
            category=category,
            source=source,
        ),
    )
    return item


def item_open_from_case(*, actor: Actor, case: Case, reason: str = "", category: str = "") -> SupervisionItem:
    """一键立项: a 日常监督 of the case, in its agency, from the case page (the case as the source)."""
    return item_open_from_source(actor=actor, source=case, reason=reason, category=category)


# ---- findings ------------------------------------------------------------------------------------------


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    item: SupervisionItem,
    text: str,
    case_ids: Iterable[int] = (),
    record_ids: Iterable[int] = (),
    document_ids: Iterable[int] = (),
) -> Finding:
    """记录发现的问题, with links to the supervised agency's cases, records and documents as evidence."""
    item = kit.locked(ITEMS, item, actor=actor, perm=SUPERVISE)
    MACHINE.require(item, "find")
    text = checks.required(text, "text", "问题描述")
    owner = f"被监督机关{item.agency.name}"
    cases = checks.linked(Case, case_ids, "agency_id", item.agency_id, owner, "cases", "案件")
    records = checks.linked(Record, record_ids, "agency_id", item.agency_id, owner, "records", "执法记录")
    documents = checks.linked(
        CaseDocument, document_ids, "case__agency_id", item.agency_id, owner, "documents", "文书"
    )
    finding = Finding.objects.create(item=item, text=text, created_by=actor)
    finding.cases.set(cases)
    finding.records.set(records)
    finding.documents.set(documents)
    kit.record(
        item,
        "supervision_item.find",
        actor=actor,
        payload={
            "status": item.status,
            "finding": finding.pk,
            "text": text,
            "cases": [c.pk for c in cases],
            "records": [r.pk for r in records],
            "documents": [d.pk for d in documents],
        },
    )
    return finding


# ---- instruments ---------------------------------------------------------------------------------------


@transaction.atomic
def instrument_issue(
    *,
    actor: Actor,
    item: SupervisionItem,
    grade: str,
    requirements: str,
    finding_ids: Iterable[int],
    reply_due: date | None = None,
    rectify_due: date | None = None,
    on: date | None = None,
) -> Instrument:
    """制发监督文书 (通知书、意见书、决定书): founded on recorded findings, of a grade above any issued
    before, numbered in the bureau's sequence, with a reply and a rectification deadline (defaults from
    clocks, per region). `on` (the system only: demo data, paper instruments entered later) is the day it
    was issued, from which the deadlines run."""
    if on is not None and actor is not None:
        kit.refuse("on", "只有系统补录时可以指定制发日期")
    item = kit.locked(ITEMS, item, actor=actor, perm=SUPERVISE)
    MACHINE.require(item, "issue")
    grade = kit.choice(grade, Grade, "grade", "文书种类")
    if item.grade and GRADE_ORDER[grade] <= GRADE_ORDER[item.grade]:
        kit.refuse(
            "grade",
            f"本事项已制发{Grade(item.grade).label}，再次制发须为更高等级的文书（通知书→意见书→决定书）",
        )
    wanted = sorted(set(finding_ids))
    if not wanted:
        kit.refuse("findings", "制发监督文书须依据已记录的问题：请先记录发现的问题，并选择文书所依据的问题")
    findings = list(item.findings.filter(pk__in=wanted))
    if len(findings) != len(wanted):
        kit.refuse("findings", "所选问题不属于本监督事项")
    requirements = checks.required(requirements, "requirements", "监督意见和整改要求")
    today = on or clocks.today()
    default_reply, default_rectify = clocks.default_deadlines(item.agency.region, grade, today)
    reply_days, rectify_days = clocks.workdays_for(item.agency.region, grade)
    # a computed deadline keeps its working days, so a calendar change moves it; a typed one keeps None
    reply_workdays = None if reply_due else reply_days
    rectify_workdays = None if rectify_due else rectify_days
    reply_due = checks.deadline(reply_due, "reply_due", "答复期限", today) if reply_due else default_reply
    rectify_due = (
        checks.deadline(rectify_due, "rectify_due", "整改期限", today) if rectify_due else default_rectify
    )
    if rectify_due < reply_due:
        kit.refuse(
            "rectify_due", f"整改期限（{rectify_due:%Y-%m-%d}）不能早于答复期限（{reply_due:%Y-%m-%d}）"
        )
    instrument = Instrument.objects.create(
        item=item,
        grade=grade,
        number=numbering.next_number(item.bureau, NUMBER_KINDS[grade], year=today.year),
        issuer=issuer_name(item.bureau),
        requirements=requirements,
        reply_due=reply_due,
        rectify_due=rectify_due,
        issued_on=today,
        reply_workdays=reply_workdays,
        rectify_workdays=rectify_workdays,
        issued_by=actor,
        issued_at=timezone.make_aware(datetime.combine(on, time(9))) if on else timezone.now(),
    )
    instrument.findings.set(findings)
    item.grade, item.due_on, item.due_from, item.due_workdays = grade, reply_due, today, reply_workdays
    MACHINE.move(
        item,
        "issue",
        actor=actor,
        fields=("grade", "due_on", "due_from", "due_workdays"),
        payload={
            "instrument": instrument.pk,
            "grade": grade,
            "number": instrument.number,
            "issued_on": today,
            "reply_due": reply_due,
            "rectify_due": rectify_due,
            "findings": wanted,
        },
    )
    return instrument


def latest_instrument(item: SupervisionItem) -> Instrument | None:
    return item.instruments.order_by("-issued_at", "-id").first()


# ---- the agency's reply ----------------------------------------------------------------------------------


@transaction.atomic
def reply_submit(*, actor: Actor, item: SupervisionItem, text: str, files: Sequence[Upload] = ()) -> Reply:
    """答复并提交整改材料 — only by the supervised agency (another agency: 404, nothing written)."""
    item = kit.locked(ITEMS, item, actor=actor, perm=REPLY)
    if actor is not None and actor.agency_id != item.agency_id:
        raise PermissionDenied("只有被监督机关可以答复")  # a supervisor with both permissions
    MACHINE.require(item, "reply")
    text = checks.required(text, "text", "答复和整改情况")
    checked = attachments.check_files(files)
    instrument = latest_instrument(item)
    assert instrument is not None  # 待答复整改 is reached only by issuing one
    reply = Reply.objects.create(item=item, instrument=instrument, text=text, submitted_by=actor)
    stored = attachments.store_files(checked, ReplyFile, reply=reply)
    MACHINE.move(
        item,
        "reply",
        actor=actor,
        payload={"reply": reply.pk, "instrument": instrument.number, "text": text, "files": stored},
    )
    return reply


def _pending_reply(item: SupervisionItem) -> Reply:
    reply = item.replies.filter(outcome=ReplyOutcome.PENDING).order_by("-submitted_at", "-id").first()
    assert reply is not None  # 整改待审查 is reached only by a reply
    return reply


def _verdict(reply: Reply, outcome: str, note: str, actor: Actor) -> None:
    reply.outcome, reply.review_note = outcome, note
    reply.reviewed_by = actor  # type: ignore[assignment]  # None: the system
    reply.reviewed_at = timezone.now()
    reply.save(update_fields=["outcome", "review_note", "reviewed_by", "reviewed_at"])


@transaction.atomic
def reply_accept(*, actor: Actor, item: SupervisionItem, note: str = "") -> SupervisionItem:
    """整改验收通过: the item is closed."""
    item = kit.locked(ITEMS, item, actor=actor, perm=SUPERVISE)
    MACHINE.require(item, "accept")
    reply = _pending_reply(item)
    note = hygiene.clean_text("note", "验收意见", note.strip())  # kept as the reply's 审查意见
    _verdict(reply, ReplyOutcome.ACCEPTED, note, actor)
    item.closed_at, item.due_on = timezone.now(), None
    MACHINE.move(
        item, "accept", actor=actor, fields=("closed_at", "due_on"), payload={"reply": reply.pk, "note": note}
    )
    return item


@transaction.atomic
def reply_return(*, actor: Actor, item: SupervisionItem, reason: str) -> SupervisionItem:
    """退回重新整改 (with the reasons): the agency now owes the rectification by its deadline."""
    item = kit.locked(ITEMS, item, actor=actor, perm=SUPERVISE)
    MACHINE.require(item, "return")
    reason = hygiene.clean_text("reason", "退回理由", checks.required(reason, "reason", "退回理由"))
    reply = _pending_reply(item)
    _verdict(reply, ReplyOutcome.RETURNED, reason, actor)
    last_deadline = item.escalations.filter(step=EscalationStep.DEADLINE).order_by("-id").first()
    instrument = reply.instrument
    dues = [
        (instrument.rectify_due, instrument.issued_on, instrument.rectify_workdays),
        *(
            [(last_deadline.due_on, last_deadline.due_from, last_deadline.due_workdays)]
            if last_deadline and last_deadline.due_on
            else []
        ),
    ]
    # the later deadline, with how it was computed (a calendar change moves it the same way)
    item.due_on, item.due_from, item.due_workdays = max(dues, key=lambda due: due[0])
    MACHINE.move(
        item,
        "return",
        actor=actor,
        fields=("due_on", "due_from", "due_workdays"),
        payload={"reply": reply.pk, "reason": reason, "due_on": item.due_on},
    )
    return item


# ---- escalation and closing ----------------------------------------------------------------------------


def next_steps(item: SupervisionItem) -> list[str]:
    """The rungs of the ladder open now: the next one up; at the top, the other top step not yet taken."""
    level = LADDER.get(item.escalation, 0) if item.escalation else 0
    taken = set(item.escalations.values_list("step", flat=True)) if level == 3 else set()
    return [
        step
        for step in EscalationStep.values
        if LADDER[step] == level + 1 or (level == 3 and LADDER[step] == 3 and step not in taken)
    ]


@transaction.atomic
def escalate(
    *, actor: Actor, item: SupervisionItem, step: str, note: str, due_on: date | None = None
) -> Escalation:
    """逾期升级: one rung of 限期整改 → 约谈 → 通报 / 报告本级政府, only once the current deadline has passed.
    限期整改 sets a new rectification deadline (default clocks.deadline_workdays() working days, per region)."""
    item = kit.locked(ITEMS, item, actor=actor, perm=SUPERVISE)
    MACHINE.require(item, "escalate")
    today = clocks.today()
    if not is_overdue(item, today):
        kit.refuse("status", f"当前期限（{item.due_on:%Y-%m-%d}）尚未届满，不能升级")
    step = kit.choice(step, EscalationStep, "step", "升级措施")
    allowed = next_steps(item)
    if step not in allowed:
        kit.refuse(
            "step",
            f"升级须逐级进行：当前可采取的措施为{'、'.join(EscalationStep(s).label for s in allowed) or '无'}",
        )
    note = checks.required(note, "note", "情况说明")
    due_workdays = None  # a typed 限期整改 date is never moved by a calendar change
    if step == EscalationStep.DEADLINE:
        if due_on:
            due_on = checks.deadline(due_on, "due_on", "整改期限", today)
        else:
            due_workdays = clocks.deadline_workdays(item.agency.region)
            due_on = workdays.add_workdays(today, due_workdays)
        item.due_on, item.due_from, item.due_workdays = due_on, today, due_workdays
    else:
        due_on = None
    made = Escalation.objects.create(
        item=item,
        step=step,
        note=note,
        due_on=due_on,
        due_from=today if due_on else None,
        due_workdays=due_workdays,
        created_by=actor,
    )
    item.escalation = step
    item.save(update_fields=["escalation", "due_on", "due_from", "due_workdays", "updated_at"])
    kit.record(
        item,
        "supervision_item.escalate",
        actor=actor,
        payload={"status": item.status, "step": step, "note": note, "due_on": due_on},
    )
    notifications.supervision_escalated(made, actor)
    return made


@transaction.atomic
def item_close(*, actor: Actor, item: SupervisionItem, note: str) -> SupervisionItem:
    """办结（核查未发现问题）, with the reasons."""
    item = kit.locked(ITEMS, item, actor=actor, perm=SUPERVISE)
    MACHINE.require(item, "close")
    item.close_note = checks.required(note, "note", "办结说明")
    item.closed_at = timezone.now()
    MACHINE.move(
        item, "close", actor=actor, fields=("close_note", "closed_at"), payload={"note": item.close_note}
    )
    return item
