"""社会监督 in the admin site, scoped like every other page and read-only: every write goes through
zhifa.social.services (pages, API), which keep the rules and the record log. The register (监督员, 联系点) is not shown here: it holds personal contact data, which its own pages
mask by need. Registered from wiring."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyScopedAdmin

from .models import Feedback, SurveyCampaign


class FeedbackAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "agency", "source", "received_on", "answer_due", "status"]
    list_filter = ["status", "source"]
    search_fields = ["title", "text", "agency__name"]
    list_select_related = ["agency"]


class SurveyCampaignAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "region", "year", "method", "status"]
    list_filter = ["status", "method", "year"]
    search_fields = ["title", "conducted_by"]
    list_select_related = ["region"]


def register() -> None:
    for model, model_admin in (
        (Feedback, FeedbackAdmin),
        (SurveyCampaign, SurveyCampaignAdmin),
    ):
        if not admin.site.is_registered(model):
            admin.site.register(model, model_admin)
