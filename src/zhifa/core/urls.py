from django.urls import path

from . import org_pages, views

app_name = "core"

urlpatterns = [
    path("", views.workbench_view, name="workbench"),
    path("org/agencies/", views.agency_list, name="agency_list"),
    path("org/agencies/export.xlsx", views.agency_export, name="agency_export"),
    path("org/agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("org/holidays/", views.holiday_schedule, name="holiday_schedule"),
    path("audit/records/", views.record_log, name="record_log"),
    path("audit/records/verify/", views.record_verify, name="record_verify"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
    path("org/agencies/new/", org_pages.agency_create, name="agency_create"),
    path("org/agencies/<int:pk>/edit/", org_pages.agency_edit, name="agency_edit"),
    path("org/regions/", org_pages.region_list, name="region_list"),
    path("org/regions/new/", org_pages.region_create, name="region_create"),
    path("org/regions/<int:pk>/edit/", org_pages.region_edit, name="region_edit"),
]
