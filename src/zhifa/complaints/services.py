"""Every write of 投诉举报: one keyword-only function per user action, taking the actor (the public portal's
submission and rating act as the system, identified by the tracking code). Each locks the complaint,
checks the actor (core.access: the handling agency acts on what is routed to it, the justice bureau's
supervisors settle disputes and supervise in their region's subtree) and the transition table
(transitions.MACHINE), refuses with the reason in Chinese beside the field, writes and appends a record in
the same transaction — on a refusal nothing is written."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.cases import services as cases
from zhifa.cases.choices import CaseSource
from zhifa.core import access, hygiene, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region
from zhifa.registry.models import Officer
from zhifa.supervision.actions import services as supervision_actions
from zhifa.supervision.actions.choices import SupervisionKind, TargetKind
from zhifa.supervision.attachments import Upload
from zhifa.supervision.plans import services as oversight_services

from . import attachments, clocks, routing
from .choices import IN_HAND, Channel, Kind, Rating, Status, Wish
from .models import Complaint
from .transitions import HANDLE, MACHINE, SETTLE, rating_window_over

COMPLAINTS = Complaint.objects.select_related("agency__region", "region")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
CODE_LENGTH = 16  # 16 of 32 symbols = 80 bits: not guessable, not enumerable


def _text(value: str, name: str, label: str, *, required: bool = True) -> str:
    value = hygiene.clean_text(name, label, (value or "").strip())
    if required and not value:
        kit.refuse(name, f"请填写{label}")
    return value


# ---- tracking codes --------------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def by_code(code: str) -> Complaint | None:
    """The complaint of a tracking code, or None — one answer for a code that does not exist and one that
    is wrong, so codes cannot be probed."""
    normal = normalise_code(code)
    if len(normal) != CODE_LENGTH:
        return None
    return COMPLAINTS.filter(code_hash=code_hash(normal)).first()


# ---- intake ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintInput:
    """A complaint as received, from any door (portal, staff entry, 12345 batch)."""

    channel: str
    title: str
    content: str
    subject_name: str
    region: Region | None
    kind: str = Kind.COMPLAINT
    anonymous: bool = False
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    place: str = ""
    agency_hint: str = ""
    item_code: str = ""
    hotline_number: str = ""
    received_on: date | None = None
    agency: Agency | None = None  # staff may route it themselves; else suggested
    files: Sequence[Upload] = field(default_factory=tuple)


def _checked(data: ComplaintInput) -> dict:
    """The complaint's own fields, checked (the rules every door shares)."""
    kit.choice(data.channel, Channel, "channel", "来源渠道")
    kit.choice(data.kind, Kind, "kind", "类别")
    name = _text(data.name, "name", "投诉举报人", required=False)
    phone = _text(data.phone, "phone", "联系电话", required=False)
    email = _text(data.email, "email", "电子邮箱", required=False)
    address = _text(data.address, "address", "联系地址", required=False)
    if not data.anonymous:
        if not name:
            kit.refuse("name", "请填写投诉举报人姓名，或选择匿名投诉举报")
        if not (phone or email or address):
            kit.refuse("phone", "请留下联系方式（电话、电子邮箱或联系地址），或选择匿名投诉举报")
    if data.region is None:
        kit.refuse("region", "请选择事发地所属区划")
    hotline = _text(data.hotline_number, "hotline_number", "12345工单号", required=False)
    if data.channel == Channel.HOTLINE and not hotline:
        kit.refuse("hotline_number", "12345热线转来的须填写12345工单号")
    received = data.received_on or clocks.today()
    if received > clocks.today():
        kit.refuse("received_on", "收到日期不能晚于今天")
    return {
        "kind": data.kind,
        "channel": data.channel,
        "anonymous": bool(data.anonymous),
        "name": name,
        "phone": phone,
        "email": email,
        "address": address,
        "hotline_number": hotline,
        "subject_name": _text(data.subject_name, "subject_name", "被投诉举报对象"),
        "title": _text(data.title, "title", "事项概要"),
        "content": _text(data.content, "content", "具体内容"),
        "place": _text(data.place, "place", "发生地点", required=False),
        "agency_hint": _text(data.agency_hint, "agency_hint", "涉及的执法部门", required=False),
        "item_code": _text(data.item_code, "item_code", "事项编码", required=False).upper(),
        "region": data.region,
        "received_on": received,
    }


