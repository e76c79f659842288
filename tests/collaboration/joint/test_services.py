"""联合执法 rules at the service: who may do what, the 5-day rule of a 专项 action, certified participants,
the split of findings into cases (the office deciding between two competent departments) and the hand-over
on the spot; every refusal with its reason and nothing written."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import AgencyFactory, CertificateFactory, OfficerFactory
from zhifa.cases.choices import CaseSource
from zhifa.collaboration.joint import selectors, services
from zhifa.collaboration.joint.choices import ActionStatus, FindingStatus, HandoverStatus
from zhifa.collaboration.models import BoundaryItem
from zhifa.collaboration.organisation import services as organisation
from zhifa.core.models import Record

from .conftest import JointWrites, finding_input, special

pytestmark = pytest.mark.django_db


def refused(call, field: str) -> str:
    writes = JointWrites()
    with pytest.raises(ValidationError) as error:
        call()
    assert writes.none, "nothing may be written on a refusal"
    return error.value.message_dict[field][0]


# ---- applying -------------------------------------------------------------------------------------------


def test_a_special_action_applied_five_days_ahead_waits_for_the_office(applied, agencies, ecology):
    assert applied.status == ActionStatus.APPLIED
    assert applied.applied_on == date(2026, 3, 6)
    assert applied.lead_agency == agencies["east_market"]
    assert [p.agency for p in applied.participants.order_by("pk")] == [agencies["east_market"], ecology]
    assert [t.content for t in applied.tasks.all()] == ["市场监管：查资质", "生态环境：查排污"]
    record = Record.objects.get(action="collaboration.joint.apply")
    assert record.agency == agencies["east_market"]


def test_a_special_action_applied_for_less_than_five_days_ahead_is_refused(
    group, agencies, catalogue, ecology, zhang, hu, market_user
):
    data = special(agencies, ecology, zhang, hu, starts_on=date(2026, 3, 10))
    message = refused(
        lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data), "starts_on"
    )
    assert message == (
        "专项联合执法应当提前5日向领导小组办公室提出申请（今天申请，开始日期2026年03月10日仅提前4日；"
        "武政发〔2021〕15号 四(一)2），情况紧急的请按应急联合执法报告"
    )


def test_a_special_action_needs_its_plan(group, agencies, catalogue, ecology, zhang, hu, market_user):
    data = special(agencies, ecology, zhang, hu, plan=" ")
    assert refused(lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data),
                   "plan") == "请填写联合执法方案"  # fmt: skip


def test_an_officer_without_a_valid_certificate_is_refused_by_name(
    group, agencies, catalogue, ecology, zhang, hu, market_user
):
    expired = OfficerFactory(agency=ecology, name="郭燕")
    CertificateFactory(
        officer=expired, number="HBZ0000001", issued_on=date(2020, 1, 1), expires_on=date(2026, 3, 1)
    )
    data = special(agencies, ecology, zhang, hu, officers=[zhang, hu, expired])
    message = refused(
        lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data), "officers"
    )
    assert message == "郭燕的行政执法证件HBZ0000001已于2026年3月1日过期，2026年3月11日无效，不能参加联合执法"


def test_every_department_sends_an_officer_of_its_own(
    group, agencies, catalogue, ecology, zhang, hu, market_user
):
    data = special(agencies, ecology, zhang, hu, officers=[zhang])
    assert refused(lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data),
                   "officers") == "东区生态环境局未派执法人员参加，请选择该部门的持证执法人员"  # fmt: skip
    stranger = OfficerFactory(agency=agencies["west_market"], name="赵磊")
    data = special(agencies, ecology, zhang, hu, officers=[zhang, hu, stranger])
    assert refused(lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data),
                   "officers") == "赵磊不是参与部门的人员，不能参加本次联合执法"  # fmt: skip


def test_a_joint_action_needs_a_leading_group_and_two_departments(
    agencies, catalogue, ecology, zhang, hu, market_user, east, office, leader_user
):
    data = special(agencies, ecology, zhang, hu, agencies=[], officers=[zhang])
    assert refused(lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data),
                   "lead_agency") == "东区尚未设立联合执法领导小组办公室，请先由司法局设立"  # fmt: skip
    organisation.group_save(actor=None, region=east, office=office, leader=leader_user,
                            members=[organisation.MemberInput("leader", "王建国")])  # fmt: skip
    assert refused(lambda: services.action_apply(actor=market_user, lead=agencies["east_market"], data=data),
                   "agencies") == "联合执法至少需要两个部门参加，请选择参与部门"  # fmt: skip


# ---- deciding -------------------------------------------------------------------------------------------


def test_only_the_office_approves(applied, market_user, office_user):
    with pytest.raises(PermissionDenied, match="只有领导小组办公室可以同意实施"):
        services.action_approve(actor=market_user, action=applied)
    services.action_approve(actor=office_user, action=applied, note="同意")
    applied.refresh_from_db()
    assert (applied.status, applied.decision_note, applied.decided_by) == (
        ActionStatus.DEPLOYED,
        "同意",
        office_user,
    )


def test_a_refusal_needs_its_reason(applied, office_user):
    assert refused(lambda: services.action_refuse(actor=office_user, action=applied, note=""), "note") == (
        "请填写不同意的理由"
    )
    services.action_refuse(actor=office_user, action=applied, note="方案未明确分工")
    applied.refresh_from_db()
    assert applied.status == ActionStatus.REFUSED
    assert refused(lambda: services.action_approve(actor=office_user, action=applied), "status") == (
        "联合执法行动当前为“不予同意”，不能同意实施（应为：待办公室审批）"
    )


def test_an_emergency_is_planned_by_the_office_and_approved_by_the_leader(
    group, agencies, catalogue, ecology, zhang, hu, market_user, office_user, leader_user
):
    data = special(agencies, ecology, zhang, hu, starts_on=date(2026, 3, 6), plan="")
    action = services.action_report(actor=market_user, lead=agencies["east_market"], data=data)
    assert action.status == ActionStatus.REPORTED
    assert refused(lambda: services.action_draft(actor=office_user, action=action, plan=""), "plan") == (
        "请填写联合执法方案"
    )
    services.action_draft(actor=office_user, action=action, plan="两部门立即赶赴现场")
    with pytest.raises(PermissionDenied, match="只有领导小组组长可以组长批准"):
        services.action_authorise(actor=office_user, action=action)
    services.action_authorise(actor=leader_user, action=action, note="同意")
    action.refresh_from_db()
    assert action.status == ActionStatus.DEPLOYED
    assert list(Record.objects.filter(subject_id=str(action.pk), subject_type="collaboration.jointaction")
                .values_list("action", flat=True)) == [
        "collaboration.joint.report", "collaboration.joint.draft", "collaboration.joint.authorise",
    ]  # fmt: skip


def test_a_routine_action_is_deployed_by_the_office_only(
    group, agencies, catalogue, ecology, zhang, hu, market_user, office_user
):
    data = special(agencies, ecology, zhang, hu, agencies=[agencies["east_market"], ecology])
    with pytest.raises(PermissionDenied, match="常规联合执法由领导小组办公室统一部署"):
        services.action_plan(actor=market_user, data=data)
    action = services.action_plan(actor=office_user, data=data)
    assert (action.status, action.lead_agency.name) == (ActionStatus.DEPLOYED, "东区综合行政执法局")


def test_an_action_starts_on_its_day(applied, office_user, market_user, today):
    services.action_approve(actor=office_user, action=applied)
    assert refused(lambda: services.action_start(actor=market_user, action=applied), "status") == (
        "行动定于2026年03月11日开始，尚未到开始日期"
    )
    today(date(2026, 3, 11))
    assert services.action_start(actor=market_user, action=applied).status == ActionStatus.ACTIVE


# ---- findings -------------------------------------------------------------------------------------------


def test_a_finding_is_split_into_a_case_of_each_competent_department(
    active, market_user, ecology_user, agencies, ecology
):
    finding = services.finding_record(
        actor=ecology_user, action=active, data=finding_input("SCJG-CF-001", "STHJ-CF-001")
    )
    shares = services.finding_split(actor=market_user, finding=finding)
    assert [(s.agency, s.item_codes, s.by_office) for s in shares] == [
        (agencies["east_market"], ["SCJG-CF-001"], False),
        (ecology, ["STHJ-CF-001"], False),
    ]
    finding.refresh_from_db()
    assert finding.status == FindingStatus.SPLIT
    market_share, ecology_share = shares
    with pytest.raises(PermissionDenied):  # seen by every participant, registered by its department only
        services.share_register(actor=market_user, share=ecology_share)
    services.share_register(actor=market_user, share=market_share)
    services.share_register(actor=ecology_user, share=ecology_share)
    market_share.refresh_from_db()
    ecology_share.refresh_from_db()
    assert (market_share.case.agency, market_share.case.source) == (agencies["east_market"], CaseSource.JOINT)
    assert (ecology_share.case.agency, ecology_share.case.party_name) == (ecology, "钱小军")
    assert list(ecology_share.case.items.values_list("code", flat=True)) == ["STHJ-CF-001"]
    assert refused(lambda: services.share_register(actor=ecology_user, share=ecology_share), "status") == (
        "该问题已由东区生态环境局登记为案件，不能重复登记"
    )


def test_two_competent_departments_the_office_decides(active, market_user, office_user, ecology):
    finding = services.finding_record(actor=market_user, action=active, data=finding_input("SCJG-CF-004"))
    assert refused(lambda: services.finding_split(actor=market_user, finding=finding), "decided") == (
        "事项SCJG-CF-004同属东区市场监督管理局、东区生态环境局的职能，由领导小组办公室协调确定（武政发〔2021〕15号 四(二)2）"
    )
    assert refused(lambda: services.finding_split(actor=office_user, finding=finding), "decided") == (
        "事项SCJG-CF-004同属东区市场监督管理局、东区生态环境局的职能，请确定由哪个部门立案查处"
    )
    (share,) = services.finding_split(actor=office_user, finding=finding, decided={"SCJG-CF-004": ecology})
    assert (share.agency, share.by_office) == (ecology, True)


def test_the_register_decides_competence_before_the_catalogue(
    active, market_user, office_user, ecology, east
):
    """SCJG-CF-004 is in both participants' catalogues; once the register says 东区市场监督管理局 transferred it to
    东区生态环境局 (standing in for a 综合行政执法部门), it is the latter's alone: no office decision is asked."""
    market = active.lead_agency
    BoundaryItem.objects.create(region=east, item_code="SCJG-CF-004", item_name="SCJG-CF-004", from_agency=market,
                                agency=ecology, transferred_on=date(2026, 1, 1), document="东编〔2026〕3号")  # fmt: skip
    finding = services.finding_record(actor=market_user, action=active, data=finding_input("SCJG-CF-004"))
    (share,) = services.finding_split(actor=market_user, finding=finding)
    assert (share.agency, share.item_codes, share.by_office) == (ecology, ["SCJG-CF-004"], False)
    # the department that handed the item over is no longer competent for it
    assert services.holders(["SCJG-CF-004"], [market], date(2026, 3, 11), east) == {"SCJG-CF-004": []}


