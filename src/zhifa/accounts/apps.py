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
            MenuItem("系统管理", "账号管理", "accounts:user_list", "accounts.change_user", order=940),
            MenuItem("安全管理", "账号解锁", "accounts:lock_list", "axes.view_accessattempt", order=960),
            MenuItem("个人", "API令牌", "accounts:token_list", "accounts.use_api_token", order=990),
            MenuItem("个人", "修改密码", "accounts:password_change", order=991),
            MenuItem("个人", "账号安全", "accounts:security", order=992),
            MenuItem("安全管理", "角色授权", "accounts:user_list", "accounts.assign_roles", order=961),
            MenuItem(
                "安全管理",
                "密码重置审批",
                "accounts:reset_list",
                "accounts.approve_password_reset",
                order=962,
            ),
            MenuItem("系统管理", "密码重置申请", "accounts:reset_list", "accounts.change_user", order=941),
            MenuItem("系统管理", "系统参数", "accounts:system_parameters", "accounts.change_user", order=954),
        )
        from zhifa.core import exports

        from . import reauth, twofactor  # noqa: F401 — twofactor connects its login receiver

        exports.set_personal_data_guard(reauth.export_guard)
