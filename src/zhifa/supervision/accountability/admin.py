"""责任追究案件 in the admin site: read-only and scoped (every change goes through the services, which keep
the record log and act on certificates through the registry)."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyScopedAdmin
from zhifa.supervision.models import AccountabilityCase


@admin.register(AccountabilityCase)
class AccountabilityCaseAdmin(ReadOnlyScopedAdmin):
    list_display = ["officer", "agency", "bureau", "source_kind", "status", "outcome", "due_on", "opened_at"]
    list_filter = ["status", "outcome", "source_kind"]
    search_fields = ["officer__name", "agency__name", "facts", "source_reference"]
    list_select_related = ["officer", "agency", "bureau"]
