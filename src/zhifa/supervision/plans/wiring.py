"""How 监督计划、工作台账与督办 plugs into the product: role permissions, menu entries, 工作台 providers, panels, record labels.
Called from SupervisionConfig.ready()."""

from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
from zhifa.accounts.permissions import grant
from zhifa.cases.panels import register as register_case_panel
from zhifa.core import workbench
from zhifa.core.menu import MenuItem
from zhifa.core.menu import register as register_menu
from zhifa.core.panels import Panel

from .machine import (
    MANAGE_OVERSIGHT,
    MANAGE_PLAN,
    REPORT_LEDGER,
    REPORT_OVERSIGHT,
    VIEW_LEDGER,
    VIEW_OVERSIGHT,
    VIEW_PLAN,
)

MODULE = "执法监督"


def wire() -> None:
    # The justice bureau's 执法监督人员 plan, hand out and oversee (REGION scope: their region's subtree);
    # every agency sees its own ledger entries and the 督办 that concern it, and its heads report on them.
    grant([RoleCode.SUPERVISOR], {VIEW_PLAN, MANAGE_PLAN, MANAGE_OVERSIGHT, REPORT_LEDGER})
    grant(BUSINESS_ROLES, {VIEW_LEDGER, VIEW_OVERSIGHT})
    grant(
        [RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD, RoleCode.LEGAL_REVIEWER], {REPORT_LEDGER, REPORT_OVERSIGHT}
    )

    register_menu(
        MenuItem(MODULE, "监督计划", "supervision:plan_list", VIEW_PLAN, order=200),
        MenuItem(MODULE, "工作台账", "supervision:ledger_list", VIEW_LEDGER, order=201),
        MenuItem(MODULE, "台账汇总", "supervision:ledger_rollup", VIEW_PLAN, order=202),
        MenuItem(MODULE, "督办", "supervision:oversight_list", VIEW_OVERSIGHT, order=203),
    )

    from .workbench import pending

    workbench.register(pending)

    from .views import case_panel_context

    register_case_panel(Panel("supervision/plans/_case_panel.html", case_panel_context, order=40))

    from .selectors import grant_superiors_their_oversights

    grant_superiors_their_oversights()
