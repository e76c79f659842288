from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "zhifa.registry"
    label = "registry"
    verbose_name = "执法主体与人员"

    def ready(self):
        from zhifa.accounts.choices import BUSINESS_ROLES, RoleCode
        from zhifa.accounts.permissions import grant

        view = {
            "registry.view_enforcementbody",
            "registry.view_officer",
            "registry.view_certificate",
            "registry.view_trainingrecord",
            "registry.view_assessment",
        }
        grant(BUSINESS_ROLES, view)
        # The agency's own leaders keep its staff records; the justice bureau issues certificates and
        # registers bodies for its whole region (core.access gives supervisors the region scope).
        grant([RoleCode.UNIT_HEAD, RoleCode.AGENCY_HEAD], {"registry.manage_officer"})
        grant([RoleCode.SUPERVISOR], {"registry.manage_certificate", "registry.manage_body"})

        from django.db.models import Q

        from zhifa.core import access, workbench

        from .models import EnforcementBody

        # 委托机关 answers for what its 受委托组织 does in its name: it reads that body (and is reminded before
        # the entrustment ends, notifications.events.entrustments_expiring)
        access.grant_view(
            EnforcementBody,
            ["registry.view_enforcementbody"],
            lambda user: Q(entrusting_agency_id=user.agency_id) if user.agency_id else Q(pk__in=[]),
        )
        from zhifa.core.menu import MenuItem, register

        from .workbench import pending

        module = "执法主体与人员"
        register(
            MenuItem(module, "执法人员", "registry:officer_list", "registry.view_officer", order=21),
            MenuItem(module, "执法证件", "registry:certificate_list", "registry.view_certificate", order=22),
            MenuItem(module, "执法主体", "registry:body_list", "registry.view_enforcementbody", order=23),
            MenuItem(module, "达标情况", "registry:compliance", "registry.view_officer", order=24),
            MenuItem(
                module,
                "Excel导入",
                "registry:import",
                ("registry.manage_officer", "registry.manage_certificate"),
                order=25,
            ),
        )
        workbench.register(pending)
