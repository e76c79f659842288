"""双随机抽查 — staff pages."""

from django.urls import path

from .views import staff as views

app_name = "inspections"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/<slug:action>/", views.plan_action, name="plan_action"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/file.json", views.draw_download, name="draw_download"),
    path("draws/<int:pk>/<slug:action>/", views.draw_action, name="draw_action"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/start/", views.task_start, name="task_start"),
    path("tasks/<int:pk>/override/<int:assignment_id>/", views.task_override, name="task_override"),
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/<slug:action>/", views.report_action, name="report_action"),
    path("scan/<str:token>/", views.scan, name="scan"),
    path("ratings/", views.rating_list, name="rating_list"),
    path("subjects/", views.subject_list, name="subject_list"),
    path("subjects/new/", views.subject_new, name="subject_new"),
    path("subjects/import/", views.subject_import, name="subject_import"),
    path("subjects/template.xlsx", views.subject_template, name="subject_template"),
    path("subjects/<int:pk>/", views.subject_detail, name="subject_detail"),
    path("lenient/", views.lenient_list, name="lenient_list"),
    path("lenient/new/", views.lenient_new, name="lenient_new"),
    path("lenient/<int:pk>/edit/", views.lenient_edit, name="lenient_edit"),
    path("lenient/<int:pk>/end/", views.lenient_end, name="lenient_end"),
    path("items/", views.item_list, name="item_list"),
    path("inspectors/", views.inspector_list, name="inspector_list"),
    path("inspectors/<int:pk>/<slug:kind>/", views.inspector_conflict, name="inspector_conflict"),
]
