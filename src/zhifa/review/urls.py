"""法制审核 — staff pages."""

from django.urls import path

from .views import review as views

app_name = "review"

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("export.xlsx", views.review_export, name="review_export"),
    path("stats/", views.review_stats, name="review_stats"),
    path("pool/", views.pool, name="pool"),
    path("case/<int:case_pk>/", views.case_review, name="case_review"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/resubmit/", views.review_resubmit, name="review_resubmit"),
    path("<int:pk>/opinion/", views.review_opinion, name="review_opinion"),
    path("<int:pk>/dispute/", views.review_dispute, name="review_dispute"),
    path("<int:pk>/resolve/", views.review_resolve, name="review_resolve"),
    path("<int:pk>/invite/", views.review_invite, name="review_invite"),
    path("<int:pk>/pre-review/", views.review_pre_review, name="review_pre_review"),
    path("<int:pk>/assign/", views.review_assign, name="review_assign"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.material_evidence, name="material_evidence"),
    path("<int:pk>/documents/<int:document_pk>/", views.material_document, name="material_document"),
    path("pre-reviews/<int:pk>/answer/", views.pre_review_answer, name="pre_review_answer"),
    path("rounds/<int:pk>/opinion.<str:fmt>", views.opinion_file, name="opinion_file"),
]
