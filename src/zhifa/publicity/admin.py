from django.contrib import admin

from zhifa.core.admin import ReadOnlyScopedAdmin

from .models import AnnualReport, Disclosure


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyScopedAdmin):
    list_display = ("id", "number", "kind", "status", "subject_name", "agency", "due_on", "published_on")
    list_filter = ("status", "kind")
    search_fields = ("number", "subject_name")


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyScopedAdmin):
    list_display = ("agency", "year", "status", "published_at")
    list_filter = ("status", "year")
