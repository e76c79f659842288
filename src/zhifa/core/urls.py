from django.urls import path

from . import holiday_pages, number_format_pages, org_pages, views

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
    path("org/calendar/", holiday_pages.holiday_override_list, name="holiday_override_list"),
    path("org/calendar/new/", holiday_pages.holiday_override_create, name="holiday_override_create"),
    path("org/calendar/<int:pk>/edit/", holiday_pages.holiday_override_edit, name="holiday_override_edit"),
    path(
        "org/calendar/<int:pk>/delete/", holiday_pages.holiday_override_delete, name="holiday_override_delete"
    ),
    path("org/number-formats/", number_format_pages.number_format_list, name="number_format_list"),
    path("org/number-formats/new/", number_format_pages.number_format_create, name="number_format_create"),
    path(
        "org/number-formats/<int:pk>/edit/", number_format_pages.number_format_edit, name="number_format_edit"
    ),
    path(
        "org/number-formats/<int:pk>/delete/",
        number_format_pages.number_format_delete,
        name="number_format_delete",
    ),
]
