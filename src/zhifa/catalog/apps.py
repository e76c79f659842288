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
            },
        )
        # The agency's legal office drafts the list and its benchmarks; the head publishes them.
        grant([RoleCode.AGENCY_HEAD, RoleCode.LEGAL_REVIEWER], {"catalog.manage_catalog"})
        # A county department delegates; the county justice bureau evaluates (seed 002 §(七)).
        grant([RoleCode.AGENCY_HEAD, RoleCode.SUPERVISOR], {"catalog.manage_delegation"})
