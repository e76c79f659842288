"""联席会议 / 联合会商 and the organisation at the service: the office convenes, decisions become tasks of
attending departments due on the working-day clock (a stored deadline), the owner reports them done, the
工作台 shows them; the leading group and liaisons are edited by the 司法局 or the office only."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.collaboration.meetings import services
from zhifa.collaboration.meetings.choices import DecisionStatus, MeetingKind, MeetingStatus
from zhifa.collaboration.meetings.workbench import pending
from zhifa.collaboration.models import MeetingDecision
from zhifa.collaboration.organisation import services as organisation
from zhifa.collaboration.organisation.choices import MemberRole
from zhifa.core import deadlines
from zhifa.core.models import Record

from .conftest import JointWrites

pytestmark = pytest.mark.django_db


def refused(call, field: str) -> str:
    writes = JointWrites()
    with pytest.raises(ValidationError) as error:
        call()
    assert writes.none, "nothing may be written on a refusal"
    return error.value.message_dict[field][0]


@pytest.fixture
def meeting(group, office_user, agencies, ecology):
    return services.meeting_convene(
        actor=office_user,
        data=services.MeetingInput(MeetingKind.JOINT_CONFERENCE, "联席会议（第一次）", date(2026, 3, 2),
                                   "通报联合执法情况", [agencies["east_market"], ecology]),
    )  # fmt: skip


def test_only_the_office_convenes(group, market_user, agencies, ecology):
    data = services.MeetingInput(
        MeetingKind.CONSULTATION, "会商", date(2026, 3, 2), "议程", [agencies["east_market"], ecology]
    )
    with pytest.raises(PermissionDenied, match="联席会议和联合会商由联合执法领导小组办公室召集"):
        services.meeting_convene(actor=market_user, data=data)


def test_decisions_become_tasks_due_on_the_working_day_clock(meeting, office_user, agencies, ecology):
    services.meeting_record(
        actor=office_user, meeting=meeting, minutes="明确了分工",
        decisions=[services.DecisionInput("梳理小作坊台账", agencies["east_market"], 15),
                   services.DecisionInput("提出排污整改标准", ecology, 3)],
    )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    rows = list(MeetingDecision.objects.order_by("pk").values_list("owner__name", "due_on", "due_workdays"))
    assert rows == [("东区市场监督管理局", date(2026, 3, 23), 15), ("东区生态环境局", date(2026, 3, 5), 3)]
    assert refused(lambda: services.meeting_record(actor=office_user, meeting=meeting, minutes="再记", decisions=[]),
                   "status") == "会议纪要已记录，不能重复记录"  # fmt: skip


def test_a_decision_of_a_department_not_attending_is_refused(meeting, office_user, transport):
    decision = services.DecisionInput("明确移交流程", transport, 5)
    assert (
        refused(
            lambda: services.meeting_record(
                actor=office_user, meeting=meeting, minutes="纪要", decisions=[decision]
            ),
            "decisions",
        )
        == "第1项议定事项的责任单位东区交通运输局未参加本次会议"
    )


def test_minutes_before_the_meeting_are_refused(meeting, office_user, today):
    today(date(2026, 3, 1))
    assert refused(lambda: services.meeting_record(actor=office_user, meeting=meeting, minutes="纪要", decisions=[]),
                   "minutes") == "会议定于2026年03月02日召开，召开后才能记录纪要"  # fmt: skip


def test_the_owner_reports_done_and_the_workbench_shows_overdue_and_done(
    meeting, office_user, ecology, ecology_user, market_user
):
    services.meeting_record(actor=office_user, meeting=meeting, minutes="纪要",
                            decisions=[services.DecisionInput("提出排污整改标准", ecology, 3)])  # fmt: skip
    decision = MeetingDecision.objects.get()
    (item,) = pending(ecology_user)
    assert (item.title, item.due, item.overdue) == (
        "联席会议（第一次）：提出排污整改标准（已逾期）",
        date(2026, 3, 5),
        True,
    )
    assert pending(market_user) == []
    with pytest.raises(PermissionDenied):
        services.decision_complete(actor=market_user, decision=decision, note="已完成")
    assert refused(
        lambda: services.decision_complete(actor=ecology_user, decision=decision, note=""), "note"
    ) == ("请填写落实情况")
    services.decision_complete(actor=ecology_user, decision=decision, note="标准已印发")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert [i.title for i in pending(ecology_user)] == [
        "联席会议（第一次）：提出排污整改标准（已落实，逾期完成）"
    ]
    assert Record.objects.filter(action="collaboration.decision.complete", agency=ecology).count() == 1


def test_the_decision_deadline_is_a_stored_deadline():
    assert ("collaboration.meetingdecision", "due_on") in {
        (d.model._meta.label_lower, d.field) for d in deadlines.registered()
    }


# ---- organisation ---------------------------------------------------------------------------------------


def test_the_group_is_set_up_by_the_justice_bureau(east, office, supervisor, market_user, leader_user):
    members = [organisation.MemberInput(MemberRole.LEADER, "王建国", "区政府副区长"),
               organisation.MemberInput(MemberRole.DEPUTY, "周敏", "区司法局副局长")]  # fmt: skip
    with pytest.raises(
        PermissionDenied, match="只有本地区司法局或联合执法领导小组办公室可以维护联合执法组织"
    ):
        organisation.group_save(
            actor=market_user, region=east, office=office, leader=leader_user, members=members
        )
    two = [*members, organisation.MemberInput(MemberRole.LEADER, "李四")]
    assert refused(lambda: organisation.group_save(actor=supervisor, region=east, office=office, leader=None,
                                                   members=two), "members") == "领导小组应当有且只有一名组长（县政府分管领导）"  # fmt: skip
    group = organisation.group_save(
        actor=supervisor, region=east, office=office, leader=leader_user, members=members
    )
    assert [(m.get_role_display(), m.name) for m in group.members.all()] == [
        ("组长", "王建国"),
        ("副组长", "周敏"),
    ]
    assert Record.objects.get(action="collaboration.group.save").agency == office


def test_a_liaison_is_named_by_the_office_with_a_phone(group, office_user, market_user, agencies):
    market = agencies["east_market"]
    assert refused(lambda: organisation.liaison_set(actor=office_user, agency=market, name="刘洋", phone="abc"),
                   "phone") == "联系电话格式不正确（7至20位数字，可含“-”）"  # fmt: skip
    with pytest.raises(PermissionDenied):
        organisation.liaison_set(actor=market_user, agency=market, name="刘洋", phone="0579-87110201")
    liaison = organisation.liaison_set(actor=office_user, agency=market, name="刘洋", phone="0579-87110201")
    assert (liaison.name, liaison.phone) == ("刘洋", "0579-87110201")
    assert Record.objects.get(action="collaboration.liaison.set").agency == market
