"""全员轮训完成率: per agency the user reads (an agency its own, a justice bureau its region's), the share
of its active 行政执法人员 whose training hours this year reach the requirement; searchable by agency name,
sortable, paged, exported to Excel. One grouped query (selectors.completion_rows)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import list_context
from zhifa.registry import clocks as registry_clocks

from .. import selectors
from ..transitions import VIEW_PLAN
from .shared import this_year

FILTERS = ("q", "year")


def _rows(request):
    rows = selectors.completion_rows(request.user, this_year(request), q=request.GET.get("q", ""))
    return selectors.COMPLETION_SORTS.of(request).apply(rows)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def completion(request):
    context = list_context(request, _rows(request), keys=FILTERS, sorts=selectors.COMPLETION_SORTS)
    page = context["page"]
    page.object_list = [selectors.completion_of(row) for row in page.object_list]
    context.update(year=this_year(request), target=registry_clocks.training_hours_per_year())
    return render(request, "training/completion.html", context)


COMPLETION_EXPORT = exports.register(
    exports.ListExport(
        key="training.completion",
        filename="全员轮训完成率.xlsx",
        columns=(
            Column("机关", lambda r: r["agency_name"]),
            Column("在岗执法人员", lambda r: r["officers"]),
            Column("学时达标人数", lambda r: r["reached"]),
            Column("完成率", lambda r: selectors.completion_of(r).percent),
        ),
        queryset=lambda user, params: _rows(exports.request_of(params, user)),
        perm=VIEW_PLAN,
    )
)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def completion_export(request):
    return exports.respond(request, COMPLETION_EXPORT)
