from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.scheme_list, name="scheme_list"),
    path("new/", views.scheme_create, name="scheme_create"),
    path("<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("<int:pk>/publish/", views.scheme_publish, name="scheme_publish"),
    path("<int:pk>/revise/", views.scheme_revise, name="scheme_revise"),
    path("<int:pk>/nodes/new/", views.node_add, name="node_add"),
    path("<int:pk>/weights/", views.weights_edit, name="weights_edit"),
    path("nodes/<int:pk>/edit/", views.node_edit, name="node_edit"),
    path("nodes/<int:pk>/remove/", views.node_remove, name="node_remove"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/ranking/publish/", views.ranking_publish, name="ranking_publish"),
    path("<int:pk>/report.docx", views.report_file, {"fmt": "docx"}, name="report_docx"),
    path("<int:pk>/report.xlsx", views.report_file, {"fmt": "xlsx"}, name="report_xlsx"),
    path("<int:pk>/drill/<int:node>/<int:agency>/", views.drill, name="drill"),
    path("<int:pk>/score/<int:node>/<int:agency>/", views.score_enter, name="score"),
    path("files/<int:pk>/", views.score_file, name="score_file"),
    path("results/", views.result_list, name="result_list"),
    path("results/<int:pk>/", views.result_detail, name="result_detail"),
    path("results/<int:pk>/consequence/", views.consequence_new, name="consequence_new"),
]
