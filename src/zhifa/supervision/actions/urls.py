"""监督事项 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("export.xlsx", views.action_export, name="action_export"),
    path("new/", views.action_new, name="action_new"),
    path("flow/", views.flow_chart, name="action_flow"),
    path("case/<int:case_pk>/", views.action_from_case, name="action_from_case"),
    path("source/<slug:key>/<int:pk>/", views.action_from_source, name="action_from_source"),
    path("<int:pk>/", views.action_detail, name="action_detail"),
    path("<int:pk>/<slug:action>/", views.action_step, name="action_step"),
    path("instruments/<int:pk>.<str:fmt>", views.instrument_file, name="instrument_file"),
    path("files/<int:pk>/", views.reply_file, name="reply_file"),
]
