from django.urls import path

from . import views
from .systems.views import SYSTEM_URLS

app_name = "equipment"

urlpatterns = [
    path("", views.device_list, name="device_list"),
    path("export.xlsx", views.device_export, name="device_export"),
    path("new/", views.device_new, name="device_new"),
    path("<int:pk>/", views.device_detail, name="device_detail"),
    path("<int:pk>/edit/", views.device_edit, name="device_edit"),
    path("<int:pk>/issue/", views.device_issue, name="device_issue"),
    path("<int:pk>/return/", views.device_return, name="device_return"),
    path("ratios/", views.ratios, name="ratios"),
    path("ratios/<int:agency_id>/standard/", views.standard_edit, name="standard_edit"),
    path("survey/", views.survey_table, name="survey"),
    path("survey/export.xlsx", views.survey_export, name="survey_export"),
    path("evidence/<int:evidence_id>/device/", views.evidence_device, name="evidence_device"),
]
# 执法信息系统 (equipment.systems)
urlpatterns += [path(route, view, name=name) for route, view, name in SYSTEM_URLS]
