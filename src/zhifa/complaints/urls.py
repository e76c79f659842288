from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("export.xlsx", views.complaint_export, name="export"),
    path("new/", views.complaint_new, name="new"),
    path("import/", views.complaint_import, name="import"),
    path("stats/", views.complaint_stats, name="stats"),
    path("stats/export.xlsx", views.complaint_stats_xlsx, name="stats_xlsx"),
    path("stats/circular.docx", views.complaint_report_docx, name="circular"),
    path("files/<int:pk>/", views.complaint_file, name="file"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.complaint_step, name="step"),
    path("bulletins/", views.complaint_bulletins, name="bulletins"),
    path("bulletins/<int:pk>/", views.complaint_bulletin_file, name="bulletin_file"),
]
