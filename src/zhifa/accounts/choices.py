from django.db import models


class RoleCode(models.TextChoices):
    """The fixed role set. The first six are business roles; the last three are the 三员 (三员分立)."""

    OFFICER = "officer", "执法人员"
    AUXILIARY = "auxiliary", "执法辅助人员"
    UNIT_HEAD = "unit_head", "承办机构负责人"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    AGENCY_HEAD = "agency_head", "机关负责人"
    SUPERVISOR = "supervisor", "执法监督人员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


ADMIN_ROLES = frozenset({RoleCode.SYSTEM_ADMIN, RoleCode.SECURITY_ADMIN, RoleCode.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset(set(RoleCode) - ADMIN_ROLES)
