"""证据 urls — no app_name of their own: zhifa.cases.urls includes them inside the "cases" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/evidence/", views.evidence_list, name="evidence_list"),
    path("<int:pk>/evidence/new/", views.evidence_new, name="evidence_new"),
    path("<int:pk>/evidence/uploads/", views.upload_start, name="evidence_upload_start"),
    path("evidence/uploads/<uuid:session_id>/", views.upload_session, name="evidence_upload"),
    path("evidence/uploads/<uuid:session_id>/finish/", views.upload_finish, name="evidence_upload_finish"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence_download"),
]
