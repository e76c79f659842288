from django.apps import AppConfig


class AuditConfig(AppConfig):
    """安全审计: the audit log of who did what, when, from where (等保2.0 三级 安全审计; 网络安全法 第二十一条),
    kept apart from the record log of the business (全过程记录) so the 审计管理员 reads the one without the
    content of the other."""

    name = "zhifa.audit"
    label = "audit"
    verbose_name = "安全审计"
