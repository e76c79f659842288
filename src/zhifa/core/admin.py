from django.contrib import admin
from django.contrib.admin.models import LogEntry

from . import access, workdays
from .models import Agency, HolidayOverride, NumberFormat, Record, Region


class ReadOnlyAdminMixin:
    """For logs and fixed reference rows: viewable, never added, changed or deleted here. (obj: an
    inline is asked about its parent object.)"""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedAdmin(admin.ModelAdmin):
    """Admin lists show only the user's jurisdiction, like every other page."""

    def get_queryset(self, request):
        return access.visible_to(request.user, super().get_queryset(request))


class ReadOnlyScopedAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    """What the services alone may write: shown within the user's jurisdiction, never edited here."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The rows of a read-only object, shown under it: `fields` (or every field), none added, changed
    or deleted."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        obj.path = obj.build_path()
        super().save_model(request, obj, form, change)


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ["name", "short_name", "kind", "region", "credit_code", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["region", "parent"]


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        workdays.clear_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        workdays.clear_cache()


@admin.register(NumberFormat)
class NumberFormatAdmin(ScopedAdmin):
    list_display = ["agency", "kind", "prefix"]
    search_fields = ["agency__name", "kind", "prefix"]
    autocomplete_fields = ["agency"]


@admin.register(Record)
class RecordAdmin(ReadOnlyScopedAdmin):
    """Read-only: the record log is append-only."""

    list_display = ["at", "agency", "seq", "subject_type", "subject_id", "action", "actor_name"]
    list_filter = ["action"]
    search_fields = ["subject_type", "subject_id", "action", "actor_name"]


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """操作日志: what the three admins and others did in this admin site; read-only, for the 审计管理员."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "user__username", "user__real_name"]

    def get_queryset(self, request):
        entries = super().get_queryset(request).select_related("user", "content_type")
        if request.user.is_superuser:
            return entries
        if request.user.agency_id is None:
            return entries.none()
        return entries.filter(user__agency__region__path__startswith=request.user.agency.region.path)
