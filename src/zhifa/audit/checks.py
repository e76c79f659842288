"""System checks of the audit app: a retention shorter than the law's six months refuses to start."""

from django.core.checks import Error

from .retention import MIN_RETENTION_DAYS, retention_days


def retention_check(app_configs=None, **kwargs) -> list[Error]:
    try:
        days = retention_days()
    except (TypeError, ValueError):
        return [Error("ZHIFA_AUDIT_RETENTION_DAYS 应为整数（天）", id="zhifa.audit.E002")]
    if days < MIN_RETENTION_DAYS:
        return [
            Error(
                f"审计日志保存期限 ZHIFA_AUDIT_RETENTION_DAYS={days} 天，少于网络安全法第二十一条要求的六个月"
                f"（{MIN_RETENTION_DAYS} 天）",
                hint=f"设为 {MIN_RETENTION_DAYS} 或更大",
                id="zhifa.audit.E001",
            )
        ]
    return []
