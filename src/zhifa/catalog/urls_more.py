"""Pages of the catalogue beyond versions and items: 裁量基准 and its calculator and evaluations, 赋权乡镇,
岗位职权分解 and 执法流程图. Included by catalog.urls inside its "catalog" namespace (so no app_name here)."""

from django.urls import path

from .views import delegations, discretion, duties, flowcharts

urlpatterns = [
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
