from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "zhifa.catalog"
    label = "catalog"
    verbose_name = "执法事项与裁量基准"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant

        grant(
            BUSINESS_ROLES,
            {
                "catalog.view_catalogversion",
                "catalog.view_enforcementitem",
                "catalog.view_delegation",
                "catalog.view_orgunit",
                "catalog.view_dutyassignment",
                "catalog.view_benchmarkevaluation",
                "catalog.view_versionreview",
            },
        )
        # The agency's legal office drafts the list and its benchmarks; the head publishes them.
        grant([RoleCode.AGENCY_HEAD, RoleCode.LEGAL_REVIEWER], {"catalog.manage_catalog"})
        # 清单审核 (seed 003 二(一)2): the county justice bureau's supervisors review the 行政执法事项清单, the
        # county market regulator's head the 随机抽查事项清单. The services also require the reviewer's
        # own agency, so a supervisor's region scope does not make another agency's review theirs.
        grant([RoleCode.SUPERVISOR, RoleCode.AGENCY_HEAD], {"catalog.approve_version"})
        # A county department delegates; the county justice bureau evaluates (seed 002 §(七)).
        grant([RoleCode.AGENCY_HEAD, RoleCode.SUPERVISOR], {"catalog.manage_delegation"})

        from zhifa.core import workbench
        from zhifa.core.menu import MenuItem, register

        from .workbench import pending

        module = "执法事项与裁量基准"
        register(
            MenuItem(module, "清单版本", "catalog:version_list", "catalog.view_catalogversion", order=41),
            MenuItem(module, "编制草稿", "catalog:draft", "catalog.manage_catalog", order=42),
            MenuItem(module, "清单审核", "catalog:review_list", "catalog.approve_version", order=42),
            MenuItem(module, "执法事项", "catalog:item_list", "catalog.view_enforcementitem", order=43),
            MenuItem(module, "裁量计算器", "catalog:calculator", "catalog.view_enforcementitem", order=44),
            MenuItem(
                module,
                "基准评估",
                "catalog:benchmark_evaluations",
                "catalog.view_benchmarkevaluation",
                order=45,
            ),
            MenuItem(module, "赋权乡镇", "catalog:delegation_list", "catalog.view_delegation", order=46),
            MenuItem(module, "岗位职权", "catalog:duties", "catalog.view_dutyassignment", order=47),
            MenuItem(module, "流程图", "catalog:flowcharts", "catalog.view_catalogversion", order=48),
            MenuItem(module, "Excel导入", "catalog:import", "catalog.manage_catalog", order=49),
        )
        workbench.register(pending)
