"""案件移送, 管辖争议 and the 职责边界 register in the admin site: read-only and scoped like every page; every
write goes through the services (pages, API), which keep the rules and the record log."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyInline, ReadOnlyScopedAdmin

from ..models import BoundaryItem, Dispute, Transfer, TransferEvidence


class EvidenceInline(ReadOnlyInline):
    model = TransferEvidence
    fields = ["name", "sha256", "size", "arrival"]


class TransferAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "summary", "agency", "receiver", "kind", "status", "urgent", "due_on"]
    list_filter = ["status", "kind", "urgent"]
    search_fields = ["number", "summary", "party_name", "item_code"]
    list_select_related = ["agency", "receiver"]
    inlines = [EvidenceInline]


class DisputeAdmin(ReadOnlyScopedAdmin):
    list_display = ["transfer", "forum", "status", "decided_agency", "decided_at"]
    list_filter = ["forum", "status"]
    list_select_related = ["transfer", "decided_agency"]


class BoundaryItemAdmin(ReadOnlyScopedAdmin):
    list_display = ["item_code", "item_name", "region", "from_agency", "agency", "transferred_on", "ended_on"]
    search_fields = ["item_code", "item_name"]
    list_select_related = ["region", "from_agency", "agency"]


def register() -> None:
    for model, model_admin in (
        (Transfer, TransferAdmin),
        (Dispute, DisputeAdmin),
        (BoundaryItem, BoundaryItemAdmin),
    ):
        if not admin.site.is_registered(model):
            admin.site.register(model, model_admin)
