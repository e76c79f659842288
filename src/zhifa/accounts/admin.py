from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from django.utils.html import format_html

from zhifa.core import access
from zhifa.core.admin import ReadOnlyAdminMixin

from . import services
from .models import ApiToken, Role, User
from .permissions import validate_role_set


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User
        fields = ["username", "password", "real_name", "agency", "mobile", "email", "roles", "is_active"]

    def clean_roles(self):
        roles = self.cleaned_data.get("roles")
        if roles is not None:
            validate_role_set([role.code for role in roles])
        return roles


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    # Django appends an English warning to this help text outside its translations.
    usable_password_help_text = "用户能否以密码登录。停用后，该用户当前的密码将失效，不能再以密码登录本系统。"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    change_password_form = AdminPasswordChangeForm
    list_display = ["username", "real_name", "agency", "is_active"]
    list_filter = ["is_active", "roles"]
    search_fields = ["username", "real_name", "mobile"]
    autocomplete_fields = ["agency"]
    filter_horizontal = ["roles"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["real_name", "agency", "mobile", "email"]}),
        ("角色与状态", {"fields": ["roles", "is_active"]}),
        ("时间", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "real_name", "agency", "password1", "password2"]})]

    def get_queryset(self, request):
        return access.visible_to(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if not request.user.has_perm("accounts.assign_roles"):
            readonly.append("roles")
        if not request.user.has_perm("accounts.change_user"):
            readonly += ["username", "real_name", "agency_name", "mobile", "email", "is_active"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        """Who may not change users sees neither the password (its form would answer 403) nor a link
        to the agency's admin page (which they may not open): the agency is shown as text."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.has_perm("accounts.change_user"):
            return fieldsets
        swap = {"agency": "agency_name"}
        return [
            (title, {**options, "fields": [swap.get(f, f) for f in options["fields"] if f != "password"]})
            for title, options in fieldsets
        ]

    @admin.display(description="机关")
    def agency_name(self, user):
        return user.agency.name if user.agency_id else "—"

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # A new account goes through the service, which records it and makes its owner change the password
        # at first login; the admin goes on with the saved row (its redirect and log need obj's key).
        created = services.user_create(
            actor=request.user,
            username=obj.username,
            real_name=obj.real_name,
            agency=obj.agency,
            password=form.cleaned_data["password1"],
            request=request,
        )
        for field in User._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding, obj._state.db = False, created._state.db

    def user_change_password(self, request, id, form_url=""):
        """Setting another's password here is a reset: through the service, which records it and makes the
        owner change it at next login. The page, its errors and disabling the password stay Django's."""
        if request.method == "POST" and "unset-password" not in request.POST:
            user = self.get_object(request, unquote(id))
            if user is not None and self.has_change_permission(request, user):
                form = self.change_password_form(user, request.POST)
                if form.is_valid() and form.cleaned_data.get("set_usable_password", True):
                    services.password_reset(
                        actor=request.user,
                        user=user,
                        password=form.cleaned_data["password1"],
                        request=request,
                    )
                    self.log_change(request, user, self.construct_change_message(request, form, None))
                    messages.success(request, "密码已重置。该用户下次登录时须先修改密码。")
                    update_session_auth_hash(request, user)
                    return redirect("admin:accounts_user_change", user.pk)
        return super().user_change_password(request, id, form_url)

    def save_related(self, request, form, formsets, change):
        # Roles go through the service, which enforces 三员分立 and writes the record.
        roles = form.cleaned_data.pop("roles", None) if "roles" in form.changed_data else None
        super().save_related(request, form, formsets, change)
        if roles is not None:
            services.user_set_roles(actor=request.user, user=form.instance, roles=roles, request=request)


@admin.register(Role)
class RoleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]

    def get_queryset(self, request):
        return access.visible_to(request.user, super().get_queryset(request), "accounts.view_user")


# ---- django-axes: its lists, without change pages (their titles and fields are axes' English) -----


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


for _model, _base in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
        admin.site.register(_model, _plain_axes_admin(_base))
