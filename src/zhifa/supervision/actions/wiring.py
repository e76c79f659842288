"""How 监督事项 plugs into the product: role permissions, the menu, the 工作台 provider and the case
page's banner (a cases.panels panel). Called from SupervisionConfig.ready()."""


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.cases.panels import Panel
    from zhifa.cases.panels import register as register_panel
    from zhifa.core import workbench
    from zhifa.core.menu import MenuItem, register

    from .panels import case_banner
    from .transitions import REPLY, SUPERVISE, VIEW
    from .workbench import pending

    # supervisors (REGION scope: their region's subtree); the supervised agency sees its own items and its
    # leaders answer them
    grant(BUSINESS_ROLES, {VIEW})
    grant([RoleCode.SUPERVISOR], {SUPERVISE})
    grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {REPLY})
    register(MenuItem("执法监督", "监督事项", "supervision:action_list", VIEW, order=80))
    workbench.register(pending)
    register_panel(Panel("supervision/actions/_case_panel.html", case_banner, order=5))
