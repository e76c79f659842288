from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "双随机抽查"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant
        from zhifa.core import annual, workbench
        from zhifa.core.menu import MenuItem, register

        from .figures import annual_figures
        from .workbench import pending

        view = {
            "inspections.view_subject",
            "inspections.view_plan",
            "inspections.view_draw",
            "inspections.view_task",
            "inspections.view_inspection",
            "inspections.view_priorreport",
            "inspections.view_rating",
        }
        grant(BUSINESS_ROLES, view)
        # A city department reads its county counterparts' plans, draws, tasks and inspections (seed 002
        # (十三)); their subject directory and 事前报备 stay theirs.
        from zhifa.core import access

        access.read_down(
            {
                "inspections.view_plan",
                "inspections.view_draw",
                "inspections.view_task",
                "inspections.view_inspection",
            }
        )
        # Officers inspect and file 事前报备; the leaders keep the directory, plan and draw, and approve.
        grant([RoleCode.OFFICER, RoleCode.UNIT_HEAD], {"inspections.inspect"})
        grant(
            [RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD],
            {"inspections.manage_subject", "inspections.manage_plan", "inspections.approve_priorreport"},
        )

        module = "双随机抽查"
        register(
            MenuItem(module, "抽查计划", "inspections:plan_list", "inspections.view_plan", order=70),
            MenuItem(module, "检查任务", "inspections:task_list", "inspections.view_task", order=71),
            MenuItem(
                module, "检查记录", "inspections:inspection_list", "inspections.view_inspection", order=72
            ),
            MenuItem(
                module, "检查对象名录库", "inspections:subject_list", "inspections.view_subject", order=73
            ),
            MenuItem(
                module, "检查人员名录库", "inspections:inspector_list", "inspections.view_plan", order=74
            ),
            MenuItem(module, "随机抽查事项清单", "inspections:item_list", "inspections.view_plan", order=75),
            MenuItem(
                module, "涉企事前报备", "inspections:report_list", "inspections.view_priorreport", order=76
            ),
            MenuItem(module, "企业评价", "inspections:rating_list", "inspections.view_rating", order=77),
        )
        workbench.register(pending)
        annual.register(annual_figures)
