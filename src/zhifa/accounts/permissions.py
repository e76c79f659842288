"""What each role may do, and over which jurisdiction.

Permissions are Django permission strings ("app.codename"), so templates (`perms.core.view_agency`) and
the admin understand them. Each role also has a scope for core.access: business roles act on their own
agency; 执法监督人员 and the 三员 on every agency in their region's subtree. Apps that land later add
their permissions with `grant()` from their AppConfig.ready().
"""

from collections import defaultdict

from django.core.exceptions import ValidationError

from zhifa.core.access import Scope

from .choices import ADMIN_ROLES, BUSINESS_ROLES, RoleCode

ROLE_SCOPE: dict[str, Scope] = {
    **{role: Scope.AGENCY for role in BUSINESS_ROLES},
    RoleCode.SUPERVISOR: Scope.REGION,
    RoleCode.SYSTEM_ADMIN: Scope.REGION,
    RoleCode.SECURITY_ADMIN: Scope.REGION,
    RoleCode.AUDIT_ADMIN: Scope.REGION,
}

ROLE_PERMISSIONS: dict[str, set[str]] = defaultdict(set)


def grant(roles, permissions) -> None:
    """Give `permissions` to each of `roles` (called at start-up, never per request)."""
    for role in roles:
        ROLE_PERMISSIONS[role].update(permissions)


def permissions_of(role_codes) -> frozenset[str]:
    return frozenset().union(*(ROLE_PERMISSIONS[code] for code in role_codes)) if role_codes else frozenset()


def validate_role_set(role_codes) -> None:
    """三员分立: an admin role excludes the other admin roles and every business role."""
    codes = set(role_codes)
    admin = codes & ADMIN_ROLES
    if len(admin) > 1 or (admin and codes - ADMIN_ROLES):
        labels = "、".join(RoleCode(code).label for code in sorted(codes))
        raise ValidationError(
            {
                "roles": f"三员分立：系统管理员、安全管理员、审计管理员互斥，且不得兼任业务角色（当前：{labels}）"
            }
        )


_VIEW_ORG = {"core.view_agency", "core.view_region"}

grant(BUSINESS_ROLES, _VIEW_ORG | {"accounts.use_api_token"})
grant(
    [RoleCode.SYSTEM_ADMIN],
    _VIEW_ORG
    | {
        "core.add_agency",
        "core.change_agency",
        "core.add_region",
        "core.change_region",
        "core.view_holidayoverride",
        "core.add_holidayoverride",
        "core.change_holidayoverride",
        "core.delete_holidayoverride",
        "core.view_numberformat",
        "core.add_numberformat",
        "core.change_numberformat",
        "core.delete_numberformat",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.use_api_token",
    },
)
grant(
    [RoleCode.SECURITY_ADMIN],
    {
        "accounts.view_user",
        "accounts.assign_roles",
        "accounts.approve_password_reset",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    },
)
grant(
    [RoleCode.AUDIT_ADMIN],
    # The record log's who/what/when (never its payload: core.views.record_detail) and the audit log
    # (zhifa.audit grants audit.view_auditentry); admin actions and logins are in the audit log, whose
    # entries name objects neutrally (there is no Django admin site to list LogEntry or axes' rows).
    {"core.view_record"},
)