def _route(data: ComplaintInput, fields: dict):
    agency, item = routing.suggest(
        region=fields["region"], item_code=fields["item_code"], hint=fields["agency_hint"]
    )
    if data.agency is not None:
        agency = data.agency
        if not agency.active:
            kit.refuse("agency", f"{agency.name}已撤销，不能承办")
    if agency is None:
        kit.refuse("region", f"{fields['region'].name}及其上级区划没有可以承办投诉举报的机关")
    return agency, item


def _build(actor: Actor, data: ComplaintInput, *, with_code: bool) -> tuple[Complaint, str, list]:
    """The complaint, checked and routed, not yet saved; its code; its checked files."""
    fields = _checked(data)
    checked_files = attachments.check(data.files)
    agency, item = _route(data, fields)
    received, region = fields["received_on"], fields["region"]
    code = new_code() if with_code else ""
    complaint = Complaint(
        **fields,
        agency=agency,
        item=item,
        status=Status.PENDING,  # MACHINE.target("submit")
        routed_on=received,
        clock_from=received,
        ack_due=clocks.ack_due(received, region),
        reply_due=clocks.reply_due(received, region),
        code_hash=code_hash(code) if code else None,
        created_by=actor,
    )
    try:
        complaint.full_clean(exclude=["agency", "region", "item", "created_by", "code_hash", "number"])
    except ValidationError as error:
        kit.refuse(*next(iter((k, v[0]) for k, v in error.message_dict.items())))
    return complaint, code, checked_files


def _save(actor: Actor, complaint: Complaint, checked_files: list) -> Complaint:
    complaint.save()
    complaint.number = f"TS{complaint.received_on:%Y}{complaint.pk:06d}"
    complaint.save(update_fields=["number"])
    stored = attachments.store(checked_files, complaint)
    kit.record(
        complaint,
        "complaint.submit",
        actor=actor,
        payload={
            "status": complaint.status,
            "number": complaint.number,
            "channel": complaint.channel,
            "agency": complaint.agency_id,
            "item_code": complaint.item_code,
            "anonymous": complaint.anonymous,
            "hotline_number": complaint.hotline_number,
            "files": stored,
        },
    )
    return complaint


@transaction.atomic
def complaint_submit(*, data: ComplaintInput) -> tuple[Complaint, str]:
    """门户网站: a member of the public files a complaint (no account). Returns it and its tracking code,
    shown once: only its digest is kept."""
    if data.channel != Channel.PORTAL:
        kit.refuse("channel", "门户网站只能提交来源为“门户网站”的投诉举报")
    complaint, code, files = _build(None, data, with_code=True)
    return _save(None, complaint, files), code


@transaction.atomic
def complaint_enter(*, actor: Actor, data: ComplaintInput) -> tuple[Complaint, str]:
    """登记: staff enter a complaint received at the window, by telephone, letter, from 12345 or from a
    social supervisor; the code is shown once so the complainant can follow it."""
    if not access.is_system(actor) and not actor.has_perm(HANDLE):
        raise PermissionDenied("您无权登记投诉举报")
    complaint, code, files = _build(actor, data, with_code=True)
    return _save(actor, complaint, files), code


# ---- handling --------------------------------------------------------------------------------------


def _locked(actor: Actor, complaint: Complaint, perm: str) -> Complaint:
    return kit.locked(COMPLAINTS, complaint, actor=actor, perm=perm)


def _own(actor: Actor, complaint: Complaint) -> None:
    """Only the handling agency handles (a supervisor of the region sees it, and may not answer for it)."""
    if not access.is_system(actor) and actor.agency_id != complaint.agency_id:
        raise PermissionDenied(f"该投诉举报由{complaint.agency.name}承办，只有承办机关可以办理")


