"""Cases in the admin site: read-only and scoped. Every change to a case goes through cases.services
(the pages and the API), which check the rules and keep the record log — there is no path around them."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyAdminMixin, ScopedAdmin

from .models import Case, CaseHandler, Decision, Evidence, Execution, Service


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


class HandlerInline(ReadOnlyInline):
    model = CaseHandler
    fields = ["officer", "role"]


class ServiceInline(ReadOnlyInline):
    model = Service
    fields = ["document", "served_on", "method", "recipient", "late"]


class ExecutionInline(ReadOnlyInline):
    model = Execution
    fields = ["kind", "on", "amount", "note"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = [
        "number",
        "summary",
        "agency",
        "procedure",
        "status",
        "party_name",
        "registered_on",
        "decision_due",
    ]
    list_filter = ["status", "procedure", "source"]
    search_fields = ["number", "party_name", "summary"]
    list_select_related = ["agency"]
    date_hierarchy = "created_at"
    exclude = ["party_id_number"]  # the full ID number is never shown
    inlines = [HandlerInline, ServiceInline, ExecutionInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ["number", "case", "kind", "fine", "level", "decided_on"]
    list_filter = ["kind", "level"]
    search_fields = ["number", "case__number", "case__party_name"]
    list_select_related = ["case"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ["case", "step", "kind", "original_name", "size", "sha256", "created_at"]
    list_filter = ["kind", "step"]
    search_fields = ["case__number", "original_name", "sha256"]
    list_select_related = ["case"]
