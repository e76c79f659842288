"""执法流程图 of an agency: 简易程序 and 普通程序, drawn from catalog.procedures (read from the case state
machine's table), with the agency's items that the catalogue singles out along the way."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.core.selectors import active_agencies

from .. import procedures, selectors
from ..flowchart import flowchart_svg
from ..forms.discretion_delegations_duties import visible_agency_or_404

VIEW_VERSION = "catalog.view_catalogversion"


def chart_title(agency: Agency, procedure: str) -> str:
    return f"{agency.name} {procedures.Procedure(procedure).label}流程图"


def charts_of(agency: Agency) -> list[dict]:
    """Both procedures' charts of `agency`: code, label and the inline SVG (built by us, escaped)."""
    return [
        {
            "procedure": flow.procedure,
            "label": procedures.Procedure(flow.procedure).label,
            "svg": mark_safe(
                flowchart_svg(flow, title=chart_title(agency, flow.procedure)).split("?>", 1)[1]
            ),
        }
        for flow in procedures.flows().values()
    ]


def svg_response(agency: Agency, procedure: str) -> HttpResponse:
    if procedure not in procedures.Procedure.values:
        raise Http404("没有该执法程序")
    response = HttpResponse(
        flowchart_svg(procedures.flow(procedure), title=chart_title(agency, procedure)),
        content_type="image/svg+xml",
    )
    response["Content-Disposition"] = "inline"
    return response


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def flowcharts(request):
    agency = visible_agency_or_404(request.user, VIEW_VERSION, request.GET.get("agency"))
    agencies = active_agencies(request.user, VIEW_VERSION)
    context = {"agency": agency, "agencies": agencies, "charts": charts_of(agency) if agency else []}
    if agency is not None and (version := selectors.version_in_force(agency)):
        context["version"] = version
        context["review_count"] = version.items.filter(needs_legal_review=True).count()
        context["av_count"] = version.items.exclude(av_steps=[]).count()
    return render(request, "catalog/flowcharts.html", context)


@login_required
@permission_required(VIEW_VERSION, raise_exception=True)
def flowchart_file(request, agency_id: int, procedure: str):
    agency = access.get_visible_or_404(request.user, Agency.objects.all(), VIEW_VERSION, pk=agency_id)
    return svg_response(agency, procedure)
