"""Writes of 联席会议 / 联合会商: the office convenes a meeting (agenda, attending departments), records its
minutes and decisions — each decision a task of an owner department with a deadline on the working-day
clock — and the owner reports it done. Every step recorded; on a refusal nothing is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhifa.collaboration.models import Meeting, MeetingDecision
from zhifa.collaboration.organisation.services import group_of
from zhifa.core import access, kit, workdays
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from . import clocks
from .choices import DecisionStatus, MeetingKind, MeetingStatus

VIEW = "collaboration.view_meeting"
MANAGE = "collaboration.manage_meeting"


def _text(value: str, name: str, label: str, limit: int | None = None) -> str:
    value = value.strip()
    if not value:
        kit.refuse(name, f"请填写{label}")
    if limit and len(value) > limit:
        kit.refuse(name, f"“{label}”最多{limit}个字")
    return value


@dataclass(frozen=True)
class MeetingInput:
    kind: str
    title: str
    held_on: date | None
    agenda: str
    attendees: Sequence[Agency]


@transaction.atomic
def meeting_convene(*, actor: Actor, data: MeetingInput) -> Meeting:
    """召集会议: by the leading group's office, for departments of its region."""
    if access.is_system(actor):
        kit.refuse("kind", "请以领导小组办公室的账号召集会议")
    if not actor.has_perm(MANAGE) or actor.agency is None:
        raise PermissionDenied("您无权召集联席会议或联合会商")
    group = group_of(actor.agency.region)
    if group is None or group.office_id != actor.agency_id:
        raise PermissionDenied("联席会议和联合会商由联合执法领导小组办公室召集")
    if data.kind not in MeetingKind.values:
        kit.refuse("kind", "请选择会议类型")
    title = _text(data.title, "title", "会议名称", 200)
    if data.held_on is None:
        kit.refuse("held_on", "请填写会议日期")
    if abs((data.held_on - clocks.today()).days) > 366:
        kit.refuse("held_on", "会议日期应在今天前后一年内")
    agenda = _text(data.agenda, "agenda", "议程")
    attendees = list(dict.fromkeys(data.attendees))
    if len(attendees) < 2:
        kit.refuse("attendees", "请选择至少两个参会部门")
    for agency in attendees:
        if not agency.active or not agency.region.path.startswith(group.region.path):
            kit.refuse("attendees", f"{agency.name}不是{group.region.name}的在用机关")
    meeting = Meeting.objects.create(
        region=group.region, office=group.office, kind=data.kind, title=title, held_on=data.held_on,
        agenda=agenda, created_by=actor,
    )  # fmt: skip
    meeting.attendees.set(attendees)
    kit.record(meeting, "collaboration.meeting.convene", actor=actor,
               payload={"status": meeting.status, "kind": data.kind, "title": title, "held_on": data.held_on,
                        "attendees": [a.name for a in attendees]})  # fmt: skip
    return meeting


@dataclass(frozen=True)
class DecisionInput:
    content: str
    owner: Agency | None
    workdays: int | None = None  # None: the default of clocks.decision_workdays()


@transaction.atomic
def meeting_record(
    *, actor: Actor, meeting: Meeting, minutes: str, decisions: Sequence[DecisionInput]
) -> Meeting:
    """记录会议纪要和议定事项: once, on or after the meeting day; each decision a task of an attending
    department due a number of working days after the meeting."""
    meeting = kit.locked(
        Meeting.objects.select_related("office", "region"), meeting, actor=actor, perm=MANAGE
    )
    if meeting.status != MeetingStatus.PLANNED:
        kit.refuse("status", "会议纪要已记录，不能重复记录")
    if clocks.today() < meeting.held_on:
        kit.refuse("minutes", f"会议定于{meeting.held_on:%Y年%m月%d日}召开，召开后才能记录纪要")
    meeting.minutes = _text(minutes, "minutes", "会议纪要")
    attending = set(meeting.attendees.values_list("pk", flat=True))
    rows = []
    for index, decision in enumerate(decisions, start=1):
        content = _text(decision.content, "decisions", f"第{index}项议定事项的内容")
        if decision.owner is None:
            kit.refuse("decisions", f"第{index}项议定事项请选择责任单位")
        if decision.owner.pk not in attending and decision.owner.pk != meeting.office_id:
            kit.refuse("decisions", f"第{index}项议定事项的责任单位{decision.owner.name}未参加本次会议")
        days = clocks.decision_workdays() if decision.workdays is None else decision.workdays
        if not 1 <= days <= clocks.MAX_WORKDAYS:
            kit.refuse("decisions", f"第{index}项议定事项的期限应为1至{clocks.MAX_WORKDAYS}个工作日")
        rows.append(
            MeetingDecision(
                meeting=meeting, content=content, owner=decision.owner, due_from=meeting.held_on,
                due_workdays=days, due_on=workdays.add_workdays(meeting.held_on, days),
            )
        )  # fmt: skip
    MeetingDecision.objects.bulk_create(rows)
    kit.move(meeting, MeetingStatus.HELD, actor=actor, action="collaboration.meeting.record", fields=("minutes",),
             payload={"decisions": [[r.content, r.owner.name, r.due_on] for r in rows]})  # fmt: skip
    return meeting


@transaction.atomic
def decision_complete(*, actor: Actor, decision: MeetingDecision, note: str = "") -> MeetingDecision:
    """报告落实: the owner department reports the decision carried out."""
    decision = kit.locked(MeetingDecision.objects.select_related("owner", "meeting"), decision, actor=actor,
                          perm=MANAGE)  # fmt: skip
    if decision.status != DecisionStatus.OPEN:
        kit.refuse("status", "该议定事项已落实")
    if not access.is_system(actor) and actor.agency_id != decision.owner_id:
        raise PermissionDenied(f"议定事项由责任单位{decision.owner.name}报告落实")
    decision.done_note = _text(note, "note", "落实情况")
    decision.done_at = timezone.now()
    overdue = clocks.today() > decision.due_on
    kit.move(decision, DecisionStatus.DONE, actor=actor, action="collaboration.decision.complete",
             fields=("done_note", "done_at"), payload={"note": decision.done_note, "overdue": overdue})  # fmt: skip
    return decision


def meetings_q(user) -> Q:
    """core.access grant: the meetings the user's agency attends."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None:
        return Q(pk__in=[])
    return Q(pk__in=Meeting.attendees.through.objects.filter(agency_id=agency_id).values("meeting_id"))


def decisions_q(user) -> Q:
    """core.access grant: the decisions of meetings the user's agency attends or convened."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None:
        return Q(pk__in=[])
    return Q(meeting__office_id=agency_id) | Q(
        meeting__in=Meeting.attendees.through.objects.filter(agency_id=agency_id).values("meeting_id")
    )
