"""案卷评查 pages — no app_name of their own: zhifa.supervision.urls includes them in the "supervision" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("export.xlsx", views.campaign_export, name="campaign_export"),
    path("new/", views.campaign_new, name="campaign_new"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/commit/", views.campaign_commit, name="campaign_commit"),
    path("<int:pk>/draw/", views.campaign_draw, name="campaign_draw"),
    path("<int:pk>/do/<slug:action>/", views.campaign_action, name="campaign_action"),
    path("<int:pk>/report.<str:fmt>", views.campaign_report, name="campaign_report"),
    path("<int:pk>/draw.json", views.campaign_draw_file, name="campaign_draw_file"),
    path("<int:pk>/files/", views.campaign_files, name="campaign_files"),
    path("<int:pk>/files/export.xlsx", views.campaign_files_export, name="campaign_files_export"),
    path("files/<int:pk>/", views.campaign_file, name="campaign_file"),
    path("files/<int:pk>/rectify/", views.campaign_file_rectify, name="campaign_file_rectify"),
    path("reviews/<int:pk>/", views.campaign_score, name="campaign_score"),
    path("templates/", views.campaign_templates, name="campaign_templates"),
    path(
        "templates/<int:pk>/new-version/",
        views.campaign_template_new_version,
        name="campaign_template_new_version",
    ),
    path("templates/versions/<int:pk>/", views.campaign_template_version, name="campaign_template_version"),
    path("templates/versions/<int:pk>/edit/", views.campaign_template_edit, name="campaign_template_edit"),
    path(
        "templates/versions/<int:pk>/publish/",
        views.campaign_template_publish,
        name="campaign_template_publish",
    ),
]
