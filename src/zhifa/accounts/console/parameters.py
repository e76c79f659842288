"""系统参数 (系统管理员, read-only): the security-relevant settings in force, what each means and the
environment variable that sets it. Read with defaults: some are added by other modules' settings."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render


@dataclass(frozen=True)
class Parameter:
    name: str  # the Django setting
    label: str
    meaning: str
    variable: str  # the environment variable, or "" when it is fixed in the settings module
    unit: str = ""
    default: object = None


PARAMETERS = (
    Parameter(
        "ZHIFA_PASSWORD_MAX_AGE_DAYS",
        "密码有效期",
        "超过该天数提醒更换密码",
        "ZHIFA_PASSWORD_MAX_AGE_DAYS",
        "天",
        90,
    ),
    Parameter(
        "ZHIFA_SESSION_IDLE_MINUTES",
        "空闲超时",
        "无操作超过该时长须重新登录",
        "ZHIFA_SESSION_IDLE_MINUTES",
        "分钟",
        30,
    ),
    Parameter(
        "ZHIFA_SESSION_ABSOLUTE_HOURS",
        "会话绝对时长",
        "登录后超过该时长须重新登录",
        "ZHIFA_SESSION_ABSOLUTE_HOURS",
        "小时",
        12,
    ),
    Parameter(
        "ZHIFA_LOCKOUT_ACCOUNT_FAILURES",
        "账号锁定次数",
        "同一账号登录失败达到该次数即锁定账号",
        "",
        "次",
        5,
    ),
    Parameter(
        "ZHIFA_LOCKOUT_ADDRESS_FAILURES",
        "地址锁定次数",
        "同一IP地址登录失败达到该次数即锁定该地址",
        "",
        "次",
        20,
    ),
    Parameter("AXES_COOLOFF_TIME", "锁定时长", "锁定后经过该时长自动解锁", ""),
    Parameter("AXES_LOCKOUT_PARAMETERS", "锁定依据", "按哪些条件计算登录失败", ""),
    Parameter(
        "ZHIFA_AUDIT_RETENTION_DAYS",
        "审计日志保存期限",
        "审计日志至少保存的天数（不少于六个月）",
        "ZHIFA_AUDIT_RETENTION_DAYS",
        "天",
    ),
    Parameter(
        "SESSION_COOKIE_SECURE", "仅经加密连接传送会话", "启用后会话只经HTTPS传送", "ZHIFA_HTTPS", "", False
    ),
    Parameter(
        "SECURE_HSTS_SECONDS", "强制加密连接期限", "浏览器在该时长内只以HTTPS访问", "ZHIFA_HTTPS", "秒", 0
    ),
    Parameter(
        "ZHIFA_EXPORT_KEEP_HOURS",
        "导出文件保留时长",
        "后台导出的文件保留该时长后删除",
        "ZHIFA_EXPORT_KEEP_HOURS",
        "小时",
        24,
    ),
    Parameter(
        "ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE",
        "投诉提交频率上限",
        "同一地址每分钟最多提交的投诉数",
        "ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE",
        "次",
        5,
    ),
)

_LOCKOUT_PARTS = {"username": "用户名", "ip_address": "来源地址", "user_agent": "浏览器标识"}


def shown(value) -> str:
    """A setting's value in words (no code, no English)."""
    if value is None:
        return "未设置"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes}分钟"
    if isinstance(value, list | tuple):
        parts = [
            "＋".join(
                _LOCKOUT_PARTS.get(p, "其他") for p in (item if isinstance(item, list | tuple) else [item])
            )
            for item in value
        ]
        return "、".join(parts)
    if isinstance(value, int | float | str):
        return str(value)
    return "已设置"


@login_required
@permission_required("accounts.change_user", raise_exception=True)
def system_parameters(request):
    rows = []
    for parameter in PARAMETERS:
        value = getattr(settings, parameter.name, parameter.default)
        text = shown(value)
        if parameter.unit and text not in ("未设置", "是", "否"):
            text += parameter.unit
        rows.append({"parameter": parameter, "value": text})
    return render(request, "accounts/console/parameters.html", {"rows": rows})
