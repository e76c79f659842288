"""报送 pages, in the "stats" namespace (stats/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.submission_list, name="submission_list"),
    path("reports/export.xlsx", views.submission_export, name="submission_export"),
    path("reports/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("reports/<int:pk>/<slug:action>/", views.submission_step, name="submission_step"),
    path("reports/rounds/", views.round_list, name="round_list"),
    path("reports/rounds/new/", views.round_new, name="round_new"),
    path("reports/rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("reports/rounds/<int:pk>/export.xlsx", views.round_export, name="round_export"),
    path("reports/rounds/<int:pk>/forward/", views.round_forward, name="round_forward"),
]