def test_a_finding_outside_every_participant_is_handed_over_on_the_spot(
    active, market_user, transport, transport_user, ecology
):
    finding = services.finding_record(actor=market_user, action=active, data=finding_input("JTYS-CF-001"))
    assert refused(lambda: services.finding_split(actor=market_user, finding=finding), "item_codes") == (
        "事项JTYS-CF-001不属于参与部门的职权范围，请通知有权处理的部门到场交接（武政发〔2021〕15号 四(二)3）"
    )
    assert refused(
        lambda: services.finding_notify(actor=market_user, finding=finding, agency=ecology), "agency"
    ) == ("东区生态环境局是本次行动的参与部门，请直接分案")
    other = AgencyFactory(name="东区应急管理局", region=transport.region)
    assert refused(
        lambda: services.finding_notify(actor=market_user, finding=finding, agency=other), "agency"
    ) == ("东区应急管理局对事项JTYS-CF-001没有职权（执法事项清单、职责边界），不是有权处理的部门")
    handover = services.finding_notify(actor=market_user, finding=finding, agency=transport, note="请到场")
    assert selectors.get_action(transport_user, active.pk) == active  # the called department sees the action
    with pytest.raises(PermissionDenied):  # the caller sees the hand-over; the called department arrives
        services.handover_arrive(actor=market_user, handover=handover)
    services.handover_arrive(actor=transport_user, handover=handover)
    assert refused(lambda: services.handover_complete(actor=transport_user, handover=handover, note="已交接"),
                   "receiver") == "请填写接收人"  # fmt: skip
    services.handover_complete(
        actor=transport_user, handover=handover, receiver="高峰", note="车辆及当事人已移交"
    )
    handover.refresh_from_db()
    finding.refresh_from_db()
    assert (handover.status, finding.status) == (HandoverStatus.HANDED_OVER, FindingStatus.HANDED_OVER)
    assert list(Record.objects.filter(subject_type="collaboration.handover").values_list("action", flat=True)) == [
        "collaboration.handover.notify", "collaboration.handover.arrive", "collaboration.handover.complete",
    ]  # fmt: skip


