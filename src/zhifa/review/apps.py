from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "zhifa.review"
    label = "review"
    verbose_name = "法制审核"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant
        from zhifa.cases import gates
        from zhifa.cases.panels import Panel
        from zhifa.cases.panels import register as register_panel
        from zhifa.core import annual, workbench
        from zhifa.core.menu import MenuItem, register

        from .cards import cards
        from .figures import annual_figures
        from .gate import require_passed_review
        from .workbench import pending

        grant(BUSINESS_ROLES, {"review.view_review"})
        from zhifa.core import access

        access.read_down({"review.view_review"})  # and its figures: a city department's county counterparts
        grant([RoleCode.OFFICER, RoleCode.UNIT_HEAD], {"review.submit_review"})
        grant([RoleCode.LEGAL_REVIEWER], {"review.give_opinion"})
        grant([RoleCode.AGENCY_HEAD], {"review.resolve_dispute"})
        grant([RoleCode.SUPERVISOR], {"review.coordinate_pool"})
        gates.register(require_passed_review)
        register_panel(Panel("review/_case_panel.html", order=30))  # the case page's 法制审核 card
        annual.register(annual_figures)
        workbench.register(pending)
        workbench.register_cards(cards)
        from .selectors import grant_reviewers_the_case_materials

        grant_reviewers_the_case_materials()
        module = "法制审核"
        register(
            MenuItem(module, "法制审核", "review:review_list", "review.view_review", order=60),
            MenuItem(
                module,
                "审核统计",
                "review:review_stats",
                ("review.view_review", "review.coordinate_pool"),
                order=61,
            ),
            MenuItem(module, "协作库", "review:pool", "review.coordinate_pool", order=62),
        )

        from zhifa.core import deadlines as stored_deadlines

        from . import deadlines

        stored_deadlines.register(deadlines.REVIEW_DUE, deadlines.ROUND_DUE)

        from zhifa.core import panels as page_panels

        from .officer_file import opinions_given

        page_panels.register("officer", Panel("review/officer_opinions_panel.html", opinions_given, order=20))
