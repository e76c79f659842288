"""执法监督 in the admin (系统管理): read-only and scoped to the user's jurisdiction, like every page; every
change goes through the feature packages' services (plans, actions, campaigns, accountability), which record it."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyInline, ReadOnlyScopedAdmin

from .accountability import admin as accountability_admin  # noqa: F401
from .models import (
    Campaign,
    CampaignFile,
    Escalation,
    FileReview,
    Finding,
    Instrument,
    ItemScore,
    LedgerEntry,
    LedgerReport,
    Oversight,
    OversightExtension,
    OversightReport,
    PlanTask,
    Reply,
    ReplyFile,
    ScoringTemplate,
    SupervisionItem,
    SupervisionPlan,
    TemplateItem,
    TemplateVersion,
)

# ---- 监督计划、工作台账、督办 -----------------------------------------------------------------------


class PlanTaskInline(ReadOnlyInline):
    model = PlanTask
    fields = ["title", "kind", "owner", "due"]


@admin.register(SupervisionPlan)
class SupervisionPlanAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "year", "agency", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "agency__name"]
    list_select_related = ["agency"]
    inlines = [PlanTaskInline]


@admin.register(PlanTask)
class PlanTaskAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "plan", "kind", "owner", "due"]
    list_filter = ["kind"]
    search_fields = ["title"]
    list_select_related = ["plan"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyScopedAdmin):
    list_display = ["task", "agency", "due", "status", "reported_on"]
    list_filter = ["status"]
    search_fields = ["task__title", "agency__name"]
    list_select_related = ["task", "agency"]


@admin.register(LedgerReport)
class LedgerReportAdmin(ReadOnlyScopedAdmin):
    list_display = ["entry", "reported_on", "created_at"]
    list_select_related = ["entry__task"]


@admin.register(Oversight)
class OversightAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "agency", "ground", "status", "due", "opened_on", "closed_on"]
    list_filter = ["status", "ground"]
    search_fields = ["title", "agency__name"]
    list_select_related = ["agency"]


@admin.register(OversightReport)
class OversightReportAdmin(ReadOnlyScopedAdmin):
    list_display = ["oversight", "reported_on", "created_at"]
    list_select_related = ["oversight"]


@admin.register(OversightExtension)
class OversightExtensionAdmin(ReadOnlyScopedAdmin):
    list_display = ["oversight", "old_due", "new_due", "created_at"]
    list_select_related = ["oversight"]


# ---- 监督事项 ---------------------------------------------------------------------------------------


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ["text", "created_at"]


class InstrumentInline(ReadOnlyInline):
    model = Instrument
    fields = ["grade", "number", "reply_due", "rectify_due", "issued_at"]


@admin.register(SupervisionItem)
class SupervisionItemAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "agency", "kind", "category", "status", "escalation", "due_on", "opened_at"]
    list_filter = ["status", "kind", "category", "escalation"]
    search_fields = ["title", "theme", "agency__name", "case__number"]
    list_select_related = ["agency"]
    inlines = [FindingInline, InstrumentInline]
    exclude = ["source_type", "source_id"]  # model label and id: the 来源 shows as its words (source_label)


@admin.register(Finding)
class FindingAdmin(ReadOnlyScopedAdmin):
    list_display = ["item", "text", "created_at"]
    list_select_related = ["item"]


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "grade", "item", "reply_due", "rectify_due", "issued_at"]
    list_filter = ["grade"]
    search_fields = ["number"]
    list_select_related = ["item"]


@admin.register(Reply)
class ReplyAdmin(ReadOnlyScopedAdmin):
    list_display = ["item", "instrument", "outcome", "submitted_at", "reviewed_at"]
    list_filter = ["outcome"]
    list_select_related = ["item", "instrument"]


@admin.register(ReplyFile)
class ReplyFileAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "reply", "media_type", "size"]
    list_select_related = ["reply"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyScopedAdmin):
    list_display = ["item", "step", "due_on", "created_at"]
    list_filter = ["step"]
    list_select_related = ["item"]


# ---- 案卷评查 ---------------------------------------------------------------------------------------


@admin.register(ScoringTemplate)
class ScoringTemplateAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "agency", "created_at"]
    list_select_related = ["agency"]


class TemplateItemInline(ReadOnlyInline):
    model = TemplateItem
    fields = ["order", "code", "section", "title", "max_points", "unit_points", "precheck"]


@admin.register(TemplateVersion)
class TemplateVersionAdmin(ReadOnlyScopedAdmin):
    list_display = ["template", "number", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["template"]
    inlines = [TemplateItemInline]


@admin.register(TemplateItem)
class TemplateItemAdmin(ReadOnlyScopedAdmin):
    list_display = ["version", "order", "code", "section", "title", "max_points", "unit_points", "precheck"]
    list_filter = ["section"]
    list_select_related = ["version__template"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "year", "agency", "status", "per_agency", "drawn_at"]
    list_filter = ["status", "year"]
    search_fields = ["title", "agency__name"]
    list_select_related = ["agency"]
    exclude = ["sealed_seed", "input", "result"]  # the sealed seed stays secret until the draw


@admin.register(CampaignFile)
class CampaignFileAdmin(ReadOnlyScopedAdmin):
    list_display = ["campaign", "order", "case", "agency", "status", "score", "grade", "vetoed"]
    list_filter = ["status", "grade", "vetoed"]
    search_fields = ["case__number", "agency__name"]
    list_select_related = ["campaign", "case", "agency"]


@admin.register(FileReview)
class FileReviewAdmin(ReadOnlyScopedAdmin):
    list_display = ["file", "reviewer", "role", "status", "score", "grade", "submitted_at"]
    list_filter = ["role", "status"]
    list_select_related = ["file__campaign", "file__case", "reviewer"]


@admin.register(ItemScore)
class ItemScoreAdmin(ReadOnlyScopedAdmin):
    list_display = ["review", "item", "deduction", "vetoed", "proposed", "proposed_veto"]
    list_select_related = ["review__file__case", "item"]
    exclude = ["evidence"]  # JSON: the scoring page shows it with its links