def test_a_finding_with_a_wrong_id_number_is_refused(active, market_user):
    data = finding_input("SCJG-CF-001", party_id_number="330723198805060017")
    assert refused(lambda: services.finding_record(actor=market_user, action=active, data=data),
                   "party_id_number") == "身份证号码无效：校验位不正确"  # fmt: skip


def test_a_finding_dated_outside_the_action_is_refused(active, market_user):
    data = finding_input("SCJG-CF-001", found_on=date(2026, 3, 10))
    assert refused(
        lambda: services.finding_record(actor=market_user, action=active, data=data), "found_on"
    ) == ("发现日期应在行动期间（2026-03-11至2026-03-13）且不晚于今天")


# ---- who sees an action ---------------------------------------------------------------------------------


def test_participants_the_office_and_supervisors_see_an_action_others_get_404(
    applied, ecology_user, office_user, supervisor, transport_user, other_officer
):
    for user in (ecology_user, office_user, supervisor):
        assert selectors.get_action(user, applied.pk) == applied
    for user in (transport_user, other_officer):
        with pytest.raises(Http404):
            selectors.get_action(user, applied.pk)


def test_a_supervisor_sees_but_does_not_act(applied, supervisor):
    with pytest.raises(PermissionDenied):
        services.action_approve(actor=supervisor, action=applied)
