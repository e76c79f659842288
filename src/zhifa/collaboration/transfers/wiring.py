"""How 案件移送, 管辖争议 and the 职责边界 register plug into the product: role permissions, the receivers'
view grant, the menu, the 工作台 provider, stored deadlines, record labels, the case page's panel.
Called from collaboration.wiring.wire()."""

RECORD_LABELS = {
    "transfer.create": "登记案件移送",
    "transfer.approve": "批准移送并发出移送函",
    "transfer.withdraw": "撤回案件移送",
    "transfer.acknowledge": "签收移送案件（核验证据）",
    "transfer.accept": "接收移送案件",
    "transfer.refuse": "拒收移送案件",
    "transfer.keep": "移送被拒后自行办理",
    "transfer.dispute": "提请管辖争议",
    "transfer.decide": "录入管辖争议决定",
    "case.transferred": "案件已移送",
    "case.transfer_received": "接收移送立案登记",
    "boundary.add": "登记划转事项（职责边界）",
    "boundary.end": "终止划转事项",
}


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.cases.panels import Panel
    from zhifa.cases.panels import register as register_panel
    from zhifa.core import deadlines, record_labels, workbench
    from zhifa.core.menu import MenuItem, register

    from ..boundaries.selectors import MANAGE
    from ..boundaries.selectors import VIEW as VIEW_BOUNDARY
    from .deadlines import DEADLINES
    from .panels import case_panel
    from .selectors import grant_receivers
    from .transitions import APPROVE, DECIDE, RECEIVE, SEND, VIEW
    from .workbench import pending

    # the agency's officers register a transfer and answer one sent to it; its leaders approve (seed 004
    # 五(三)2: 经部门领导批准); the justice bureau's supervisors (REGION scope) see the region's transfers
    # and record dispute decisions
    grant(BUSINESS_ROLES, {VIEW, "collaboration.view_dispute", VIEW_BOUNDARY})
    grant([RoleCode.OFFICER, RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {SEND, RECEIVE})
    grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {APPROVE})
    grant([RoleCode.SUPERVISOR], {DECIDE, MANAGE})
    grant([RoleCode.AGENCY_HEAD], {MANAGE})
    grant_receivers()
    register(
        MenuItem("协同执法", "案件移送", "collaboration:transfer_list", VIEW, order=34),
        MenuItem("协同执法", "登记移送", "collaboration:transfer_new", SEND, order=35),
        MenuItem("协同执法", "职责边界", "collaboration:boundary_list", VIEW_BOUNDARY, order=36),
    )
    workbench.register(pending)
    deadlines.register(*DEADLINES)
    register_panel(Panel("collaboration/transfers/_case_panel.html", case_panel, order=40))
    for action, label in RECORD_LABELS.items():
        record_labels.ACTIONS.setdefault(action, label)
