"""The catalogue in the admin site: read-only and scoped like every other page.

Drafting, publishing, benchmarks, delegations and post duties all go through catalog.services (UI/API),
which check the permission, validate against the law and keep the record log; a published version can
never change. So nothing of the catalogue is added, changed or deleted here."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyInline, ReadOnlyScopedAdmin

from . import versioning
from .models import (
    Benchmark,
    BenchmarkEvaluation,
    BenchmarkLevel,
    CatalogVersion,
    Delegation,
    DelegationEvaluation,
    DutyAssignment,
    EnforcementItem,
    Exemption,
    LegalBasis,
    OrgUnit,
)

# ---- versions and items -----------------------------------------------------------------------------


class ItemInline(ReadOnlyInline):
    model = EnforcementItem
    fields = ["code", "name", "category", "field", "level", "is_random_inspection", "needs_legal_review"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("field")


@admin.register(CatalogVersion)
class CatalogVersionAdmin(ReadOnlyScopedAdmin):
    list_display = ["agency", "number", "status", "reason", "effective_from", "published_at", "published_by"]
    list_filter = ["status", "reason"]
    search_fields = ["agency__name", "content_hash"]
    list_select_related = ["agency", "published_by"]
    date_hierarchy = "effective_from"
    inlines = [ItemInline]


class LegalBasisInline(ReadOnlyInline):
    model = LegalBasis
    fields = ["law_name", "rank", "article", "text", "fine_basis", "statutory_min", "statutory_max"]


@admin.register(EnforcementItem)
class EnforcementItemAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "category", "field", "level", "version"]
    list_filter = [
        "category",
        "field",
        "is_supervision",
        "is_random_inspection",
        "needs_legal_review",
        "version__status",
    ]
    search_fields = ["code", "name", "version__agency__name"]
    list_select_related = ["version__agency", "field"]
    inlines = [LegalBasisInline]


@admin.register(LegalBasis)
class LegalBasisAdmin(ReadOnlyScopedAdmin):
    list_display = ["__str__", "item", "rank", "fine_basis", "statutory_min", "statutory_max"]
    list_filter = ["rank", "fine_basis"]
    search_fields = ["law_name", "article", "text", "item__code", "item__name"]
    list_select_related = ["item"]


# ---- 裁量基准 ----------------------------------------------------------------------------------------


class LevelInline(ReadOnlyInline):
    model = BenchmarkLevel
    fields = versioning.LEVEL_FIELDS


class ExemptionInline(ReadOnlyInline):
    model = Exemption
    fields = versioning.EXEMPTION_FIELDS


@admin.register(Benchmark)
class BenchmarkAdmin(ReadOnlyScopedAdmin):
    list_display = ["item", "legal_basis", "fact_label", "version"]
    list_filter = ["item__version__status"]
    search_fields = ["item__code", "item__name", "item__version__agency__name"]
    list_select_related = ["item__version__agency", "legal_basis"]
    inlines = [LevelInline, ExemptionInline]

    @admin.display(description="清单版本")
    def version(self, obj):
        return obj.item.version


@admin.register(BenchmarkEvaluation)
class BenchmarkEvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["agency", "item_code", "on", "needs_revision"]
    list_filter = ["needs_revision"]
    search_fields = ["agency__name", "item_code", "findings"]
    list_select_related = ["agency"]
    date_hierarchy = "on"


# ---- 赋权乡镇 ----------------------------------------------------------------------------------------


class EvaluationInline(ReadOnlyInline):
    model = DelegationEvaluation
    fields = ["on", "outcome", "findings", "evaluator"]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyScopedAdmin):
    list_display = [
        "item_code",
        "item_name",
        "from_agency",
        "to_agency",
        "form",
        "on",
        "status",
        "evaluation_due",
    ]
    list_filter = ["status", "form"]
    search_fields = ["item_code", "item_name", "from_agency__name", "to_agency__name", "document"]
    list_select_related = ["from_agency", "to_agency"]
    date_hierarchy = "evaluation_due"
    inlines = [EvaluationInline]


@admin.register(DelegationEvaluation)
class DelegationEvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["delegation", "on", "outcome", "evaluator"]
    list_filter = ["outcome"]
    search_fields = ["delegation__item_code", "delegation__item_name", "findings"]
    list_select_related = ["delegation__from_agency", "delegation__to_agency", "evaluator"]


# ---- 岗位职权分解 --------------------------------------------------------------------------------------


class AssignmentInline(ReadOnlyInline):
    model = DutyAssignment
    fields = ["item_code", "division"]


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyScopedAdmin):
    list_display = ["__str__", "agency", "parent"]
    search_fields = ["name", "agency__name"]
    list_select_related = ["agency", "parent"]
    inlines = [AssignmentInline]


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(ReadOnlyScopedAdmin):
    list_display = ["item_code", "unit", "division", "agency"]
    search_fields = ["item_code", "unit__name", "division", "agency__name"]
    list_select_related = ["agency", "unit__parent"]
