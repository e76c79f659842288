"""突出问题清单、整改任务 and 电子技术监控设备 pages — no app_name of their own: zhifa.supervision.urls
includes them in the "supervision" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.problem_list, name="problem_list"),
    path("export.xlsx", views.problem_export, name="problem_export"),
    path("new/", views.problem_new, name="problem_new"),
    path("<int:pk>/", views.problem_detail, name="problem_detail"),
    path("<int:pk>/tasks/new/", views.task_new, name="rectification_new"),
    path("<int:pk>/supervise/", views.problem_supervise, name="problem_supervise"),
    path("tasks/<int:pk>/", views.task_detail, name="rectification_detail"),
    path("tasks/<int:pk>/<slug:action>/", views.task_step, name="rectification_step"),
    path("files/<int:pk>/", views.task_file, name="rectification_file"),
    path("devices/", views.device_list, name="device_list"),
    path("devices/export.xlsx", views.device_export, name="device_export"),
    path("devices/summary/", views.device_summary, name="device_summary"),
    path("devices/new/", views.device_new, name="device_new"),
    path("devices/<int:pk>/", views.device_detail, name="device_detail"),
    path("devices/<int:pk>/edit/", views.device_edit, name="device_edit"),
]
