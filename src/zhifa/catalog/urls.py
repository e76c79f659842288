from importlib.util import find_spec

from django.urls import include, path

from .views import versions

app_name = "catalog"

urlpatterns = [
    path("versions/", versions.version_list, name="version_list"),
    path("versions/<int:pk>/", versions.version_detail, name="version_detail"),
    path("versions/<int:pk>/items/new/", versions.item_create, name="item_create"),
    path("versions/<int:pk>/publish/", versions.version_publish, name="version_publish"),
    path("draft/", versions.draft, name="draft"),
    path("items/", versions.item_list, name="item_list"),
    path("items/export.xlsx", versions.item_export, name="item_export"),
    path("items/<int:pk>/", versions.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", versions.item_edit, name="item_edit"),
    path("items/<int:pk>/remove/", versions.item_remove, name="item_remove"),
    path("import/", versions.import_page, name="import"),
    path("import/template/<slug:kind>/", versions.import_template, name="import_template"),
]

# The benchmark, calculator, delegation, duty, flow-chart and public pages live in their own url module
# (no app_name of its own: its names join the "catalog" namespace); until it exists, the pages above
# work on their own. find_spec rather than try/except ImportError, so a real error in it still shows.
if find_spec("zhifa.catalog.urls_more") is not None:
    urlpatterns += [path("", include("zhifa.catalog.urls_more"))]
