from django.contrib import admin

from zhifa.core.admin import ReadOnlyScopedAdmin

from .models import Draw, Inspection, LenientEntry, Plan, PriorReport, Rating, Subject, Task


@admin.register(Subject)
class SubjectAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "code", "kind", "risk_level", "agency"]
    list_filter = ["kind", "risk_level"]
    search_fields = ["name", "code"]
    exclude = ["qr_token"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "year", "kind", "status", "agency"]
    list_filter = ["kind", "status", "year"]


@admin.register(Draw)
class DrawAdmin(ReadOnlyScopedAdmin):
    list_display = ["plan", "number", "status", "committed_at", "revealed_at"]
    exclude = ["sealed_seed", "input", "result"]  # the sealed seed stays secret until the reveal


@admin.register(Task)
class TaskAdmin(ReadOnlyScopedAdmin):
    list_display = ["subject", "plan", "stratum", "status", "due_on"]
    list_filter = ["status"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyScopedAdmin):
    list_display = ["subject", "agency", "started_on", "result", "finished_on"]
    list_filter = ["result"]


@admin.register(PriorReport)
class PriorReportAdmin(ReadOnlyScopedAdmin):
    list_display = ["subject", "agency", "planned_on", "status"]


@admin.register(LenientEntry)
class LenientEntryAdmin(ReadOnlyScopedAdmin):
    list_display = ["kind", "subject", "item_code", "valid_from", "valid_until", "ended_on", "agency"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyScopedAdmin):
    list_display = ["agency", "month", "score"]
