"""Every write of 抄告 and the 信息共享 register: one keyword-only function per user action, taking the actor.
Each locks its row, checks the side that acts (notices.parties: another agency 404, the other side refused),
the transition table and the rules, writes and records in the same transaction; a refusal writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.cases.choices import DecisionKind
from zhifa.catalog import penalties
from zhifa.catalog.choices import ItemCategory
from zhifa.catalog.models import EnforcementItem
from zhifa.collaboration.models import Notice, SharingEntry
from zhifa.core import access, kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from . import clocks, routing
from .choices import NoticeKind, NoticeStatus, ShareCategory, ShareMethod
from .parties import require_side
from .transitions import HANDLE, MACHINE, VIEW

NOTICES = Notice.objects.select_related("sender", "receiver")
APPROVAL_CATEGORIES = (ItemCategory.LICENSE, ItemCategory.CONFIRMATION)


def _text(value: str, field: str, label: str, *, limit: int | None = None, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        kit.refuse(field, f"请填写{label}")
    if limit and len(value) > limit:
        kit.refuse(field, f"“{label}”最多{limit}个字")
    return value


def _create(*, actor: Actor, payload: dict | None = None, **fields) -> Notice:
    notice = Notice.objects.create(status=NoticeStatus.PENDING, created_by=actor, **fields)
    kit.record(
        notice,
        "notice.create",
        actor=actor,
        payload={
            "status": notice.status,
            "kind": notice.kind,
            "receiver": notice.receiver_id,
            "decided_on": notice.decided_on,
            "due_on": notice.due_on,
            "urgent": notice.urgent,
            **(payload or {}),
        },
    )
    return notice


# ---- created automatically: a penalty of the 综合行政执法部门 -------------------------------------------------


def on_case_decided(*, case, decision, actor=None, **_) -> None:
    """core.events "case.decided": a 行政处罚 decided by a 综合行政执法部门 makes its 抄告 to the business
    department competent for it (seed 004 五(一): 最长不超过10个工作日). Runs in the decision's transaction."""
    if decision.kind != DecisionKind.PENALTY or not routing.is_comprehensive(case.agency):
        return
    due_on, days = clocks.notice_due(decision.decided_on, urgent=False)
    measures = "、".join(m.label for m in penalties.measures(decision))
    _create(
        actor=None,
        kind=NoticeKind.PENALTY,
        sender=case.agency,
        receiver=routing.competent_department(case),
        case=case,
        decision=decision,
        item=case.items.order_by("pk").first(),
        title=case.summary,
        number=decision.number,
        party=case.party_name,
        decided_on=decision.decided_on,
        content=f"作出行政处罚决定：{measures or '见决定书'}",
        due_on=due_on,
        due_workdays=days,
        payload={"case": case.pk, "decision": decision.pk},
    )


# ---- entered: an approval decision of a business department ---------------------------------------------


@dataclass(frozen=True)
class ApprovalInput:
    """录入审批决定抄告: the decision a business department made (行政许可、行政确认 …)."""

    title: str
    party: str
    decided_on: date | None
    number: str = ""
    item: EnforcementItem | None = None
    urgent: bool = False
    content: str = ""
    note: str = ""


@transaction.atomic
def notice_enter_approval(*, actor: Actor, agency: Agency, data: ApprovalInput) -> Notice:
    """录入审批决定并抄告: the agency's approval decision, told at once to the 综合行政执法部门 of its region.
    Due 10 working days after the decision (the day itself when urgent); a late one is recorded as late."""
    access.require_for_agency(actor, HANDLE, agency, "您无权为该机关录入审批决定")
    if routing.is_comprehensive(agency):
        kit.refuse("agency", f"{agency.name}是综合行政执法部门，审批决定抄告由业务主管部门录入")
    title = _text(data.title, "title", "决定事项", limit=200)
    party = _text(data.party, "party", "当事人", limit=128)
    number = _text(data.number, "number", "决定文号", limit=64, required=False)
    if data.decided_on is None:
        kit.refuse("decided_on", "请填写决定日期")
    if data.decided_on > clocks.today():
        kit.refuse("decided_on", "决定日期不能晚于今天")
    item = data.item
    if item is not None and (item.version.agency_id != agency.pk or item.category not in APPROVAL_CATEGORIES):
        kit.refuse("item", f"事项{item.code}（{item.name}）不是本机关的行政许可或行政确认事项")
    receiver = routing.comprehensive_agency_of(agency, [item.code] if item is not None else [])
    if receiver is None:
        kit.refuse("agency", f"{agency.name}所在区划没有综合行政执法部门，无需抄告")
    due_on, days = clocks.notice_due(data.decided_on, data.urgent)
    notice = _create(
        actor=actor,
        kind=NoticeKind.APPROVAL,
        sender=agency,
        receiver=receiver,
        item=item,
        title=title,
        number=number,
        party=party,
        decided_on=data.decided_on,
        urgent=data.urgent,
        content=data.content.strip(),
        due_on=due_on,
        due_workdays=days,
    )
    _send(notice, actor=actor, note=data.note.strip())
    return notice


# ---- 抄告 and 签收 ----------------------------------------------------------------------------------------