def _handling(actor: Actor, complaint: Complaint, action: str, *variants: str) -> Complaint:
    complaint = _locked(actor, complaint, HANDLE)
    _own(actor, complaint)
    MACHINE.require(complaint, action, *variants)
    return complaint


@transaction.atomic
def complaint_accept(*, actor: Actor, complaint: Complaint) -> Complaint:
    """受理: the handling agency takes it on; the reply clock keeps running from receipt."""
    complaint = _handling(actor, complaint, "accept")
    _accept(complaint)
    MACHINE.move(complaint, "accept", actor=actor, fields=("accepted_on", "case_due"))
    return complaint


def _accept(complaint: Complaint) -> None:
    complaint.accepted_on = clocks.today()
    complaint.case_due = (
        clocks.case_due(complaint.accepted_on, complaint.region) if complaint.item_id else None
    )


def _agency_to(to: Agency | None, complaint: Complaint, name: str = "agency") -> Agency:
    if to is None:
        kit.refuse(name, "请选择承办机关")
    if not to.active:
        kit.refuse(name, f"{to.name}已撤销，不能承办")
    if to.pk == complaint.agency_id:
        kit.refuse(name, f"该投诉举报已由{to.name}承办，请选择其他机关")
    return to


@transaction.atomic
def complaint_transfer(
    *, actor: Actor, complaint: Complaint, agency: Agency | None, reason: str
) -> Complaint:
    """转办: not ours — passed on to the competent agency with the reason; its acceptance clock starts."""
    complaint = _handling(actor, complaint, "transfer")
    reason = _text(reason, "reason", "转办理由")
    to = _agency_to(agency, complaint)
    before = complaint.agency
    complaint.agency = to
    complaint.transfer_count += 1
    complaint.accepted_on = None
    complaint.case_due = None
    complaint.routed_on = clocks.today()
    complaint.ack_due = clocks.ack_due(complaint.routed_on, complaint.region)
    MACHINE.move(
        complaint,
        "transfer",
        actor=actor,
        fields=("agency", "transfer_count", "accepted_on", "case_due", "routed_on", "ack_due"),
        payload={
            "from": before.pk,
            "from_name": before.name,
            "to": to.pk,
            "to_name": to.name,
            "reason": reason,
        },
    )
    return complaint


@transaction.atomic
def complaint_dispute(*, actor: Actor, complaint: Complaint, reason: str) -> Complaint:
    """提请转办争议: the receiving agency disputes its competence; the justice bureau settles it."""
    complaint = _handling(actor, complaint, "dispute")
    complaint.dispute_reason = _text(reason, "reason", "争议理由")
    MACHINE.move(
        complaint,
        "dispute",
        actor=actor,
        fields=("dispute_reason",),
        payload={"reason": complaint.dispute_reason},
    )
    return complaint


@transaction.atomic
def complaint_settle(*, actor: Actor, complaint: Complaint, agency: Agency | None, reason: str) -> Complaint:
    """裁定承办机关: the justice bureau names the competent agency, which thereby has accepted it."""
    complaint = _locked(actor, complaint, SETTLE)
    MACHINE.require(complaint, "settle")
    reason = _text(reason, "reason", "裁定理由")
    if agency is None:
        kit.refuse("agency", "请选择承办机关")
    if not agency.active:
        kit.refuse("agency", f"{agency.name}已撤销，不能承办")
    access.require_for_agency(actor, SETTLE, agency, f"{agency.name}不在本机关的监督范围内")
    before = complaint.agency
    complaint.agency = agency
    _accept(complaint)
    MACHINE.move(
        complaint,
        "settle",
        actor=actor,
        fields=("agency", "accepted_on", "case_due"),
        payload={"from": before.pk, "to": agency.pk, "to_name": agency.name, "reason": reason},
    )
    return complaint


