"""How 监督事项 plugs into the product: role permissions, the menu, the 工作台 provider, the sources an item
is opened from (sources.py; those of earlier modules in source_kinds.py) and their banners: the case
page's (a cases.panels panel), a record's and an inspection's (core.panels slots "record", "inspection").
Called from SupervisionConfig.ready()."""


def wire() -> None:
    from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
    from zhifa.accounts.permissions import grant
    from zhifa.cases.panels import Panel
    from zhifa.cases.panels import register as register_panel
    from zhifa.core import panels, workbench
    from zhifa.core.menu import MenuItem, register
    from zhifa.core.models import Record
    from zhifa.inspections.models import Inspection, Task

    from . import source_kinds
    from .cards import cards
    from .panels import case_banner, source_banner
    from .transitions import REPLY, SUPERVISE, VIEW
    from .workbench import pending

    # supervisors (REGION scope: their region's subtree); the supervised agency sees its own items and its
    # leaders answer them
    grant(BUSINESS_ROLES, {VIEW})
    grant([RoleCode.SUPERVISOR], {SUPERVISE})
    grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {REPLY})
    register(MenuItem("执法监督", "监督事项", "supervision:action_list", VIEW, order=80))
    workbench.register(pending)
    workbench.register_cards(cards)
    register_panel(Panel("supervision/actions/_case_panel.html", case_banner, order=5))
    source_kinds.register()
    panels.register(
        "record", Panel("supervision/actions/_source_panel.html", source_banner(Record), order=10)
    )
    panels.register(
        "inspection", Panel("supervision/actions/_source_panel.html", source_banner(Inspection), order=10)
    )
    panels.register("task", Panel("supervision/actions/_source_panel.html", source_banner(Task), order=10))
