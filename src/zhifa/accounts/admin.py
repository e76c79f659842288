"""No accounts in the stock Django admin (三员分立, docs/security.md): users, roles, API tokens and the
lockouts are kept on the 三员's own pages (accounts.console), where no admin can choose another person's
password. The read-only login logs of django-axes stay here for the 审计管理员, in Chinese and without
change pages."""

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.html import format_html


def _plain_axes_admin(base: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    literal = {"user_agent": "browser", "path_info": "path"}

    class Plain(base):
        list_display = [literal.get(f, f) for f in base.list_display]
        list_display_links = None
        list_filter = [f for f in base.list_filter if f != "path_info"]  # raw paths; the search finds them

        # What the browser sent, shown as sent (translate="no": a literal, not our wording).
        @admin.display(description="浏览器标识")
        def browser(self, obj):
            return format_html('<span translate="no">{}</span>', obj.user_agent)

        @admin.display(description="访问路径")
        def path(self, obj):
            return format_html('<span translate="no">{}</span>', obj.path_info)

        @admin.display(description="状态")
        def status(self, obj):
            return super().status(obj)

    Plain.__name__ = base.__name__
    return Plain


# 账号解锁 is the 安全管理员's page (accounts:lock_list), through accounts.services.account_unlock.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
for _model, _base in [(AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
        admin.site.register(_model, _plain_axes_admin(_base))
