from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhifa.accounts"
    label = "accounts"
    verbose_name = "用户与权限"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from zhifa.core.menu import MenuItem, register

        from . import checks as account_checks
        from . import sessions

        checks.register(account_checks.superusers_in_production)
        user_logged_in.connect(sessions.stamp_login, dispatch_uid="zhifa.accounts.sessions.stamp_login")

        register(
            MenuItem(
                "系统管理", "用户管理", "admin:accounts_user_changelist", "accounts.view_user", order=940
            ),
            MenuItem(
                "安全管理",
                "登录锁定",
                "admin:axes_accessattempt_changelist",
                "axes.view_accessattempt",
                order=960,
            ),
            MenuItem("个人", "API令牌", "accounts:token_list", "accounts.use_api_token", order=990),
            MenuItem("个人", "修改密码", "accounts:password_change", order=991),
            MenuItem("个人", "账号安全", "accounts:security", order=992),
        )
        from zhifa.core import exports

        from . import reauth, twofactor  # noqa: F401 — twofactor connects its login receiver

        exports.set_personal_data_guard(reauth.export_guard)
