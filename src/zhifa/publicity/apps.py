from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "zhifa.publicity"
    label = "publicity"
    verbose_name = "行政执法公示"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant
        from zhifa.core import events, workbench
        from zhifa.core.menu import MenuItem, register

        from . import handlers
        from .workbench import pending

        events.subscribe("case.decided", handlers.on_case_decided)
        events.subscribe("case.decision_challenged", handlers.on_decision_challenged)
        events.subscribe("inspection.result_recorded", handlers.on_inspection_result)

        grant(BUSINESS_ROLES, {"publicity.view_disclosure", "publicity.view_annualreport"})
        grant(BUSINESS_ROLES, {"publicity.view_creditrepair"})  # 信用修复 (publicity.repair)
        # Officers and unit heads see and word the drafts; a legal reviewer or the agency head approves,
        # withholds and withdraws them and publishes the 统计年报. Supervisors (region scope) watch.
        grant(
            [RoleCode.OFFICER, RoleCode.UNIT_HEAD, RoleCode.LEGAL_REVIEWER, RoleCode.AGENCY_HEAD],
            {"publicity.draft_disclosure"},
        )
        grant(
            [RoleCode.LEGAL_REVIEWER, RoleCode.AGENCY_HEAD],
            {"publicity.approve_disclosure", "publicity.publish_annualreport"},
        )

        module = "执法公示"
        register(
            MenuItem(module, "公示管理", "publicity:list", "publicity.view_disclosure", order=70),
            MenuItem(module, "登记其他决定", "publicity:register", "publicity.draft_disclosure", order=71),
            MenuItem(module, "统计年报", "publicity:reports", "publicity.view_annualreport", order=72),
            MenuItem(
                module, "年报公开情况", "publicity:overdue_reports", "publicity.view_annualreport", order=73
            ),
            MenuItem(module, "信用修复", "publicity:credit_repairs", "publicity.view_creditrepair", order=74),
        )
        workbench.register(pending)

        from zhifa.core import deadlines as stored_deadlines

        from . import deadlines

        stored_deadlines.register(deadlines.DISCLOSURE_DUE)
