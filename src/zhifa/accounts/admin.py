from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

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


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
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
            readonly += ["username", "real_name", "agency", "mobile", "email", "is_active"]
        return readonly

    def save_related(self, request, form, formsets, change):
        # Roles go through the service, which enforces 三员分立 and writes the record.
        roles = form.cleaned_data.pop("roles", None) if "roles" in form.changed_data else None
        super().save_related(request, form, formsets, change)
        if roles is not None:
            services.user_set_roles(actor=request.user, user=form.instance, roles=roles)


@admin.register(Role)
class RoleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "key_hash", "created_at", "last_used_at"]

    def get_queryset(self, request):
        return access.visible_to(request.user, super().get_queryset(request), "accounts.view_user")
