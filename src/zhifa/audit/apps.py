from django.apps import AppConfig


class AuditConfig(AppConfig):
    """安全审计: the audit log of who did what, when, from where (等保2.0 三级 安全审计; 网络安全法 第二十一条),
    kept apart from the record log of the business (全过程记录) so the 审计管理员 reads the one without the
    content of the other."""

    name = "zhifa.audit"
    label = "audit"
    verbose_name = "安全审计"

    def ready(self):
        from django.core import checks as django_checks

        from zhifa.accounts.choices import RoleCode
        from zhifa.accounts.permissions import grant
        from zhifa.core.menu import MenuItem, register

        from . import checks, receivers
        from .selectors import VIEW

        receivers.connect()
        grant([RoleCode.AUDIT_ADMIN], {VIEW})
        register(MenuItem("安全审计", "安全审计日志", "audit:entry_list", VIEW, order=899))
        django_checks.register(checks.retention_check)
