"""No superuser in production (等保 三员分立; docs/security.md): a superuser holds every permission at once,
which is the back door 三员分立 closes. With DEBUG off — production — a system check error stops
`zhifa check --deploy`, runserver and every command that runs the checks (`migrate` included, so the
account is demoted before anything else is done)."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

SUPERUSER_ERROR = "zhifa.E001"


def superusers_in_production(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    from .models import User

    try:
        names = list(
            User.objects.filter(is_superuser=True, is_active=True).values_list("username", flat=True)
        )
    except DatabaseError:  # no table yet (a fresh database before migrate): no user at all
        return []
    if not names:
        return []
    return [
        checks.Error(
            f"生产环境（DEBUG关闭）不允许存在超级用户：{'、'.join(sorted(names))}。",
            hint=(
                "超级用户拥有全部权限，违反三员分立。请改为授予系统管理员、安全管理员或审计管理员角色，"
                '并取消超级用户：zhifa shell -c "from zhifa.accounts.models import User; '
                'User.objects.filter(is_superuser=True).update(is_superuser=False)"'
            ),
            id=SUPERUSER_ERROR,
        )
    ]
