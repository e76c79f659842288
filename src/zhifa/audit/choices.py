from django.db import models


class AuditAction(models.TextChoices):
    """What an audit entry says happened. Login events come from the authentication signals; the rest
    from the service or view that did the thing."""

    LOGIN = "login", "登录"
    LOGOUT = "logout", "退出登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOCKOUT = "lockout", "账号锁定"
    UNLOCK = "unlock", "账号解锁"
    OTP_FAILED = "otp_failed", "动态验证码错误"
    PERMISSION_CHANGE = "permission_change", "权限变更"
    PASSWORD_CHANGE = "password_change", "修改密码"
    PASSWORD_RESET = "password_reset", "重置密码"
    ACCOUNT_CHANGE = "account_change", "账号变更"
    EXPORT = "export", "导出"
    EVIDENCE_DOWNLOAD = "evidence_download", "证据下载"
    PERSONAL_DATA_VIEW = "personal_data_view", "查看个人信息"
    ADMIN_ACTION = "admin_action", "管理操作"


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"
