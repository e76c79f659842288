"""公示 pages of the catalogue, open to everyone (mounted at /gs/catalog/). Published versions only."""

from django.urls import path

from .views import public

app_name = "catalog_public"

urlpatterns = [
    path("", public.public_index, name="index"),
    path("<int:agency_id>/", public.public_catalog, name="catalog"),
    path("<int:agency_id>/versions/", public.public_versions, name="versions"),
    path("<int:agency_id>/benchmarks/", public.public_benchmarks, name="benchmarks"),
    path("<int:agency_id>/items/<str:code>/", public.public_item, name="item"),
    path("<int:agency_id>/flowcharts/", public.public_flowcharts, name="flowcharts"),
    path(
        "<int:agency_id>/flowcharts/<slug:procedure>.svg",
        public.public_flowchart_file,
        name="flowchart_svg",
    ),
]
