"""How 联合执法, its organisation and the meetings plug into the product: role permissions, view grants
(participants and the office see an action; every department its group and liaisons; attendees a
meeting), the menu, the 工作台 providers, the stored deadline of meeting decisions, record labels."""

RECORD_LABELS = {
    "collaboration.group.save": "设立或调整联合执法领导小组",
    "collaboration.liaison.set": "指定联络员",
    "collaboration.joint.plan": "部署常规联合执法",
    "collaboration.joint.apply": "申请专项联合执法",
    "collaboration.joint.report": "报告应急联合执法",
    "collaboration.joint.approve": "同意实施联合执法",
    "collaboration.joint.refuse": "不同意实施联合执法",
    "collaboration.joint.draft": "拟定应急联合执法方案",
    "collaboration.joint.authorise": "组长批准应急联合执法",
    "collaboration.joint.start": "开始实施联合执法",
    "collaboration.joint.find": "记录联合执法发现的问题",
    "collaboration.joint.split": "联合执法问题分案",
    "collaboration.joint.finish": "结束联合执法",
    "collaboration.joint.share_register": "联合执法分案立案",
    "collaboration.handover.notify": "通知有权部门到场交接",
    "collaboration.handover.arrive": "有权部门到场",
    "collaboration.handover.complete": "办理现场交接",
    "collaboration.meeting.convene": "召集联席会议或联合会商",
    "collaboration.meeting.record": "记录会议纪要和议定事项",
    "collaboration.decision.complete": "报告议定事项落实",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.collaboration.meetings import services as meetings
    from zhifa.collaboration.meetings.workbench import pending as meeting_pending
    from zhifa.collaboration.models import (
        FindingShare,
        GroupMember,
        Handover,
        JointAction,
        LeadingGroup,
        Liaison,
        Meeting,
        MeetingDecision,
    )
    from zhifa.collaboration.organisation import selectors as organisation
    from zhifa.collaboration.organisation.services import ORGANISE
    from zhifa.core import access, deadlines, record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from .deadlines import DEADLINES
    from .services import visible_q
    from .transitions import MANAGE, VIEW
    from .workbench import pending

    acting = [RoleCode.OFFICER, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD]
    views = {
        VIEW,
        "collaboration.view_findingshare",
        "collaboration.view_handover",
        "collaboration.view_leadinggroup",
        "collaboration.view_groupmember",
        "collaboration.view_liaison",
        meetings.VIEW,
        "collaboration.view_meetingdecision",
    }
    grant(BUSINESS_ROLES, views)
    grant(acting, {MANAGE, meetings.MANAGE, ORGANISE})
    grant([RoleCode.SUPERVISOR], {ORGANISE})
    access.grant_view(JointAction, {VIEW}, visible_q)
    access.grant_view(
        FindingShare, {"collaboration.view_findingshare"}, lambda u: visible_q(u, "finding__action")
    )
    access.grant_view(Handover, {"collaboration.view_handover"}, lambda u: visible_q(u, "finding__action"))
    access.grant_view(LeadingGroup, {"collaboration.view_leadinggroup"}, organisation.groups_q)
    access.grant_view(GroupMember, {"collaboration.view_groupmember"}, lambda u: visible_group_members(u))
    access.grant_view(Liaison, {"collaboration.view_liaison"}, organisation.liaisons_q)
    access.grant_view(Meeting, {meetings.VIEW}, meetings.meetings_q)
    access.grant_view(MeetingDecision, {"collaboration.view_meetingdecision"}, meetings.decisions_q)
    register(
        MenuItem("协同执法", "联合执法", "collaboration:joint_list", VIEW, order=10),
        MenuItem("协同执法", "联席会议与会商", "collaboration:meeting_list", meetings.VIEW, order=20),
        MenuItem(
            "协同执法",
            "领导小组与联络员",
            "collaboration:organisation",
            "collaboration.view_liaison",
            order=30,
        ),
    )
    workbench.register(pending)
    workbench.register(meeting_pending)
    deadlines.register(*DEADLINES)
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)


def visible_group_members(user):
    from django.db.models import Q

    from zhifa.collaboration.models import LeadingGroup
    from zhifa.collaboration.organisation import selectors as organisation

    return Q(group__in=LeadingGroup.objects.filter(organisation.groups_q(user)).values("pk"))
