"""达标情况: per agency, 法制审核人员 against the 5% requirement, certificate coverage and training;
and per agency the officers short of this year's training hours."""

from collections import Counter

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from zhifa.core import access
from zhifa.core.exports import xlsx_response
from zhifa.core.models import Agency
from zhifa.core.pagination import paginate

from .. import selectors
from ._common import year_param

VIEW_OFFICER = "registry.view_officer"


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def compliance(request):
    year = year_param(request)
    agencies = access.visible_to(
        request.user, Agency.objects.select_related("region"), VIEW_OFFICER
    ).order_by("region__code", "name")
    page = paginate(request, agencies)
    ids = [agency.pk for agency in page]
    ratios = selectors.agency_ratios(Agency.objects.filter(pk__in=ids))
    standings = selectors.training_standings(
        selectors.officers_visible_to(request.user).filter(agency_id__in=ids), year
    )
    short = Counter(s.officer.agency_id for s in standings if s.is_short)
    rows = [
        {
            "agency": agency,
            "ratios": ratios[agency.pk],
            "coverage": round(ratios[agency.pk].coverage * 100, 1),
            "qualified_share": round(ratios[agency.pk].qualified_share * 100, 1),
            "short": short.get(agency.pk, 0),
        }
        for agency in page
    ]
    context = {"page": page, "rows": rows, "year": year, "filters": {"year": str(year)}}
    return render(request, "registry/compliance.html", context)


def _standings(request, agency_id: int, year: int, *, everyone: bool):
    agency = access.get_visible_or_404(
        request.user, Agency.objects.select_related("region"), VIEW_OFFICER, pk=agency_id
    )
    standings = selectors.training_standings(
        selectors.officers_visible_to(request.user, agency_id=agency.pk), year
    )
    return agency, standings if everyone else [s for s in standings if s.is_short]


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def compliance_training(request, agency_id: int):
    year = year_param(request)
    everyone = bool(request.GET.get("all"))
    agency, standings = _standings(request, agency_id, year, everyone=everyone)
    context = {"agency": agency, "standings": standings, "year": year, "everyone": everyone}
    return render(request, "registry/compliance_training.html", context)


TRAINING_HEADERS = [
    "姓名",
    "所在机关",
    "年度",
    "已完成学时",
    "应完成学时",
    "差额学时",
    "公共法律知识学时",
    "公共法律知识应完成学时",
    "公共法律知识差额学时",
]


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def compliance_training_export(request, agency_id: int):
    year = year_param(request)
    agency, standings = _standings(request, agency_id, year, everyone=bool(request.GET.get("all")))
    rows = (
        (
            s.officer.name,
            agency.name,
            year,
            s.hours,
            s.target,
            s.shortfall,
            s.public_law_hours,
            s.public_law_target,
            s.public_law_shortfall,
        )
        for s in standings
    )
    return xlsx_response(f"{agency.name}{year}年度培训学时.xlsx", TRAINING_HEADERS, rows)


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def compliance_reviewers(request, agency_id: int):
    """法制审核人员: each one's 法律职业资格 and this year's 法制审核业务 training against the target."""
    year = year_param(request)
    agency = access.get_visible_or_404(
        request.user, Agency.objects.select_related("region"), VIEW_OFFICER, pk=agency_id
    )
    standings = selectors.reviewer_standings([agency.pk], year)
    ratios = selectors.agency_ratios(Agency.objects.filter(pk=agency.pk))[agency.pk]
    context = {
        "agency": agency,
        "standings": standings,
        "year": year,
        "ratios": ratios,
        "qualified_share": round(ratios.qualified_share * 100, 1),
    }
    return render(request, "registry/compliance_reviewers.html", context)
