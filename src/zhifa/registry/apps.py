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
        # 执法领域 is the instance's reference list: everyone reads it, the 系统管理员 keeps it (a county's
        # admin read-only: registry.services.may_keep_fields)
        from .services import ADD_FIELD, CHANGE_FIELD, VIEW_FIELD

        grant([*BUSINESS_ROLES, RoleCode.SYSTEM_ADMIN], {VIEW_FIELD})
        grant([RoleCode.SYSTEM_ADMIN], {ADD_FIELD, CHANGE_FIELD})

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
        register(MenuItem("系统管理", "执法领域", "registry:field_list", CHANGE_FIELD, order=954))
        from zhifa.core import record_labels

        for action, label in {
            "registry_field.create": "新增执法领域",
            "registry_field.update": "修改执法领域",
            "registry_field.deactivate": "停用执法领域",
            "registry_field.activate": "启用执法领域",
        }.items():
            record_labels.ACTIONS.setdefault(action, label)
        workbench.register(pending)
