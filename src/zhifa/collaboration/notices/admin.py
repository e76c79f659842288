"""抄告, 信息共享, 协助 and 移送 in the admin site: read-only and scoped (every change goes through the services,
which keep the record log). Imported by notices/wiring.py."""

from django.contrib import admin

from zhifa.collaboration.models import AssistanceRequest, Notice, Referral, SharingEntry
from zhifa.core.admin import ReadOnlyScopedAdmin


@admin.register(Notice)
class NoticeAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "kind", "sender", "receiver", "status", "decided_on", "due_on", "ack_due"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "party", "number", "sender__name", "receiver__name"]
    list_select_related = ["sender", "receiver"]


@admin.register(SharingEntry)
class SharingEntryAdmin(ReadOnlyScopedAdmin):
    list_display = ["content", "provider", "receiver", "category", "method", "last_shared_on", "times"]
    list_filter = ["category", "method"]
    search_fields = ["content", "provider__name", "receiver__name"]
    list_select_related = ["provider", "receiver"]


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "subject", "kind", "requester", "helper", "status", "due_on", "cross_region"]
    list_filter = ["kind", "status", "cross_region"]
    search_fields = ["number", "subject", "requester__name", "helper__name"]
    list_select_related = ["requester", "helper"]


@admin.register(Referral)
class ReferralAdmin(ReadOnlyScopedAdmin):
    list_display = ["kind", "agency", "organ", "party", "status", "reported_at", "approval_due"]
    list_filter = ["kind", "status"]
    search_fields = ["organ", "party", "facts", "agency__name"]
    list_select_related = ["agency"]
