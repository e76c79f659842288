"""岗位职权分解: an agency's units and posts, which of them holds each item of its catalogue, and the two
things the supervisor looks for — 交叉 (an item held twice without a written division of work) and
空白 (an item nobody holds) — against the version in force or the draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core import access
from zhifa.core.exports import xlsx_response
from zhifa.core.forms import apply_errors
from zhifa.core.models import Agency
from zhifa.core.pagination import paginate
from zhifa.core.selectors import active_agencies

from .. import selectors, services
from ..choices import OPEN_STATUSES
from ..forms.discretion_delegations_duties import DutyAssignForm, OrgUnitForm, visible_agency_or_404
from ..models import CatalogVersion, DutyAssignment, OrgUnit

VIEW_DUTY = "catalog.view_dutyassignment"
BASES = {"force": "施行中的清单", "draft": "编制中的草稿"}
GAPS_SHOWN = 200


def _version(agency: Agency, basis: str) -> CatalogVersion | None:
    if basis == "draft":
        return CatalogVersion.objects.filter(agency=agency, status__in=OPEN_STATUSES).first()
    return selectors.version_in_force(agency)


def _basis(request) -> str:
    basis = request.POST.get("basis") or request.GET.get("basis", "")
    return basis if basis in BASES else "force"


def _page_url(agency: Agency, basis: str) -> str:
    return f"{reverse('catalog:duties')}?agency={agency.pk}&basis={basis}"


@login_required
@permission_required(VIEW_DUTY, raise_exception=True)
def duties(request):
    agency = visible_agency_or_404(request.user, VIEW_DUTY, request.GET.get("agency"))
    return _render(request, agency, _basis(request))


def _render(request, agency: Agency | None, basis: str, *, unit_form=None, assign_form=None):
    agencies = active_agencies(request.user, VIEW_DUTY)
    context = {
        "agency": agency,
        "agencies": agencies,
        "basis": basis,
        "bases": BASES,
        "basis_label": BASES[basis],
    }
    if agency is None:
        return render(request, "catalog/duty_page.html", context)
    version = _version(agency, basis)
    names = dict(version.items.values_list("code", "name")) if version else {}
    units = list(OrgUnit.objects.filter(agency=agency).select_related("parent"))
    assignments = DutyAssignment.objects.filter(agency=agency).select_related("unit", "unit__parent")
    page = paginate(request, assignments.order_by("item_code", "unit__name"), per_page=50)
    overlaps = selectors.duty_overlaps(agency, version)
    gaps = selectors.duty_gaps(agency, version) if version else None
    can_manage = access.can(request.user, services.MANAGE_CATALOG, agency)
    if can_manage:
        unit_form = unit_form or OrgUnitForm(agency=agency)
        assign_form = assign_form or DutyAssignForm(agency=agency, version=version)
    context.update(
        {
            "version": version,
            "units": [(u, [p for p in units if p.parent_id == u.pk]) for u in units if u.parent_id is None],
            "page": page,
            "rows": [(a, names.get(a.item_code), a.item_code in overlaps) for a in page],
            "overlaps": [(code, names.get(code, ""), holders) for code, holders in overlaps.items()],
            "gaps": list(gaps[:GAPS_SHOWN]) if gaps is not None else [],
            "gap_count": gaps.count() if gaps is not None else 0,
            "gaps_shown": GAPS_SHOWN,
            "can_manage": can_manage,
            "unit_form": unit_form if can_manage else None,
            "assign_form": assign_form if can_manage else None,
            "filters": {"agency": str(agency.pk), "basis": basis},
        }
    )
    return render(request, "catalog/duty_page.html", context)


def _managed_agency(request, agency_id: int) -> Agency:
    agency = access.get_visible_or_404(
        request.user, Agency.objects.select_related("region"), VIEW_DUTY, pk=agency_id
    )
    if not access.can(request.user, services.MANAGE_CATALOG, agency):
        raise PermissionDenied("您无权调整该机关的岗位职权")
    return agency


@login_required
@permission_required(VIEW_DUTY, raise_exception=True)
def org_unit_create(request, agency_id: int):
    agency = _managed_agency(request, agency_id)
    basis = _basis(request)
    if request.method != "POST":
        return redirect(_page_url(agency, basis))
    form = OrgUnitForm(request.POST, agency=agency)
    if form.is_valid():
        try:
            unit = services.org_unit_create(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已新增“{unit}”")
            return redirect(_page_url(agency, basis))
    return _render(request, agency, basis, unit_form=form)


@login_required
@permission_required(VIEW_DUTY, raise_exception=True)
def duty_assign(request, agency_id: int):
    agency = _managed_agency(request, agency_id)
    basis = _basis(request)
    if request.method != "POST":
        return redirect(_page_url(agency, basis))
    form = DutyAssignForm(request.POST, agency=agency, version=_version(agency, basis))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.duty_assign(
                actor=request.user, unit=data["unit"], item_code=data["item_code"], division=data["division"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已将事项{data['item_code']}分解到“{data['unit']}”")
            return redirect(_page_url(agency, basis))
    return _render(request, agency, basis, assign_form=form)


EXPORT_HEADERS = ["事项编码", "事项名称", "机构/岗位", "分工说明", "情况"]


@login_required
@permission_required(VIEW_DUTY, raise_exception=True)
def duties_export(request):
    agency = visible_agency_or_404(request.user, VIEW_DUTY, request.GET.get("agency"))
    if agency is None:
        raise PermissionDenied("请选择机关")
    version = _version(agency, _basis(request))
    names = dict(version.items.values_list("code", "name")) if version else {}
    overlaps = selectors.duty_overlaps(agency, version)
    assignments = (
        DutyAssignment.objects.filter(agency=agency)
        .select_related("unit", "unit__parent")
        .order_by("item_code", "unit__name")
    )

    def rows():
        for a in assignments.iterator(chunk_size=2000):
            state = (
                "交叉"
                if a.item_code in overlaps
                else ("不在清单中" if version and a.item_code not in names else "")
            )
            yield (a.item_code, names.get(a.item_code, ""), str(a.unit), a.division, state)
        if version is not None:
            for item in selectors.duty_gaps(agency, version).iterator(chunk_size=2000):
                yield (item.code, item.name, "", "", "空白")

    return xlsx_response(f"{agency.name}岗位职权分解.xlsx", EXPORT_HEADERS, rows())
