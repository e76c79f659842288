from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    """典型案例 and 指导案例 (seed 001 §10, seed 002 (十四)): agencies propose closed cases with a write-up;
    the justice bureau selects or returns them and publishes the masked text on the portal."""

    name = "zhifa.guidance"
    label = "guidance"
    verbose_name = "典型案例"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant
        from zhifa.cases import panels as case_panels
        from zhifa.core import panels
        from zhifa.core.menu import MenuItem, register

        from . import wiring
        from .transitions import PROPOSE, SELECT, VIEW

        grant(BUSINESS_ROLES, {VIEW})
        grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {PROPOSE})
        grant([RoleCode.SUPERVISOR], {SELECT})
        register(MenuItem("执法监督", "典型案例", "guidance:list", VIEW, order=95))
        case_panels.register(panels.Panel("guidance/case_panel.html", wiring.case_panel, order=60))
        panels.register("public_item", panels.Panel("guidance/item_panel.html", wiring.item_panel, order=10))
