"""The registry in the admin site, scoped like every other page.

Certificates and enforcement bodies are read-only here: issuing, suspending, confirming, announcing,
merging… go through registry.services (UI/API), which enforce the rules and keep the record log. Officers,
training and assessments are written through the same services, never by a bare save."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyInline, ReadOnlyScopedAdmin, ScopedAdmin

from . import services
from .models import (
    Assessment,
    BodyChange,
    Certificate,
    EnforcementBody,
    EnforcementField,
    Officer,
    TrainingRecord,
)


@admin.register(EnforcementField)
class EnforcementFieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class BodyChangeInline(ReadOnlyInline):
    model = BodyChange
    fields = ["kind", "on", "document", "detail"]


@admin.register(EnforcementBody)
class EnforcementBodyAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "agency", "standing", "status", "confirmed_on", "announced_on"]
    list_filter = ["status", "standing"]
    search_fields = ["name", "agency__name", "confirmation_document"]
    list_select_related = ["agency"]
    inlines = [BodyChangeInline]


class CertificateInline(ReadOnlyInline):
    model = Certificate
    fields = ["number", "kind", "issuer", "issued_on", "expires_on", "status", "last_checked_on"]
    show_change_link = True


@admin.register(Officer)
class OfficerAdmin(ScopedAdmin):
    list_display = ["name", "agency", "kind", "status", "post", "is_key_post", "post_since"]
    list_filter = ["kind", "status", "is_key_post"]
    search_fields = ["name", "name_initials", "certificates__number"]
    list_select_related = ["agency"]
    # plain ids: 机关 and 用户 are kept on the console pages, not in this admin (docs/security.md 三员分立)
    raw_id_fields = ["agency", "user"]
    filter_horizontal = ["fields"]
    inlines = [CertificateInline]

    def get_readonly_fields(self, request, obj=None):
        # An officer moves to another agency by leaving one and being added to the other.
        return ["agency"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name] for name in services.OFFICER_FIELDS if name in form.cleaned_data
        }
        fields = form.cleaned_data.get("fields")
        if change:
            changed = {name: value for name, value in data.items() if name in form.changed_data}
            saved = services.officer_update(actor=request.user, officer=obj, fields=fields, **changed)
        else:
            saved = services.officer_create(
                actor=request.user, agency=obj.agency, fields=fields or (), **data
            )
        obj.pk, obj.name_initials = saved.pk, saved.name_initials

    def save_related(self, request, form, formsets, change):
        """The service has set the fields (no form.save_m2m()); the certificate inline is read-only, so
        saving its formset writes nothing."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "officer", "kind", "issuer", "issued_on", "expires_on", "status"]
    list_filter = ["status", "kind", "fields"]
    search_fields = ["number", "officer__name", "officer__name_initials"]
    list_select_related = ["officer"]
    date_hierarchy = "expires_on"


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ScopedAdmin):
    """Training is a fact: added (through the service), not changed or deleted here."""

    list_display = ["officer", "on", "hours", "kind", "title", "provider"]
    list_filter = ["kind"]
    search_fields = ["officer__name", "officer__name_initials", "title"]
    list_select_related = ["officer"]
    autocomplete_fields = ["officer"]
    date_hierarchy = "on"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = {name: value for name, value in form.cleaned_data.items() if name != "officer"}
        saved = services.training_add(actor=request.user, officer=obj.officer, **data)
        obj.pk = saved.pk


@admin.register(Assessment)
class AssessmentAdmin(ScopedAdmin):
    list_display = ["officer", "year", "grade"]
    list_filter = ["year", "grade"]
    search_fields = ["officer__name", "officer__name_initials"]
    list_select_related = ["officer"]
    autocomplete_fields = ["officer"]

    def get_readonly_fields(self, request, obj=None):
        return ["officer", "year"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.assessment_set(
            actor=request.user, officer=obj.officer, year=obj.year, grade=obj.grade, note=obj.note
        )
        obj.pk = saved.pk