@transaction.atomic
def complaint_handle(*, actor: Actor, complaint: Complaint, note: str) -> Complaint:
    """开始办理: what is being done (核查、调查)."""
    complaint = _handling(actor, complaint, "handle")
    complaint.progress = _text(note, "note", "办理情况")
    MACHINE.move(complaint, "handle", actor=actor, fields=("progress",), payload={"note": complaint.progress})
    return complaint


@transaction.atomic
def complaint_extend(*, actor: Actor, complaint: Complaint, workdays: int | None, reason: str) -> Complaint:
    """延长答复期限: once, with a reason, by at most the region's extension, before the reply is overdue."""
    complaint = _handling(actor, complaint, "extend")
    if complaint.extension_workdays:
        kit.refuse("status", "答复期限已延长过一次，不能再次延长")
    most = clocks.extension_workdays(complaint.region)
    if workdays is None or not 1 <= workdays <= most:
        kit.refuse("workdays", f"延长的工作日须在1至{most}之间")
    reason = _text(reason, "reason", "延期理由")
    if clocks.today() > complaint.reply_due:
        kit.refuse("status", f"答复期限已于{complaint.reply_due:%Y年%-m月%-d日}届满，不能再延长")
    before = complaint.reply_due
    complaint.extension_workdays, complaint.extension_reason = workdays, reason
    complaint.reply_due = clocks.reply_due(complaint.clock_from, complaint.region, workdays)
    kit.record(
        complaint,
        "complaint.extend",
        actor=actor,
        payload={
            "status": complaint.status,
            "workdays": workdays,
            "reason": reason,
            "from": before,
            "to": complaint.reply_due,
        },
    )
    complaint.save(update_fields=["extension_workdays", "extension_reason", "reply_due", "updated_at"])
    return complaint


@transaction.atomic
def complaint_reply(*, actor: Actor, complaint: Complaint, reply: str) -> Complaint:
    """答复: the answer the complainant reads (portal) and rates."""
    complaint = _handling(actor, complaint, "reply")
    complaint.reply = _text(reply, "reply", "答复内容")
    complaint.replied_on = clocks.today()
    complaint.replied_by = actor  # type: ignore[assignment]  # None: the system (demo, commands)
    MACHINE.move(
        complaint,
        "reply",
        actor=actor,
        fields=("reply", "replied_on", "replied_by"),
        payload={"reply": complaint.reply, "on_time": complaint.replied_on <= complaint.reply_due},
    )
    return complaint


@transaction.atomic
def complaint_rate(*, code: str, rating: str, wish: str = "", comment: str = "") -> Complaint:
    """评价 (好差评), by the complainant holding the tracking code: 满意/基本满意 closes the loop; 不满意
    reopens it or sends it to the justice bureau, as they ask."""
    found = by_code(code)
    if found is None:
        kit.refuse("code", "查询码不正确")
    complaint = kit.locked(COMPLAINTS, found, actor=None)
    kit.choice(rating, Rating, "rating", "评价")
    comment = _text(comment, "comment", "评价意见", required=False)
    if rating == Rating.UNSATISFIED:
        kit.choice(wish, Wish, "wish", "不满意时的诉求")
        variant = "reopen" if wish == Wish.REOPEN else "supervise"
    else:
        wish, variant = "", "satisfied"
    MACHINE.require(complaint, "rate", variant)
    complaint.rating, complaint.wish, complaint.rating_comment = rating, wish, comment
    complaint.rated_at = timezone.now()
    fields = ["rating", "wish", "rating_comment", "rated_at"]
    if variant == "reopen":
        complaint.clock_from = clocks.today()
        complaint.reply_due = clocks.reply_due(
            complaint.clock_from, complaint.region, complaint.extension_workdays
        )
        fields += ["clock_from", "reply_due"]
    MACHINE.move(complaint, "rate", actor=None, variant=variant, fields=tuple(fields),
                 payload={"rating": rating, "wish": wish, "comment": comment})  # fmt: skip
    return complaint


