"""Who receives a 抄告. The 职责边界 register (collaboration.boundaries) says first: an item transferred from a
business department to a 综合行政执法部门 ties the two — the department's approvals of it are told to that agency,
and that agency's penalties under it are told back to the department. Where the register holds nothing,
competence is read from the agencies and the catalogue:

- the 综合行政执法部门 of a region: an active agency of the region (or the nearest region up) of kind
  AgencyKind.COMPREHENSIVE, or named with the setting ZHIFA_COMPREHENSIVE_AGENCY_NAME (default
  综合行政执法局: a 综合行政执法局 set up as a government department of its own), standalone ones first;
- the business department competent for a penalty of the 综合行政执法部门: the department it was set up in
  (Agency.parent, in the same region), else an active department of the same region whose published catalogue holds items of
  the case's 执法领域. None when neither is found: the sender chooses the receiver when it sends."""

from django.conf import settings
from django.db.models import Q, QuerySet

from zhifa.catalog.choices import VersionStatus
from zhifa.core.choices import AgencyKind
from zhifa.core.models import Agency, Region

from ..boundaries import selectors as boundary_selectors


def comprehensive_name() -> str:
    return getattr(settings, "ZHIFA_COMPREHENSIVE_AGENCY_NAME", "综合行政执法局")


def comprehensive_q() -> Q:
    return Q(kind=AgencyKind.COMPREHENSIVE) | Q(name__endswith=comprehensive_name())


def is_comprehensive(agency: Agency) -> bool:
    return agency.kind == AgencyKind.COMPREHENSIVE or agency.name.endswith(comprehensive_name())


def comprehensive_agency_of(agency: Agency, item_codes=()) -> Agency | None:
    """The 综合行政执法部门 an approval of `agency` is told to (never the agency itself or its own units): the one
    the register says took over the approval's item (or, with no item, any item) from it, else the region's."""
    row = boundary_selectors.transferred_from(agency, item_codes)
    if row is not None and row.agency.active:
        return row.agency
    region: Region | None = agency.region
    while region is not None:
        found = (
            Agency.objects.filter(comprehensive_q(), region=region, active=True)
            .exclude(pk=agency.pk)
            .exclude(parent=agency)
            .order_by("pk")
        )
        candidates = sorted(
            found, key=lambda a: (a.parent_id is not None, a.kind != AgencyKind.COMPREHENSIVE)
        )
        if candidates:
            return candidates[0]
        region = region.parent
    return None


def competent_department(case) -> Agency | None:
    """The business department a penalty of the 综合行政执法部门 `case.agency` is fed back to: the one the
    register says the case's item came from, else the department it was set up in, else the catalogue's."""
    agency = case.agency
    codes = list(case.items.values_list("code", flat=True))
    row = boundary_selectors.transferred_to(agency, codes) if codes else None
    if row is not None and row.from_agency.active:
        return row.from_agency
    parent = agency.parent
    if parent is not None and parent.active and parent.region_id == agency.region_id:
        return parent
    departments: QuerySet[Agency] = (
        Agency.objects.filter(region=agency.region, active=True, kind=AgencyKind.DEPARTMENT)
        .exclude(comprehensive_q())
        .filter(
            catalog_versions__status=VersionStatus.PUBLISHED,
            catalog_versions__items__field_id=case.field_id,
        )
        .distinct()
        .order_by("pk")
    )
    return departments.first()
