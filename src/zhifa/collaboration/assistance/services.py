"""Every write of 协助: one keyword-only function per user action, taking the actor. The requester sends;
the helper receives, extends, answers or declines (notices.parties: another agency 404, the other side
refused). A refusal writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case
from zhifa.collaboration.models import AssistanceRequest
from zhifa.core import access, kit, numbering, workdays
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from ..notices.parties import require_side
from ..notices.services import _text
from . import clocks
from .choices import AssistanceKind, AssistanceStatus
from .transitions import HANDLE, MACHINE, VIEW

REQUESTS = AssistanceRequest.objects.select_related("requester__region", "helper__region")


@dataclass(frozen=True)
class RequestInput:
    kind: str
    helper: Agency | None
    subject: str
    questions: str
    case: Case | None = None
    urgent: bool = False


@transaction.atomic
def assistance_request(*, actor: Actor, agency: Agency, data: RequestInput) -> AssistanceRequest:
    """发送协助函: to another agency of this county or of another (异地行政执法协助, seed 000 §1). On-site help
    (证据可能灭失) is urgent and due within the setting's hours on the hour clock."""
    access.require_for_agency(actor, HANDLE, agency, "您无权以该机关名义请求协助")
    if data.kind not in AssistanceKind.values:
        kit.refuse("kind", "请选择协助事项")
    helper = data.helper
    if helper is None or helper.pk == agency.pk or not helper.active:
        kit.refuse("helper", "请选择协助机关（本机关以外的有效机关）")
    subject = _text(data.subject, "subject", "协助事项名称", limit=200)
    questions = _text(data.questions, "questions", "请求协助的内容")
    case = data.case
    if case is not None and case.agency_id != agency.pk:
        kit.refuse("case", "只能就本机关的案件请求协助")
    now = timezone.now()
    urgent = data.urgent or data.kind == AssistanceKind.ONSITE
    cross_region = helper.region_id != agency.region_id and not (
        helper.region.path.startswith(agency.region.path) or agency.region.path.startswith(helper.region.path)
    )
    request = AssistanceRequest.objects.create(
        number=numbering.next_number(agency, "协助", year=timezone.localdate().year),
        kind=data.kind, requester=agency, helper=helper, cross_region=cross_region, case=case,
        subject=subject, questions=questions, urgent=urgent, status=AssistanceStatus.SENT, sent_at=now,
        due_at=clocks.onsite_due(now) if data.kind == AssistanceKind.ONSITE else None, created_by=actor,
    )  # fmt: skip
    kit.record(
        request,
        "assistance.request",
        actor=actor,
        payload={"status": request.status, "kind": request.kind, "helper": helper.pk, "number": request.number,
                 "cross_region": cross_region, "urgent": urgent, "due_at": request.due_at},
    )  # fmt: skip
    return request


def _locked(request: AssistanceRequest, actor: Actor, action: str, act: str) -> AssistanceRequest:
    request = kit.locked(REQUESTS, request, actor=None)
    require_side(actor, request, view=VIEW, perm=HANDLE, agency_id=request.helper_id, who="协助机关", act=act)
    MACHINE.require(request, action)
    return request


@transaction.atomic
def assistance_receive(*, actor: Actor, request: AssistanceRequest) -> AssistanceRequest:
    """签收协助函: the written answer is due 5 working days from today (认定、鉴定、咨询; seed 004 五(二))."""
    request = _locked(request, actor, "receive", "签收协助函")
    today = clocks.today()
    days = clocks.workdays_for(request.kind)
    request.received_on = today
    if days is not None:
        request.due_from, request.due_workdays, request.due_on = today, days, clocks.reply_due(today, days)
    MACHINE.move(
        request, "receive", actor=actor, fields=("received_on", "due_from", "due_workdays", "due_on"),
        payload={"received_on": today, "due_on": request.due_on},
    )  # fmt: skip
    return request


@transaction.atomic
def assistance_extend(
    *, actor: Actor, request: AssistanceRequest, new_due: date | None, reason: str
) -> AssistanceRequest:
    """延期答复: told in advance — before the current date has passed — with a later working day and a reason."""
    request = _locked(request, actor, "extend", "延期答复")
    reason = _text(reason, "reason", "延期理由")
    today = clocks.today()
    if request.due_on is None or today > request.due_on:
        kit.refuse("new_due", f"答复期限已于{request.due_on:%Y-%m-%d}届满，不能再延期（应当事先告知）"
                   if request.due_on else "该协助请求没有答复期限，不能延期")  # fmt: skip
    if new_due is None:
        kit.refuse("new_due", "请填写新的答复日期")
    if new_due <= request.due_on:
        kit.refuse("new_due", f"新的答复日期应晚于原期限（{request.due_on:%Y-%m-%d}）")
    if not workdays.is_workday(new_due):
        kit.refuse("new_due", "新的答复日期应为工作日")
    before = request.due_on
    request.due_on, request.due_workdays, request.extended_reason = new_due, None, reason
    kit.record(
        request,
        "assistance.extend",
        actor=actor,
        payload={"before": before, "after": new_due, "reason": reason},
    )
    request.save(update_fields=["due_on", "due_workdays", "extended_reason", "updated_at"])
    return request


@transaction.atomic
def assistance_answer(*, actor: Actor, request: AssistanceRequest, answer: str) -> AssistanceRequest:
    """书面答复 (认定、鉴定、咨询意见, or what was done on site / the archives made available)."""
    request = _locked(request, actor, "answer", "答复协助请求")
    request.answer = _text(answer, "answer", "书面答复")
    request.answered_on = clocks.today()
    late = request.due_on is not None and request.answered_on > request.due_on
    MACHINE.move(request, "answer", actor=actor, fields=("answer", "answered_on"), payload={"late": late})
    return request


@transaction.atomic
def assistance_decline(*, actor: Actor, request: AssistanceRequest, reason: str) -> AssistanceRequest:
    """不予协助: only with the reason (e.g. not within the helper's competence)."""
    request = _locked(request, actor, "decline", "答复协助请求")
    request.decline_reason = _text(reason, "reason", "不予协助的理由")
    MACHINE.move(
        request,
        "decline",
        actor=actor,
        fields=("decline_reason",),
        payload={"reason": request.decline_reason},
    )
    return request


def status_open() -> tuple[str, ...]:
    return (AssistanceStatus.SENT, AssistanceStatus.RECEIVED)
