"""监督计划、工作台账与督办 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("export/", views.plan_export, name="plan_export"),
    path("new/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/tasks/", views.plan_task_add, name="plan_task_add"),
    path("<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("ledger/", views.ledger_list, name="ledger_list"),
    path("ledger/export/", views.ledger_export, name="ledger_export"),
    path("ledger/rollup/", views.ledger_rollup, name="ledger_rollup"),
    path("ledger/rollup/export/", views.ledger_rollup_export, name="ledger_rollup_export"),
    path("ledger/<int:pk>/", views.ledger_detail, name="ledger_detail"),
    path("ledger/<int:pk>/report/", views.ledger_report, name="ledger_report"),
    path("ledger/reports/<int:pk>/file/", views.ledger_report_file, name="ledger_report_file"),
    path("oversight/", views.oversight_list, name="oversight_list"),
    path("oversight/export/", views.oversight_export, name="oversight_export"),
    path("oversight/new/", views.oversight_new, name="oversight_new"),
    path("oversight/case/<int:case_id>/", views.oversight_from_case, name="oversight_from_case"),
    path("oversight/<int:pk>/", views.oversight_detail, name="oversight_detail"),
    path("oversight/<int:pk>/<slug:action>/", views.oversight_action, name="oversight_action"),
]