def _send(notice: Notice, *, actor: Actor, note: str) -> None:
    today = clocks.today()
    notice.sent_at, notice.sent_by, notice.note = timezone.now(), actor, note
    notice.ack_due = clocks.ack_due(today)
    late = today > notice.due_on
    MACHINE.move(
        notice,
        "send",
        actor=actor,
        fields=("sent_at", "sent_by", "note", "ack_due", "receiver"),
        payload={"receiver": notice.receiver_id, "ack_due": notice.ack_due, "late": late},
    )
    category = ShareCategory.DECISIONS if notice.kind == NoticeKind.APPROVAL else ShareCategory.PENALTIES
    assert notice.receiver is not None
    _shared(actor, notice.sender, notice.receiver, category, ShareMethod.NOTICE, today)


@transaction.atomic
def notice_send(*, actor: Actor, notice: Notice, receiver: Agency | None = None, note: str = "") -> Notice:
    """抄告: the sender sends it (choosing the receiver when none was found), with an optional note."""
    notice = kit.locked(NOTICES, notice, actor=None)
    require_side(
        actor, notice, view=VIEW, perm=HANDLE, agency_id=notice.sender_id, who="抄告机关", act="抄告"
    )
    MACHINE.require(notice, "send")
    if receiver is not None:
        if receiver.pk == notice.sender_id or not receiver.active:
            kit.refuse("receiver", "请选择其他有效的机关作为接收机关")
        notice.receiver = receiver
    if notice.receiver is None:
        kit.refuse("receiver", "未能确定主管该事项的业务部门，请选择接收机关")
    _send(notice, actor=actor, note=_text(note, "note", "抄告说明", required=False, limit=500))
    return notice


@transaction.atomic
def notice_acknowledge(*, actor: Actor, notice: Notice) -> Notice:
    """签收: only the receiving agency (a third agency never sees it: 404; the sender or a supervisor is
    refused)."""
    notice = kit.locked(NOTICES, notice, actor=None)
    require_side(
        actor, notice, view=VIEW, perm=HANDLE, agency_id=notice.receiver_id, who="接收机关", act="签收抄告"
    )
    MACHINE.require(notice, "acknowledge")
    notice.acknowledged_at, notice.acknowledged_by = timezone.now(), actor
    late = notice.ack_due is not None and clocks.today() > notice.ack_due
    MACHINE.move(
        notice,
        "acknowledge",
        actor=actor,
        fields=("acknowledged_at", "acknowledged_by"),
        payload={"late": late},
    )
    return notice


# ---- 信息共享登记 -------------------------------------------------------------------------------------------


def _shared(
    actor: Actor, provider: Agency, receiver: Agency, category: str, method: str, on: date
) -> SharingEntry:
    entry = (
        SharingEntry.objects.select_for_update()
        .filter(provider=provider, receiver=receiver, category=category, method=method)
        .first()
    )
    if entry is None:
        entry = SharingEntry.objects.create(
            provider=provider, receiver=receiver, category=category, method=method,
            content=ShareCategory(category).label,
        )  # fmt: skip
    entry.last_shared_on, entry.times = on, entry.times + 1
    entry.save(update_fields=["last_shared_on", "times", "updated_at"])
    kit.record(entry, "sharing.share", actor=actor, payload={"on": on, "times": entry.times})
    return entry


@dataclass(frozen=True)
class SharingInput:
    receiver: Agency | None
    category: str
    method: str
    content: str
    frequency: str = ""


@transaction.atomic
def sharing_register(*, actor: Actor, agency: Agency, data: SharingInput) -> SharingEntry:
    """登记共享事项: what `agency` shares with whom and how (seed 004 五(一) 1–7)."""
    access.require_for_agency(actor, HANDLE, agency, "您无权为该机关登记共享事项")
    if data.receiver is None or data.receiver.pk == agency.pk or not data.receiver.active:
        kit.refuse("receiver", "请选择共享对象（本机关以外的有效机关）")
    if data.category not in ShareCategory.values:
        kit.refuse("category", "请选择共享内容类别")
    if data.method not in ShareMethod.values:
        kit.refuse("method", "请选择共享方式")
    content = _text(data.content, "content", "共享内容", limit=200)
    frequency = _text(data.frequency, "frequency", "共享频次", limit=64, required=False)
    if SharingEntry.objects.filter(
        provider=agency, receiver=data.receiver, category=data.category, method=data.method
    ).exists():
        kit.refuse("category", "该共享事项已登记")
    entry = SharingEntry.objects.create(
        provider=agency, receiver=data.receiver, category=data.category, method=data.method,
        content=content, frequency=frequency,
    )  # fmt: skip
    kit.record(entry, "sharing.register", actor=actor, payload={"receiver": data.receiver.pk,
               "category": data.category, "method": data.method})  # fmt: skip
    return entry


@transaction.atomic
def sharing_record(*, actor: Actor, entry: SharingEntry, on: date | None) -> SharingEntry:
    """登记一次共享: the provider records that it shared on `on` (not in the future)."""
    entry = kit.locked(
        SharingEntry.objects.select_related("provider", "receiver"), entry, actor=actor, perm=HANDLE
    )
    if on is None:
        kit.refuse("on", "请填写共享日期")
    if on > clocks.today():
        kit.refuse("on", "共享日期不能晚于今天")
    if entry.last_shared_on and on < entry.last_shared_on:
        kit.refuse("on", f"共享日期不能早于最近一次共享（{entry.last_shared_on:%Y-%m-%d}）")
    entry.last_shared_on, entry.times = on, entry.times + 1
    entry.save(update_fields=["last_shared_on", "times", "updated_at"])
    kit.record(entry, "sharing.share", actor=actor, payload={"on": on, "times": entry.times})
    return entry
