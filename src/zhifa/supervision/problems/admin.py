"""突出问题、整改任务 and 电子技术监控设备 in the admin site, scoped like every other page and read-only:
every write goes through supervision.problems.services (pages, API), which keep the rules and the record
log. Registered from wiring (the supervision app keeps one admin module per feature)."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyInline, ReadOnlyScopedAdmin
from zhifa.supervision.models import FollowUp, MonitoringDevice, Problem, RectificationTask, TaskReport


class TaskInline(ReadOnlyInline):
    model = RectificationTask
    fields = ["measures", "due_on", "status", "created_at"]


class ReportInline(ReadOnlyInline):
    model = TaskReport
    fields = ["kind", "text", "submitted_by", "submitted_at"]


class FollowUpInline(ReadOnlyInline):
    model = FollowUp
    fields = ["passed", "note", "new_due_on", "reviewed_by", "reviewed_at"]


class ProblemAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "agency", "category", "source", "status", "recorded_at"]
    list_filter = ["status", "category", "source"]
    search_fields = ["title", "description", "agency__name"]
    list_select_related = ["agency"]
    inlines = [TaskInline]


class RectificationTaskAdmin(ReadOnlyScopedAdmin):
    list_display = ["__str__", "problem", "agency", "status", "due_on"]
    list_filter = ["status"]
    search_fields = ["problem__title", "agency__name", "measures"]
    list_select_related = ["agency", "problem"]
    inlines = [ReportInline, FollowUpInline]


class MonitoringDeviceAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "agency", "location", "approval_number", "published", "status"]
    list_filter = ["status", "published"]
    search_fields = ["name", "location", "approval_number", "agency__name"]
    list_select_related = ["agency"]


def register() -> None:
    for model, model_admin in (
        (Problem, ProblemAdmin),
        (RectificationTask, RectificationTaskAdmin),
        (MonitoringDevice, MonitoringDeviceAdmin),
    ):
        if not admin.site.is_registered(model):
            admin.site.register(model, model_admin)
