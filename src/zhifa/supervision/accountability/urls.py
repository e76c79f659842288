"""责任追究 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.accountability_list, name="accountability_list"),
    path("export.xlsx", views.accountability_export, name="accountability_export"),
    path("new/", views.accountability_new, name="accountability_new"),
    path("<int:pk>/", views.accountability_detail, name="accountability_detail"),
    path("<int:pk>/<slug:action>/", views.accountability_step, name="accountability_step"),
    path("<int:pk>/decision.<str:fmt>", views.decision_file, name="accountability_decision_file"),
]
