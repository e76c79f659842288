"""Pages of the catalogue: versions and items, 裁量基准 with its calculator and evaluations, 赋权乡镇,
岗位职权分解 and 执法流程图 (the public pages are in public_urls.py)."""

from django.urls import path

from .views import delegations, discretion, duties, flowcharts, reviews, versions

app_name = "catalog"

urlpatterns = [
    path("versions/", versions.version_list, name="version_list"),
    path("versions/<int:pk>/", versions.version_detail, name="version_detail"),
    path("versions/<int:pk>/items/new/", versions.item_create, name="item_create"),
    path("versions/<int:pk>/submit/", versions.version_submit, name="version_submit"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("draft/", versions.draft, name="draft"),
    path("items/", versions.item_list, name="item_list"),
    path("items/export.xlsx", versions.item_export, name="item_export"),
    path("items/<int:pk>/", versions.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", versions.item_edit, name="item_edit"),
    path("items/<int:pk>/remove/", versions.item_remove, name="item_remove"),
    path("import/", versions.import_page, name="import"),
    path("import/template/<slug:kind>/", versions.import_template, name="import_template"),
    path("items/<int:item_pk>/benchmark/", discretion.benchmark_edit, name="benchmark_edit"),
    path("calculator/", discretion.calculator, name="calculator"),
    path("calculator/items/", discretion.calculator_items_options, name="calculator_items"),
    path("benchmark-evaluations/", discretion.benchmark_evaluations, name="benchmark_evaluations"),
    path("delegations/", delegations.delegation_list, name="delegation_list"),
    path("delegations/export.xlsx", delegations.delegation_export, name="delegation_export"),
    path("delegations/new/", delegations.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/", delegations.delegation_detail, name="delegation_detail"),
    path("delegations/<int:pk>/evaluate/", delegations.delegation_evaluate, name="delegation_evaluate"),
    path("duties/", duties.duties, name="duties"),
    path("duties/export.xlsx", duties.duties_export, name="duties_export"),
    path("duties/<int:agency_id>/units/new/", duties.org_unit_create, name="org_unit_create"),
    path("duties/<int:agency_id>/assign/", duties.duty_assign, name="duty_assign"),
    path("flowcharts/", flowcharts.flowcharts, name="flowcharts"),
    path("flowcharts/<int:agency_id>/<slug:procedure>.svg", flowcharts.flowchart_file, name="flowchart_svg"),
]