@transaction.atomic
def complaint_redo(*, actor: Actor, complaint: Complaint, opinion: str) -> Complaint:
    """责令重新办理: the justice bureau, on a 不满意 sent to it, orders the agency to handle it again."""
    complaint = _locked(actor, complaint, SETTLE)
    MACHINE.require(complaint, "redo")
    complaint.supervision_opinion = _text(opinion, "opinion", "监督意见")
    complaint.clock_from = clocks.today()
    complaint.reply_due = clocks.reply_due(
        complaint.clock_from, complaint.region, complaint.extension_workdays
    )
    MACHINE.move(complaint, "redo", actor=actor, fields=("supervision_opinion", "clock_from", "reply_due"),
                 payload={"opinion": complaint.supervision_opinion})  # fmt: skip
    return complaint


@transaction.atomic
def complaint_close(*, actor: Actor, complaint: Complaint, conclusion: str) -> Complaint:
    """办结: by the agency once rated (or the rating period has run), by the justice bureau after supervision."""
    if complaint.status == Status.SUPERVISING:
        complaint = _locked(actor, complaint, SETTLE)
        variant = "supervised"
    else:
        complaint = _handling(actor, complaint, "close", "handled")
        variant = "handled"
        if complaint.status == Status.REPLIED and not rating_window_over(complaint):
            assert complaint.replied_on is not None
            closes = clocks.rating_closes(complaint.replied_on, complaint.region)
            kit.refuse("status", f"投诉举报人可在{closes:%Y年%-m月%-d日}前评价答复，评价或期满后方可办结")
    MACHINE.require(complaint, "close", variant)
    complaint.conclusion = _text(conclusion, "conclusion", "办结意见")
    complaint.closed_on = clocks.today()
    MACHINE.move(complaint, "close", actor=actor, variant=variant, fields=("conclusion", "closed_on"),
                 payload={"conclusion": complaint.conclusion})  # fmt: skip
    return complaint


@transaction.atomic
def complaint_merge(*, actor: Actor, complaint: Complaint, into: Complaint | None) -> Complaint:
    """合并: a duplicate (same party or subject, same matter) is closed into the complaint it repeats."""
    complaint = _handling(actor, complaint, "merge")
    if into is None:
        kit.refuse("into", "请选择要并入的投诉举报")
    if into.pk == complaint.pk:
        kit.refuse("into", "不能并入自身")
    if not access.can(actor, "complaints.view_complaint", into):
        kit.refuse("into", "要并入的投诉举报不存在或您无权查看")
    if into.status == Status.CLOSED or into.merged_into_id:
        kit.refuse("into", f"{into.number}已办结，不能并入")
    complaint.merged_into = into
    complaint.conclusion = f"与{into.number}重复，已合并办理"
    complaint.closed_on = clocks.today()
    MACHINE.move(complaint, "merge", actor=actor, variant="merge", fields=("merged_into", "conclusion", "closed_on"),
                 payload={"into": into.pk, "into_number": into.number})  # fmt: skip
    return complaint


# ---- what a complaint leads to -----------------------------------------------------------------------


def _link_state(complaint: Complaint, field_name: str, label: str) -> None:
    if getattr(complaint, f"{field_name}_id"):
        kit.refuse("status", f"该投诉举报已{label}，不能重复")


@transaction.atomic
def complaint_open_case(
    *,
    actor: Actor,
    complaint: Complaint,
    party: cases.PartyInput,
    place: str = "",
    item_codes: Sequence[str] = (),
    supervisor: Officer | None = None,
) -> Complaint:
    """立案登记 from a complaint (source 投诉举报): the handling agency registers the clue as a case."""
    complaint = _locked(actor, complaint, HANDLE)
    _own(actor, complaint)
    if complaint.status not in (*IN_HAND, Status.REPLIED, Status.RATED):
        kit.refuse("status", "投诉举报受理后才能登记案件")
    _link_state(complaint, "case", "登记案件")
    codes = tuple(c for c in item_codes if c) or ((complaint.item_code,) if complaint.item_code else ())
    case = cases.case_intake(
        actor=actor,
        agency=complaint.agency,
        supervisor=supervisor,
        data=cases.IntakeInput(
            source=CaseSource.COMPLAINT,
            summary=complaint.title,
            discovered_on=clocks.today(),
            place=place or complaint.place,
            item_codes=codes,
            party=party,
            facts=complaint.content,
        ),
    )
    complaint.case = case
    complaint.save(update_fields=["case", "updated_at"])
    kit.record(
        complaint, "complaint.open_case", actor=actor, payload={"status": complaint.status, "case": case.pk}
    )
    return complaint


