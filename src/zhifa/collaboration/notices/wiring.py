"""How 抄告, 协助 and 行刑衔接 plug into the product: role permissions, menu entries, the view grants that let
the receiving agency see a hand-off, the 工作台 providers, stored deadlines, record labels, the case page's
移送 card, the "case.decided" subscriber that makes a penalty's 抄告, and the 不得以罚代刑 gates of cases.
Called from collaboration.wiring.wire()."""


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.cases import gates
    from zhifa.cases.panels import Panel
    from zhifa.cases.panels import register as register_panel
    from zhifa.collaboration.models import AssistanceRequest, Notice, SharingEntry
    from zhifa.core import access, deadlines, events, record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from ..assistance import deadlines as assistance_deadlines
    from ..assistance import transitions as assistance
    from ..assistance.workbench import pending as assistance_pending
    from ..referrals import deadlines as referral_deadlines
    from ..referrals import guards
    from ..referrals import transitions as referrals
    from ..referrals.panels import case_card
    from ..referrals.workbench import pending as referral_pending
    from . import deadlines as notice_deadlines
    from . import services, transitions
    from .parties import receiver_rule
    from .workbench import pending as notice_pending

    actors = [RoleCode.OFFICER, RoleCode.AUXILIARY, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD]
    grant(BUSINESS_ROLES, {transitions.VIEW, transitions.SHARING_VIEW, assistance.VIEW, referrals.VIEW})
    grant(actors, {transitions.HANDLE, assistance.HANDLE})
    grant([RoleCode.OFFICER, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {referrals.HANDLE})
    grant([RoleCode.AGENCY_HEAD], {referrals.APPROVE})
    access.grant_view(Notice, {transitions.VIEW}, receiver_rule("receiver"))
    access.grant_view(SharingEntry, {transitions.SHARING_VIEW}, receiver_rule("receiver"))
    access.grant_view(AssistanceRequest, {assistance.VIEW}, receiver_rule("helper"))
    register(
        MenuItem("协同执法", "抄告", "collaboration:notice_list", transitions.VIEW, order=30),
        MenuItem(
            "协同执法", "信息共享登记", "collaboration:sharing_list", transitions.SHARING_VIEW, order=31
        ),
        MenuItem("协同执法", "执法协助", "collaboration:assistance_list", assistance.VIEW, order=32),
        MenuItem("协同执法", "行刑衔接与移送", "collaboration:referral_list", referrals.VIEW, order=33),
    )
    workbench.register(notice_pending)
    workbench.register(assistance_pending)
    workbench.register(referral_pending)
    deadlines.register(
        *notice_deadlines.DEADLINES, *assistance_deadlines.DEADLINES, *referral_deadlines.DEADLINES
    )
    events.subscribe("case.decided", services.on_case_decided)
    gates.register(guards.no_fine_instead_of_transfer)
    gates.register_closing(guards.no_closing_with_fine_only)
    register_panel(Panel("collaboration/referrals/_case_panel.html", case_card, order=45))

    for action, label in LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)


LABELS = {
    "notice.create": "生成抄告",
    "notice.send": "抄告",
    "notice.acknowledge": "签收抄告",
    "sharing.register": "登记信息共享事项",
    "sharing.share": "登记信息共享",
    "assistance.request": "发送协助函",
    "assistance.receive": "签收协助函",
    "assistance.extend": "延期答复协助",
    "assistance.answer": "书面答复协助",
    "assistance.decline": "不予协助",
    "referral.report": "报请移送",
    "referral.receive": "接收反向移送",
    "referral.apply": "申请人民法院强制执行",
    "referral.approve": "批准移送",
    "referral.reject": "不批准移送",
    "referral.transfer": "移送",
    "referral.accept": "登记立案（受理）",
    "referral.not_file": "登记不予立案（不予受理）",
    "referral.return": "登记退回",
    "referral.conclude": "登记处理结果",
}
