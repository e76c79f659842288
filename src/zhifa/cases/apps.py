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
        # Officers and auxiliary staff work on cases (what each person may do inside a case is decided by
        # registry.selectors.allowed_case_roles); leaders approve 立案, extensions, decisions and closing.
        grant([RoleCode.OFFICER, RoleCode.AUXILIARY, RoleCode.UNIT_HEAD], {"cases.handle_case"})
        grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {"cases.approve_case"})
