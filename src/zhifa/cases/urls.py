from django.urls import include, path

from .views import detail, lists, periods, steps

app_name = "cases"

# The evidence and documents pages come first, so that their own paths under <pk>/ win over the
# generic step path (their names join the "cases" namespace).
urlpatterns = [
    path("", include("zhifa.cases.evidence.urls")),
    path("", include("zhifa.cases.documents.urls")),
    path("", lists.case_list, name="case_list"),
    path("export.xlsx", lists.case_export, name="case_export"),
    path("new/", steps.case_intake, name="case_intake"),
    path("simple/new/", steps.simple_new, name="simple_new"),
    path("statement-period/", periods.statement_period, name="statement_period"),
    path("<int:pk>/", detail.case_detail, name="case_detail"),
    path("<int:pk>/recommend/", steps.case_recommend, name="case_recommend"),
    path("<int:pk>/<slug:action>/", steps.case_action, name="case_action"),
]
