from importlib.util import find_spec

from django.urls import include, path

from .views import detail, lists, steps

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="case_list"),
    path("export.xlsx", lists.case_export, name="case_export"),
    path("new/", steps.case_intake, name="case_intake"),
    path("simple/new/", steps.simple_new, name="simple_new"),
    path("<int:pk>/", detail.case_detail, name="case_detail"),
    path("<int:pk>/recommend/", steps.case_recommend, name="case_recommend"),
    path("<int:pk>/<slug:action>/", steps.case_action, name="case_action"),
]

# The evidence and documents pages live in their own url modules (no app_name of their own: their
# names join the "cases" namespace); until they exist, the pages above work on their own. find_spec
# rather than try/except ImportError, so a real error in them still shows. They come first, so that
# their own paths under <pk>/ win over the generic step path.
for module in ("zhifa.cases.urls_evidence", "zhifa.cases.urls_documents"):
    if find_spec(module) is not None:
        urlpatterns.insert(0, path("", include(module)))
