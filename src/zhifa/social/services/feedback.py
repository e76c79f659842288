"""社会监督反馈: a supervisor's or contact point's feedback, entered by the justice bureau as an intake, then
受理, 答复, 转为监督事项 in one action (supervision.actions.item_open), or 转为投诉举报 in one action
(complaints.services.complaint_enter, channel 社会监督员或监督联系点反馈, handled by the concerned agency).
Every step moves through the one table (transitions.MACHINE) and is recorded on the concerned agency's
chain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case
from zhifa.complaints import services as complaints
from zhifa.complaints.choices import Channel, Kind
from zhifa.complaints.models import Complaint
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency
from zhifa.supervision import attachments
from zhifa.supervision.actions import services as actions
from zhifa.supervision.actions.choices import SupervisionKind, TargetKind
from zhifa.supervision.attachments import Upload
from zhifa.supervision.models import SupervisionItem

from .. import clocks
from ..choices import FeedbackSource, PointStatus, SupervisorStatus
from ..models import ContactPoint, Feedback, FeedbackFile, Supervisor
from ..transitions import HANDLE_FEEDBACK, MACHINE, VIEW_POINT, VIEW_SUPERVISOR

__all__ = ["Upload"]
FEEDBACK = Feedback.objects.select_related("agency__region", "bureau", "supervisor", "contact_point")
FILES_LABEL = "反馈材料"
SENDERS = (
    Supervisor.objects.select_related("bureau__region"),
    ContactPoint.objects.select_related("bureau__region"),
)


@dataclass(frozen=True)
class FeedbackInput:
    agency: Agency | None
    title: str
    text: str
    supervisor: Supervisor | None = None
    contact_point: ContactPoint | None = None
    case: Case | None = None
    received_on: date | None = None  # None: today
    files: Sequence[Upload] = field(default_factory=tuple)


def check_files(files: Sequence[Upload]) -> list[tuple[str, bytes, str]]:
    """The upload checks of 整改材料 (supervision.attachments), in this intake's words."""
    return attachments.check_files(files, label=FILES_LABEL)


def _sender(actor: Actor, data: FeedbackInput, on: date) -> Supervisor | ContactPoint:
    """The supervisor or contact point who sends it: exactly one, seen by the actor, serving on `on`."""
    if (data.supervisor is None) == (data.contact_point is None):
        kit.refuse("supervisor", "请选择反馈的监督员或监督联系点（二者选一）")
    # re-read under a row lock: a 解聘 or 续聘 racing the entry is seen, never a stale copy
    if data.supervisor is not None:
        sender: Supervisor | ContactPoint = kit.locked(SENDERS[0], data.supervisor, actor=None)
        access.require(actor, VIEW_SUPERVISOR, sender)
        who, where, term = f"监督员{sender.name}", "supervisor", "任期"
        ended = sender.status == SupervisorStatus.DISMISSED
    else:
        assert data.contact_point is not None
        sender = kit.locked(SENDERS[1], data.contact_point, actor=None)
        access.require(actor, VIEW_POINT, sender)
        who, where, term = f"监督联系点{sender.name}", "contact_point", "设立期限"
        ended = sender.status == PointStatus.REVOKED
    if ended:
        kit.refuse(
            where,
            f"{who}已于{sender.ended_on:%Y-%m-%d}{'解聘' if where == 'supervisor' else '撤销'}，不能提交反馈",
        )
    if on > sender.term_end:
        kit.refuse(where, f"{who}的{term}已于{sender.term_end:%Y-%m-%d}届满，不能提交反馈（可先续期）")
    if on < sender.term_start:
        kit.refuse(where, f"{who}的{term}自{sender.term_start:%Y-%m-%d}开始，此前不能提交反馈")
    return sender


@transaction.atomic
def feedback_submit(*, actor: Actor, data: FeedbackInput) -> Feedback:
    """录入反馈: what a serving supervisor or contact point reports about an agency of the bureau's region
    (optionally one of its cases), with files; its answer is due on the working-day clock (clocks)."""
    today = clocks.today()
    received_on = data.received_on or today
    if received_on > today:
        kit.refuse("received_on", f"收到日期（{received_on:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）")
    sender = _sender(actor, data, received_on)
    supervisor = sender if isinstance(sender, Supervisor) else None
    contact_point = sender if isinstance(sender, ContactPoint) else None
    agency = data.agency
    if agency is None:
        kit.refuse("agency", "请选择反映的行政执法机关")
    access.require_for_agency(actor, HANDLE_FEEDBACK, agency, f"您无权受理关于{agency.name}的反馈")
    if not agency.region.path.startswith(sender.bureau.region.path):
        kit.refuse("agency", f"{agency.name}不在{sender.bureau.name}的监督范围内")
    if data.case is not None and data.case.agency_id != agency.pk:
        kit.refuse("case", f"该案件不属于{agency.name}")
    title = kit.text(data.title, "title", "反馈事项", 200)
    text = kit.text(data.text, "text", "反馈内容", 5000)
    checked = check_files(data.files)
    opened = MACHINE.target("submit")
    assert opened is not None  # the table's submit row leads to 待受理
    feedback = Feedback.objects.create(
        bureau=sender.bureau,
        agency=agency,
        source=FeedbackSource.SUPERVISOR if supervisor else FeedbackSource.CONTACT_POINT,
        supervisor=supervisor,
        contact_point=contact_point,
        case=data.case,
        title=title,
        text=text,
        received_on=received_on,
        answer_due=clocks.answer_due(received_on, agency.region),
        status=opened,
        entered_by=actor,
    )
    stored = attachments.store_files(checked, FeedbackFile, feedback=feedback)
    kit.record(
        feedback,
        "social_feedback.submit",
        actor=actor,
        payload={
            "status": feedback.status,
            "source": feedback.source,
            "sender": sender.pk,
            "title": title,
            "case": data.case.pk if data.case else None,
            "received_on": received_on.isoformat(),
            "answer_due": feedback.answer_due.isoformat(),
            "files": stored,
        },
    )
    return feedback


