"""公示 portal (no login, /gs/): published decisions and inspection results with their proofs, the
checkpoints, the browser verifier and the 统计年报. Nothing unpublished is ever read here."""

import json
from datetime import date
from functools import cached_property

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from zhifa.core.models import Agency
from zhifa.core.pagination import paginate
from zhifa.core.params import page_number

from .. import log, selectors
from ..annual_report import sections
from ..choices import TAKEN_DOWN, DisclosureKind, DisclosureStatus, ReportStatus
from ..http import cacheable, over_search_limit, too_many_searches
from ..models import AnnualReport, Checkpoint
from ..report_files import docx_response, xlsx_report_response

PER_PAGE = 20
RESULT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most RESULT_CAP matches: a common word among a million entries would otherwise cost a
    full count on every page; past the cap the page asks for narrower conditions."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: RESULT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > RESULT_CAP


@cacheable
def home(request):
    context = {
        "regions": selectors.portal_child_regions(None),
        "latest": selectors.latest_published()[:10],
        "checkpoint": log.latest_checkpoint(),
        "kinds": DisclosureKind.choices,
    }
    return render(request, "publicity/public_home.html", context)


def regions(request):
    """按地区查看: pick a region, step down to its sub-regions, then an agency seated there (paged); each
    agency leads to its own page and to the decision and inspection lists filtered on it. Not cacheable
    on the 公示 stamp: it changes with the agencies, not with publications."""
    region = selectors.portal_region(request.GET.get("region", "").strip()[:9])
    agencies = selectors.portal_region_agencies(region) if region is not None else None
    context = {
        "region": region,
        "trail": selectors.region_trail(region) if region is not None else [],
        "children": selectors.portal_child_regions(region),
        "page": paginate(request, agencies, per_page=PER_PAGE) if agencies is not None else None,
        "filters": {"region": region.code} if region is not None else {},
    }
    return render(request, "publicity/public_regions.html", context)


@cacheable
def agency(request, agency_id: int):
    agency = get_object_or_404(Agency.objects.select_related("region"), pk=agency_id, active=True)
    context = {
        "agency": agency,
        "decisions": selectors.latest_published(agency=agency, inspections=False)[:10],
        "inspections": selectors.latest_published(agency=agency, inspections=True)[:10],
        "reports": selectors.published_reports(agency),
    }
    return render(request, "publicity/public_agency.html", context)


def decisions(request):
    filters = selectors.SearchFilters.from_query(request.GET)
    searching = any((filters.q, filters.party, filters.item))
    if searching and over_search_limit(request):
        return too_many_searches(request)
    return _decision_list(request, filters)


@cacheable
def _decision_list(request, filters):
    paginator = CappedPaginator(selectors.search_published(filters), PER_PAGE)
    page = paginator.get_page(page_number(request))
    context = {
        "page": page,
        "f": filters,
        "filters": filters.as_query(),
        "region": selectors.portal_region(filters.region),
        "agencies": _agencies_to_pick(filters),
        "kinds": DisclosureKind.choices,
        "cap": RESULT_CAP,
    }
    return render(request, "publicity/public_decisions.html", context)


def _agencies_to_pick(filters):
    """The agency choices of the search form: those of the chosen region (one short list), or the chosen
    agency alone — never every agency of the province on one page (the region page leads to the others)."""
    if filters.region:
        region = selectors.portal_region(filters.region)
        return selectors.portal_region_agencies(region) if region is not None else []
    return selectors.public_agencies().filter(pk=filters.agency) if filters.agency else []


def _entry_or_404(pk: int):
    disclosure = selectors.public_entry(pk)
    if disclosure is None:
        raise Http404("未找到该公示条目")
    return disclosure


@cacheable
def decision(request, pk: int):
    """One entry. A withdrawn or expired one answers 404 with a notice (and the withdrawal reason)
    instead of its content; a superseded one stays readable and points to its correction."""
    disclosure = _entry_or_404(pk)
    if disclosure.status in TAKEN_DOWN:
        return render(request, "publicity/public_taken_down.html", {"d": disclosure}, status=404)
    context = {
        "d": disclosure,
        "newer": getattr(disclosure, "superseded_by", None)
        if disclosure.status == DisclosureStatus.SUPERSEDED
        else None,
        "in_log": hasattr(disclosure, "leaf"),
    }
    return render(request, "publicity/public_decision.html", context)


@cacheable
def decision_proof(request, pk: int):
    """The entry with its inclusion proof, as a file to keep and verify offline."""
    disclosure = _entry_or_404(pk)
    if disclosure.status in TAKEN_DOWN:
        raise Http404("该公示已撤下")
    bundle = log.proof_bundle(disclosure)
    if bundle is None:
        raise Http404("该条目尚未纳入检查点，请于下一检查点发布后下载")
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="publication-{disclosure.pk}-proof.json"'
    return response


@cacheable
def checkpoints(request):
    page = paginate(request, Checkpoint.objects.all(), per_page=PER_PAGE)
    return render(request, "publicity/public_checkpoints.html", {"page": page, "filters": {}})


@cacheable
def consistency(request, day: str):
    """Consistency proof from the checkpoint before `day` to the one of `day`."""
    try:
        new = get_object_or_404(Checkpoint, day=date.fromisoformat(day))
    except ValueError as exc:
        raise Http404("日期格式不正确") from exc
    old = Checkpoint.objects.filter(day__lt=new.day).order_by("-day").first()
    if old is None:
        raise Http404("这是第一个检查点，没有更早的检查点可比对")
    return JsonResponse(log.consistency(old, new) | {"old_day": str(old.day), "new_day": str(new.day)})


def verify(request):
    return render(request, "publicity/public_verify.html", {})


@cacheable
def reports(request):
    rows = (
        AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("agency")
        .order_by("-year", "agency__name")
    )
    page = paginate(request, rows, per_page=50)
    return render(request, "publicity/public_reports.html", {"page": page, "filters": {}})


def _published_report(agency_id: int, year: int):
    agency = get_object_or_404(Agency, pk=agency_id, active=True)
    report = selectors.published_reports(agency).filter(year=year).first()
    if report is None:
        raise Http404("该机关该年度的统计年报尚未公开")
    return report


@cacheable
def report(request, agency_id: int, year: int, fmt: str = "html"):
    report = _published_report(agency_id, year)
    if fmt == "docx":
        return docx_response(report)
    if fmt == "xlsx":
        return xlsx_report_response(report)
    return render(
        request, "publicity/public_report.html", {"report": report, "sections": sections(report.figures)}
    )
