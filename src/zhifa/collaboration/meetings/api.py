"""/api/collaboration/meetings/ 联席会议与联合会商: the meetings the caller sees, one meeting with its
decisions, convening, recording the minutes and decisions, and reporting a decision done."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.collaboration.joint import choosing
from zhifa.core.params import Id

from . import selectors, services

router = Router(tags=["联席会议与联合会商"])


class DecisionOut(Schema):
    id: int
    content: str
    owner_id: Id
    owner_name: str
    due_on: date
    status: str
    status_label: str
    done_note: str
    done_at: datetime | None

    @staticmethod
    def resolve_owner_name(obj) -> str:
        return obj.owner.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class MeetingOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    held_on: date
    status: str
    status_label: str
    office_id: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class MeetingDetailOut(MeetingOut):
    agenda: str
    minutes: str
    attendees: list[str]
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_attendees(obj) -> list[str]:
        return [a.name for a in obj.attendees.all()]

    @staticmethod
    def resolve_decisions(obj) -> list:
        return list(obj.decisions.select_related("owner"))


class MeetingIn(Schema):
    kind: str
    title: str = Field(title="会议名称")
    held_on: date | None = None
    agenda: str = Field(title="议程")
    attendee_ids: list[Id] = Field([], title="参会部门")


class DecisionIn(Schema):
    content: str = Field(title="议定事项")
    owner_id: Id
    workdays: int | None = Field(None, ge=1, le=250)


class RecordIn(Schema):
    minutes: str = Field(title="会议纪要")
    decisions: list[DecisionIn] = []


class DoneIn(Schema):
    note: str = Field(title="落实情况")


@router.get("/", response=list[MeetingOut], summary="联席会议与联合会商列表")
@paginate
def meeting_list(request, q: str = "", kind: str = "", sort: Annotated[str, selectors.MEETING_SORTS] = ""):
    return selectors.meetings_visible_to(request.auth, q=q, kind=kind, sort=sort)


@router.post("/", response={201: MeetingDetailOut}, summary="召集联席会议或联合会商（领导小组办公室）")
def meeting_convene(request, data: MeetingIn):
    user = request.auth
    attendees = choosing.agencies(user, data.attendee_ids, "attendees")
    meeting = services.meeting_convene(
        actor=user,
        data=services.MeetingInput(data.kind, data.title, data.held_on, data.agenda, attendees),
    )
    return Status(201, meeting)


@router.get("/{int:meeting_id}", response=MeetingDetailOut, summary="会议详情")
def meeting_detail(request, meeting_id: int):
    return selectors.get_meeting(request.auth, meeting_id)


@router.post("/{int:meeting_id}/record", response=MeetingDetailOut, summary="记录会议纪要和议定事项")
def meeting_record(request, meeting_id: int, data: RecordIn):
    user = request.auth
    meeting = selectors.get_meeting(user, meeting_id)
    decisions = [
        services.DecisionInput(d.content, choosing.agency(user, d.owner_id, "decisions"), d.workdays)
        for d in data.decisions
    ]
    services.meeting_record(actor=user, meeting=meeting, minutes=data.minutes, decisions=decisions)
    return selectors.get_meeting(user, meeting_id)


@router.post(
    "/decisions/{int:decision_id}/complete", response=DecisionOut, summary="报告议定事项落实（责任单位）"
)
def decision_complete(request, decision_id: int, data: DoneIn):
    decision = selectors.get_decision(request.auth, decision_id)
    return services.decision_complete(actor=request.auth, decision=decision, note=data.note)
