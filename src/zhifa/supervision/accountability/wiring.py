"""How 责任追究 plugs into the product: role permissions, the menu, the 工作台 provider and the 责任追究
card of the officer's 执法档案 (a core.panels panel). Called from SupervisionConfig.ready()."""


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.core import panels, workbench
    from zhifa.core.menu import MenuItem, register

    from .selectors import proceedings_of_officer
    from .transitions import PURSUE, VIEW
    from .workbench import pending

    # supervisors act on their region's subtree; an agency's people see its own officers' proceedings
    grant(BUSINESS_ROLES, {VIEW})
    grant([RoleCode.SUPERVISOR], {PURSUE})
    register(MenuItem("执法监督", "责任追究", "supervision:accountability_list", VIEW, order=140))
    workbench.register(pending)
    panels.register(
        "officer",
        panels.Panel("supervision/accountability/_officer_panel.html", proceedings_of_officer, order=30),
    )
