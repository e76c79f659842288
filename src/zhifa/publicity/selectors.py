"""行政执法公示 — reads. Public selectors return only what is published; staff ones are scoped by
core.access."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, Exists, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from zhifa.core import access
from zhifa.core.models import Agency, Region
from zhifa.core.sorting import SortColumn, Sorts

from . import search
from .annual_report import due_date
from .choices import DisclosureKind, DisclosureStatus, ReportStatus
from .models import AnnualReport, Disclosure

CREDIT_CODE = re.compile(r"[0-9A-Za-z]{18}")


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    party: str = ""
    item: str = ""
    agency: int | None = None
    region: str = ""  # 区划代码: entries of the agencies in that region and below
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_query(cls, params) -> "SearchFilters":
        """From request.GET: anything malformed is dropped, never an error page."""

        def day(name):
            try:
                return date.fromisoformat(params.get(name, "").strip())
            except ValueError:
                return None

        agency = params.get("agency", "").strip()
        kind = params.get("kind", "").strip()
        region = params.get("region", "").strip()
        return cls(
            q=search.clean_query(params.get("q", "")),
            party=search.clean_query(params.get("party", "")),
            item=search.clean_query(params.get("item", "")),
            agency=int(agency) if agency.isdigit() and len(agency) < 10 else None,
            region=region if region.isdigit() and len(region) <= 9 else "",
            kind=kind if kind in DisclosureKind.values else "",
            date_from=day("from"),
            date_to=day("to"),
        )

    def as_query(self) -> dict:
        return {
            "q": self.q,
            "party": self.party,
            "item": self.item,
            "agency": self.agency or "",
            "region": self.region,
            "kind": self.kind,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }


def published() -> QuerySet[Disclosure]:
    """Entries the public may find: currently published (superseded and withdrawn ones are reached
    only through their own pages)."""
    return Disclosure.objects.filter(status=DisclosureStatus.PUBLISHED)


NEWEST_FIRST = (
    "-published_on",
    "-id",
)  # backed by the (status, published_on) and (agency, published_on) indexes


def latest_published(
    *, agency: Agency | None = None, inspections: bool | None = None
) -> QuerySet[Disclosure]:
    """最新公示, newest 公示日期 first (ties: the later entry first). `inspections` True keeps only
    inspection results, False only decisions, None both."""
    rows = published().select_related("agency")
    if agency is not None:
        rows = rows.filter(agency=agency)
    if inspections is True:
        rows = rows.filter(kind=DisclosureKind.INSPECTION)
    elif inspections is False:
        rows = rows.exclude(kind=DisclosureKind.INSPECTION)
    return rows.order_by(*NEWEST_FIRST)


def search_published(filters: SearchFilters) -> QuerySet[Disclosure]:
    rows = published()
    if filters.agency:
        rows = rows.filter(agency_id=filters.agency)
    if filters.region:
        rows = rows.filter(agency__region__path__startswith=_region_path(filters.region))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if CREDIT_CODE.fullmatch(filters.party):
        rows = rows.filter(credit_code=filters.party.upper())
    elif filters.party:
        # The name is part of the indexed text: the trigram index finds the candidates, the field decides.
        rows = search.matching(rows, filters.party).filter(subject_name__contains=filters.party)
    if filters.item:
        rows = search.matching(rows, filters.item).filter(items__contains=filters.item)
    if filters.date_from:
        rows = rows.filter(decided_on__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(decided_on__lte=filters.date_to)
    rows = search.matching(rows, filters.q)
    return rows.select_related("agency").order_by(*NEWEST_FIRST)


def public_entry(pk: int) -> Disclosure | None:
    """A disclosure that was ever published (None for drafts, withheld and unknown ids)."""
    return (
        Disclosure.objects.select_related("agency")
        .exclude(status__in=(DisclosureStatus.DRAFT, DisclosureStatus.WITHHELD))
        .filter(pk=pk)
        .first()
    )


def public_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(active=True).select_related("region").order_by("region__path", "name")


def _region_path(code: str) -> str:
    """The region's path, or one no agency has (an unknown code finds nothing rather than everything)."""
    region = Region.objects.filter(code=code).only("path").first()
    return region.path if region is not None else f"{code}/unknown/"


def portal_region(code: str) -> Region | None:
    return Region.objects.filter(code=code).first() if code else None


