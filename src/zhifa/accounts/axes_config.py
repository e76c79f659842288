"""django-axes (login lockout) in Chinese: its app has no verbose_name of its own (the admin would show
"Axes"), and its rows name themselves in English ("Access Log for …"), which the admin shows in titles
and in the confirmation of 删除 (unlocking an account)."""

from axes.apps import AppConfig
from django.utils import timezone


def _when(at) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S") if at else ""


class AxesConfig(AppConfig):
    verbose_name = "登录防护"

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = lambda a: f"{a.username} 于 {_when(a.attempt_time)} 起的登录失败"
        AccessLog.__str__ = lambda a: f"{a.username} 于 {_when(a.attempt_time)} 登录"
        AccessFailureLog.__str__ = lambda a: (
            f"{a.username} 于 {_when(a.attempt_time)} 登录失败" + ("（已锁定）" if a.locked_out else "")
        )
