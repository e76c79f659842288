from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "案件办理"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant

        view = {"cases.view_case", "cases.view_evidence", "cases.view_casedocument"}
        grant(BUSINESS_ROLES, view)
        from zhifa.core import access

        access.read_down(view)  # a city department reads its county counterparts' cases (seed 002 (十三))
        # Officers and auxiliary staff work on cases (what each person may do inside a case is decided by
        # registry.selectors.allowed_case_roles); leaders approve 立案, extensions, decisions and closing.
        grant([RoleCode.OFFICER, RoleCode.AUXILIARY, RoleCode.UNIT_HEAD], {"cases.handle_case"})
        grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {"cases.approve_case"})

        from zhifa.core import annual, workbench
        from zhifa.core.menu import MenuItem, register

        from .cards import cards
        from .selectors import may_decide_on_spot
        from .workbench import pending

        module = "案件办理"
        register(
            MenuItem(module, "案件列表", "cases:case_list", "cases.view_case", order=50),
            MenuItem(module, "登记案件", "cases:case_intake", "cases.handle_case", order=51),
            MenuItem(
                module, "简易程序", "cases:simple_new", "cases.handle_case", order=52, show=may_decide_on_spot
            ),
            MenuItem(module, "陈述申辩期限", "cases:statement_period", "cases.approve_case", order=59),
        )
        workbench.register(pending)
        workbench.register_cards(cards)
        from .figures import annual_figures

        annual.register(annual_figures)

        from .evidence import services as evidence
        from .panels import Panel
        from .panels import register as register_panel

        register_panel(Panel("cases/evidence_panel.html", evidence.panel_context, order=10))
        register_panel(Panel("cases/documents_panel.html", order=20))

        from zhifa.core import panels as page_panels

        from .officer_file import handled_cases

        page_panels.register("officer", Panel("cases/officer_cases_panel.html", handled_cases, order=10))

        from zhifa.core import deadlines as stored_deadlines

        from . import deadlines

        stored_deadlines.register(deadlines.HEARING_REQUEST, deadlines.STATEMENT)
