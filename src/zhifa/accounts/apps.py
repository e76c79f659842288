from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhifa.accounts"
    label = "accounts"
    verbose_name = "用户与权限"

    def ready(self):
        from zhifa.core.menu import MenuItem, register

        register(
            MenuItem("系统管理", "账号管理", "accounts:user_list", "accounts.change_user", order=940),
            MenuItem("安全管理", "账号解锁", "accounts:lock_list", "axes.view_accessattempt", order=960),
            MenuItem("个人", "API令牌", "accounts:token_list", "accounts.use_api_token", order=990),
            MenuItem("个人", "修改密码", "accounts:password_change", order=991),
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
