"""公示 (no login, mounted at /gs/catalog/): per agency the 行政执法事项清单 in force and its derived lists,
the history of published versions with their diffs and content hashes, the published discretion
benchmarks, each item's 服务指南, and the flow charts. Only published versions are ever read here — a
draft never reaches these pages."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zhifa.core import panels
from zhifa.core.models import Agency
from zhifa.core.pagination import paginate

from .. import selectors, versioning
from ..choices import ItemCategory, ProcedureStep, VersionStatus
from ..models import BenchmarkLevel, CatalogVersion, EnforcementItem, Exemption
from .discretion import benchmark_of
from .flowcharts import charts_of, svg_response

PART_LABELS = {
    "legal_bases": "设定依据",
    "benchmark": "裁量基准",
    **{
        f.name: str(f.verbose_name)
        for f in EnforcementItem._meta.get_fields()
        if getattr(f, "verbose_name", None) and not f.auto_created
    },
    "field_id": "执法领域",
    "implementing_body_id": "实施主体",
    **versioning.RETIRED_LABELS,
}
STEP_LABELS = dict(ProcedureStep.choices)


def _agency(agency_id: int) -> Agency:
    return get_object_or_404(Agency.objects.select_related("region"), pk=agency_id, active=True)


def published_versions(agency: Agency):
    return CatalogVersion.objects.filter(agency=agency, status=VersionStatus.PUBLISHED)


def _next_version(agency: Agency):
    """A published version whose effective date has not come yet (announced in advance)."""
    return (
        published_versions(agency)
        .filter(effective_from__gt=timezone.localdate())
        .order_by("effective_from", "number")
        .first()
    )


def public_index(request):
    q = request.GET.get("q", "").strip()
    agencies = (
        Agency.objects.filter(active=True, catalog_versions__status=VersionStatus.PUBLISHED)
        .select_related("region")
        .distinct()
        .order_by("region__code", "name")
    )
    if q:
        agencies = agencies.filter(name__icontains=q)
    page = paginate(request, agencies, per_page=50)
    return render(request, "catalog/public_index.html", {"page": page, "filters": {"q": q}, "q": q})


def public_catalog(request, agency_id: int):
    agency = _agency(agency_id)
    version = selectors.version_in_force(agency)
    list_name = request.GET.get("list", "all")
    list_name = list_name if list_name in selectors.DERIVED_LISTS else "all"
    q = request.GET.get("q", "").strip()
    items = selectors.items_of_list(version, list_name, q=q) if version else EnforcementItem.objects.none()
    page = paginate(request, items, per_page=50)
    context = {
        "agency": agency,
        "version": version,
        "next_version": _next_version(agency),
        "lists": [(key, label) for key, (label, _) in selectors.DERIVED_LISTS.items()],
        "list_name": list_name,
        "list_label": selectors.DERIVED_LISTS[list_name][0],
        "page": page,
        "rows": [(item, [STEP_LABELS.get(s, s) for s in item.av_steps]) for item in page],
        "q": q,
        "filters": {"list": list_name if list_name != "all" else "", "q": q},
    }
    return render(request, "catalog/public_catalog.html", context)


def public_item(request, agency_id: int, code: str):
    """服务指南 of one item of the version in force: what it is, its legal bases, and its benchmark."""
    agency = _agency(agency_id)
    item = selectors.item_in_force(agency, code)
    if item is None:
        raise Http404("施行中的清单没有该事项")
    context = {
        "agency": agency,
        "item": item,
        "version": item.version,
        "bases": list(item.legal_bases.order_by("id")),
        "benchmark": benchmark_of(item) if item.category == ItemCategory.PENALTY else None,
        "av_steps": [STEP_LABELS.get(s, s) for s in item.av_steps],
        # cards later apps add (slot "public_item": the 指导案例 of the item, guidance)
        "panels": panels.render("public_item", request, "item", item),
    }
    return render(request, "catalog/public_item.html", context)


def public_benchmarks(request, agency_id: int):
    agency = _agency(agency_id)
    version = selectors.version_in_force(agency)
    items = EnforcementItem.objects.none()
    if version is not None:
        items = (
            version.items.filter(benchmark__isnull=False)
            .select_related("benchmark", "benchmark__legal_basis")
            .prefetch_related(
                Prefetch("benchmark__levels", queryset=BenchmarkLevel.objects.order_by("fact_min", "id")),
                Prefetch("benchmark__exemptions", queryset=Exemption.objects.order_by("id")),
            )
            .order_by("code")
        )
    page = paginate(request, items, per_page=20)
    return render(
        request,
        "catalog/public_benchmarks.html",
        {"agency": agency, "version": version, "page": page, "filters": {}},
    )


def _diff_view(diff: dict) -> dict:
    return {
        "added": diff.get("added", []),
        "removed": diff.get("removed", []),
        "changed": [
            {**change, "parts": [PART_LABELS.get(part, part) for part in change.get("parts", [])]}
            for change in diff.get("changed", [])
        ],
    }


def public_versions(request, agency_id: int):
    """历次版本: reason, dates, the diff against the previous version, and the content hash anyone can
    check the published text against."""
    agency = _agency(agency_id)
    versions = published_versions(agency).order_by("-number")
    page = paginate(request, versions, per_page=20)
    in_force = selectors.version_in_force(agency)
    rows = [
        {
            "version": v,
            "diff": _diff_view(v.diff or {}),
            "in_force": in_force is not None and v.pk == in_force.pk,
        }
        for v in page
    ]
    return render(
        request, "catalog/public_versions.html", {"agency": agency, "page": page, "rows": rows, "filters": {}}
    )


def public_flowcharts(request, agency_id: int):
    agency = _agency(agency_id)
    return render(request, "catalog/public_flowcharts.html", {"agency": agency, "charts": charts_of(agency)})


def public_flowchart_file(request, agency_id: int, procedure: str):
    return svg_response(_agency(agency_id), procedure)
