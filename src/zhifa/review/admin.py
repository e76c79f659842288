"""法制审核 in the admin: read-only and scoped; every change goes through review.services."""

from django.contrib import admin

from zhifa.core.admin import ReadOnlyAdminMixin, ScopedAdmin

from .models import Dispute, Review, ReviewRound


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ["case", "status", "reviewer", "from_pool", "due_on", "updated_at"]
    list_filter = ["status", "from_pool"]
    search_fields = ["case__number", "case__party_name"]
    list_select_related = ["case", "reviewer"]


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ["review", "number", "result", "opinion_number", "submitted_at", "reviewed_at"]
    list_filter = ["result"]
    list_select_related = ["review__case"]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ["review", "round", "method", "outcome", "resolved_at"]
    list_select_related = ["review__case", "round"]