def portal_child_regions(region: Region | None) -> QuerySet[Region]:
    """The regions one level below `region` (the top-level ones for None) where an active agency sits in
    the subtree — the next step of the 按地区 navigation, never an empty branch. A level has tens of
    regions at most (GB/T 2260), so the step is one short list."""
    rows = Region.objects.filter(parent=region) if region is not None else Region.objects.filter(parent=None)
    with_agencies = Agency.objects.filter(active=True, region__path__startswith=OuterRef("path"))
    return rows.filter(Exists(with_agencies)).order_by("code")


def portal_region_agencies(region: Region) -> QuerySet[Agency]:
    """The active agencies seated in `region` itself (those below are reached through its sub-regions)."""
    return Agency.objects.filter(active=True, region=region).order_by("name", "id")


def region_trail(region: Region) -> list[Region]:
    """The region and its ancestors, root first (the breadcrumb), from the codes of its path."""
    codes = [code for code in region.path.split("/") if code]
    by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


# The staff list's sortable columns on the core list kit — only columns publicity already indexes with the
# agency (0001/0002: agency+status+due_on, agency+decided_on, agency+published_on); the default stays
# drafts first by deadline.
DISCLOSURE_SORTS = Sorts(
    SortColumn("status", "状态", ("status", "due_on")),
    SortColumn("decided", "决定日期", ("decided_on",)),
    SortColumn("published", "公示日期", ("published_on",)),
)


def disclosures_visible_to(user, *, status: str = "", q: str = "") -> QuerySet[Disclosure]:
    rows = access.visible_to(user, Disclosure.objects.select_related("agency"))
    if status in DisclosureStatus.values:
        rows = rows.filter(status=status)
    if q := search.clean_query(q):
        rows = rows.filter(subject_name__contains=q) | rows.filter(number__contains=q)
    return rows.order_by("status", "due_on", "-id")


def published_reports(agency: Agency) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency=agency, status=ReportStatus.PUBLISHED).order_by("-year")


def agencies_without_report(user, year: int) -> list[tuple[Agency, AnnualReport | None, bool]]:
    """For the justice bureau: every agency in the user's view whose 统计年报 for `year` is not public,
    with its draft (if any) and whether the January 31 deadline has passed."""
    agencies = access.visible_to(user, Agency.objects.filter(active=True), "publicity.view_annualreport")
    agencies = agencies.exclude(kind="justice").select_related("region").order_by("region__path", "name")
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(year=year, agency__in=agencies)}
    overdue = timezone.localdate() > due_date(year)
    return [
        (agency, reports.get(agency.pk), overdue)
        for agency in agencies
        if getattr(reports.get(agency.pk), "status", None) != ReportStatus.PUBLISHED
    ]


# ---- the 公示 of another app's records (publicity owns publication; later apps read it here) -------------


def _versions_of(rows: QuerySet) -> QuerySet[Disclosure]:
    """Every disclosure version drafted from the row of `rows` that OuterRef("pk") points at."""
    return Disclosure.objects.filter(
        source_type=rows.model._meta.label_lower, source_id=Cast(OuterRef("pk"), CharField())
    )


def with_publicity(rows: QuerySet) -> QuerySet:
    """`rows` (records drafted from an event, e.g. inspection results) annotated with their 公示:
    publicity_due (the first version's deadline), publicity_on (the day it first went public),
    publicity_status (the latest version's status) and publicity_label (its Chinese label).
    A row with no disclosure has None and ""."""
    versions = _versions_of(rows)
    labels = [When(publicity_status=value, then=Value(label)) for value, label in DisclosureStatus.choices]
    return rows.annotate(
        publicity_due=Subquery(versions.order_by("version").values("due_on")[:1]),
        publicity_on=Subquery(
            versions.filter(published_on__isnull=False).order_by("version").values("published_on")[:1]
        ),
        publicity_status=Subquery(versions.order_by("-version").values("status")[:1]),
    ).annotate(publicity_label=Case(*labels, default=Value(""), output_field=CharField()))


def awaiting_publicity(rows: QuerySet) -> QuerySet:
    """The rows whose disclosure is a draft not yet approved (待公示)."""
    return with_publicity(rows).filter(publicity_status=DisclosureStatus.DRAFT)


def publicly_shown(rows: QuerySet) -> QuerySet:
    """The rows whose disclosure is public now (not withdrawn, expired or withheld)."""
    shown = _versions_of(rows).filter(status=DisclosureStatus.PUBLISHED)
    return with_publicity(rows).filter(Exists(shown))