@transaction.atomic
def complaint_open_item(
    *, actor: Actor, complaint: Complaint, title: str = "", reason: str = ""
) -> Complaint:
    """立项监督: a 日常监督 of the handling agency about the complaint (supervision.actions)."""
    complaint = _locked(actor, complaint, "complaints.view_complaint")
    _link_state(complaint, "supervision_item", "立项监督")
    reason = _text(reason, "reason", "立项理由")
    (item,) = supervision_actions.item_open(
        actor=actor,
        data=supervision_actions.OpenInput(
            kind=SupervisionKind.ROUTINE,
            target_kind=TargetKind.AGENCY,
            agencies=[complaint.agency],
            title=(title or f"投诉举报{complaint.number}：{complaint.title}")[:200],
            reason=reason,
            source=complaint,  # the item's 来源 (supervision.actions.sources, registered in wiring.py)
        ),
    )
    complaint.supervision_item = item
    complaint.save(update_fields=["supervision_item", "updated_at"])
    kit.record(
        complaint, "complaint.open_item", actor=actor, payload={"status": complaint.status, "item": item.pk}
    )
    return complaint


@transaction.atomic
def complaint_open_oversight(
    *, actor: Actor, complaint: Complaint, ground: str, description: str, title: str = ""
) -> Complaint:
    """督办 (seed 002 (十五)) of the handling agency about the complaint (supervision.plans)."""
    complaint = _locked(actor, complaint, "complaints.view_complaint")
    _link_state(complaint, "oversight", "督办")
    oversight = oversight_services.oversight_open(
        actor=actor,
        title=(title or f"投诉举报{complaint.number}：{complaint.title}")[:200],
        ground=ground,
        description=description,
        agency=None if complaint.case_id else complaint.agency,
        case=complaint.case,
    )
    complaint.oversight = oversight
    complaint.save(update_fields=["oversight", "updated_at"])
    kit.record(complaint, "complaint.open_oversight", actor=actor,
               payload={"status": complaint.status, "oversight": oversight.pk})  # fmt: skip
    return complaint


@transaction.atomic
def complaint_link_case(*, actor: Actor, complaint: Complaint, case_number: str, note: str) -> Complaint:
    """关联已立案件: the handling agency opened a case for the same facts by other means (an inspection, a
    hand-off); linking it back stops the 有案不立 signal. Only a registered case of the handling agency
    itself, found by its number — a case of another agency is answered as a number the agency does not
    have — and only while the complaint has no case yet."""
    from zhifa.cases.models import Case

    from .choices import UNACCEPTED

    complaint = _locked(actor, complaint, HANDLE)
    _own(actor, complaint)
    if complaint.status in UNACCEPTED:
        kit.refuse("status", "投诉举报受理后才能关联案件")
    _link_state(complaint, "case", "关联案件")
    number = _text(case_number, "case_number", "案件编号")
    note = _text(note, "note", "关联说明")
    case = Case.objects.filter(agency_id=complaint.agency_id, number=number).first()
    if case is None:
        kit.refuse("case_number", f"{complaint.agency.name}没有案件编号为“{number}”的案件")
    complaint.case = case
    complaint.save(update_fields=["case", "updated_at"])
    kit.record(
        complaint,
        "complaint.link_case",
        actor=actor,
        payload={"status": complaint.status, "case": case.pk, "case_number": case.number, "note": note},
    )
    return complaint
