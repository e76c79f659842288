from django.contrib import admin
from django.contrib.admin.models import LogEntry

from . import access, record_labels
from .models import Record


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


# 行政区划 and 机关/机构 are kept on the 系统管理员's pages (core.org_pages), 节假日调整 and 文号格式 on theirs
# (core.holiday_pages, core.number_format_pages), not here: docs/security.md 三员分立.


class RecordActionFilter(admin.SimpleListFilter):
    """The actions by their Chinese labels (the codes stay in the query string)."""

    title = "动作"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = model_admin.get_queryset(request).order_by().values_list("action", flat=True).distinct()
        return sorted(((a, record_labels.action_label(a)) for a in actions), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(Record)
class RecordAdmin(ReadOnlyScopedAdmin):
    """Read-only: the record log is append-only. A plain table, without links to a change page (which
    would show the raw payload and link to objects the auditor may not open); 审计日志 is the page of
    ours for it."""

    list_display = ["at", "agency_name", "seq", "subject", "action_name", "actor_name"]
    list_display_links = None
    list_filter = [RecordActionFilter]
    search_fields = ["subject_id", "actor_name"]

    @admin.display(description="机关", ordering="agency__name")
    def agency_name(self, record):
        return record.agency.name

    @admin.display(description="对象")
    def subject(self, record):
        return record.subject_text

    @admin.display(description="动作", ordering="action")
    def action_name(self, record):
        return record.action_label


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """操作日志: what the three admins and others did in this admin site; read-only, for the 审计管理员."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change"]
    # No change page: it would show the stored change message as JSON and link to the user's admin
    # page, which the 审计管理员 may not open; the list holds all of it, in words.
    list_display_links = None
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "user__username", "user__real_name"]

    @admin.display(description="修改内容")
    def change(self, entry):
        return entry.get_change_message()

    def get_queryset(self, request):
        entries = super().get_queryset(request).select_related("user", "content_type")
        if request.user.is_superuser:
            return entries
        if request.user.agency_id is None:
            return entries.none()
        return entries.filter(user__agency__region__path__startswith=request.user.agency.region.path)