@transaction.atomic
def feedback_acknowledge(*, actor: Actor, feedback: Feedback) -> Feedback:
    """受理."""
    feedback = kit.locked(FEEDBACK, feedback, actor=actor, perm=HANDLE_FEEDBACK)
    MACHINE.require(feedback, "acknowledge")
    feedback.acknowledged_at = timezone.now()
    MACHINE.move(feedback, "acknowledge", actor=actor, fields=("acknowledged_at",))
    return feedback


@transaction.atomic
def feedback_answer(*, actor: Actor, feedback: Feedback, answer: str) -> Feedback:
    """答复 the sender: the answer is kept and recorded."""
    feedback = kit.locked(FEEDBACK, feedback, actor=actor, perm=HANDLE_FEEDBACK)
    MACHINE.require(feedback, "answer")
    feedback.answer = kit.text(answer, "answer", "答复内容", 5000)
    feedback.answered_at = timezone.now()
    MACHINE.move(
        feedback, "answer", actor=actor, fields=("answer", "answered_at"), payload={"answer": feedback.answer}
    )
    return feedback


@transaction.atomic
def feedback_supervise(*, actor: Actor, feedback: Feedback, reason: str = "") -> SupervisionItem:
    """转为监督事项 in one action: a 日常监督 of the concerned agency (supervision.actions.item_open), linked
    on the feedback."""
    feedback = kit.locked(FEEDBACK, feedback, actor=actor, perm=HANDLE_FEEDBACK)
    MACHINE.require(feedback, "supervise")
    reason = kit.text(reason, "reason", "监督事由", 2000, required=False) or feedback.text
    (item,) = actions.item_open(
        actor=actor,
        data=actions.OpenInput(
            kind=SupervisionKind.ROUTINE,
            target_kind=TargetKind.AGENCY,
            agencies=(feedback.agency,),
            title=f"社会监督反馈：{feedback.title}"[:200],
            reason=reason,
        ),
    )
    feedback.supervision_item = item
    MACHINE.move(feedback, "supervise", actor=actor, fields=("supervision_item",), payload={"item": item.pk})
    return item


@transaction.atomic
def feedback_forward(
    *, actor: Actor, feedback: Feedback, kind: str = Kind.REPORT, subject_name: str = ""
) -> tuple[Complaint, str]:
    """转为投诉举报 in one action: a complaint entered through the complaints service (channel 社会监督员或监督
    联系点反馈), routed to the concerned agency, its complainant the sender (reached through the bureau when no
    phone is on the register); the feedback keeps the complaint and both record it. Returns the complaint
    and its tracking code (shown once, for the sender). Refused — nothing written — once forwarded, when
    answered or turned into a 监督事项, and outside the actor's region (404)."""
    feedback = kit.locked(FEEDBACK, feedback, actor=actor, perm=HANDLE_FEEDBACK)
    if feedback.complaint_id is not None:
        number = Complaint.objects.filter(pk=feedback.complaint_id).values_list("number", flat=True).first()
        kit.refuse("status", f"该反馈已转为投诉举报{number}，不能重复转办")
    MACHINE.require(feedback, "forward")
    sender = feedback.sender
    assert sender is not None  # the table's one-sender constraint
    if feedback.supervisor is not None:
        name, phone, address = f"行政执法监督员{sender.name}", feedback.supervisor.phone, ""
    else:
        point = feedback.contact_point
        assert point is not None
        name, phone, address = f"监督联系点{point.name}", point.liaison_phone, point.address
    if not phone and not address:
        address = f"经{feedback.bureau.name}转达"
    complaint, code = complaints.complaint_enter(
        actor=actor,
        data=complaints.ComplaintInput(
            channel=Channel.SUPERVISOR,
            kind=kind,
            title=feedback.title,
            content=feedback.text,
            subject_name=(subject_name or "").strip() or feedback.agency.name,
            region=feedback.agency.region,
            name=name[:64],
            phone=phone,
            address=address,
            agency_hint=feedback.agency.name,
            agency=feedback.agency,
        ),
    )
    feedback.complaint = complaint
    MACHINE.move(
        feedback,
        "forward",
        actor=actor,
        fields=("complaint",),
        payload={"complaint": complaint.pk, "number": complaint.number},
    )
    kit.record(
        complaint,
        "complaint.from_feedback",
        actor=actor,
        payload={"status": complaint.status, "feedback": feedback.pk, "title": feedback.title},
    )
    return complaint, code
