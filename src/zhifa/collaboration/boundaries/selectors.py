"""Reads of the 职责边界 register, and `competent_agencies`: who is competent for an item in a region —
the register first (the 综合行政执法部门 an item was transferred to), else the catalogue's ownership (the
agencies of the region whose 执法事项清单 in force lists it); plus the townships it was delegated to
(赋权乡镇, catalog.Delegation)."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhifa.catalog.choices import DelegationStatus, VersionStatus
from zhifa.catalog.models import CatalogVersion, Delegation
from zhifa.core import access
from zhifa.core.models import Agency, Region
from zhifa.core.sorting import SortColumn, Sorts

from ..models import BoundaryItem

VIEW = "collaboration.view_boundaryitem"
MANAGE = "collaboration.manage_boundaryitem"


def _region_chain(region: Region) -> list[str]:
    """The region's path and every ancestor's (a register row of the city covers its counties)."""
    parts = [p for p in region.path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def register_entry(item_code: str, region: Region, on: date | None = None) -> BoundaryItem | None:
    """The register row in force for `item_code` in `region` (the nearest region up the tree wins)."""
    on = on or timezone.localdate()
    rows = (
        BoundaryItem.objects.filter(item_code=item_code, region__path__in=_region_chain(region))
        .filter(transferred_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("agency", "from_agency", "region")
    )
    return max(rows, key=lambda row: len(row.region.path), default=None)


def register_entries(item_codes, region: Region, on: date | None = None) -> dict[str, BoundaryItem]:
    """The register rows in force for each of `item_codes` in `region` (the nearest region up the tree wins),
    in one query: code → row, codes the register does not hold left out."""
    on = on or timezone.localdate()
    rows = (
        BoundaryItem.objects.filter(item_code__in=list(item_codes), region__path__in=_region_chain(region))
        .filter(transferred_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("agency", "from_agency", "region")
    )
    found: dict[str, BoundaryItem] = {}
    for row in rows:
        held = found.get(row.item_code)
        if held is None or len(row.region.path) > len(held.region.path):
            found[row.item_code] = row
    return found


def transferred_from(agency: Agency, item_codes=(), on: date | None = None) -> BoundaryItem | None:
    """The register row in force by which `agency` (a business department) handed one of `item_codes` — or,
    with no codes, any item — to a 综合行政执法部门: the latest transfer first."""
    on = on or timezone.localdate()
    rows = BoundaryItem.objects.filter(
        from_agency=agency, region__path__in=_region_chain(agency.region), transferred_on__lte=on
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    if item_codes:
        rows = rows.filter(item_code__in=list(item_codes))
    return rows.select_related("agency").order_by("-transferred_on", "-pk").first()


def transferred_to(agency: Agency, item_codes, on: date | None = None) -> BoundaryItem | None:
    """The register row in force by which one of `item_codes` came to `agency` (a 综合行政执法部门)."""
    on = on or timezone.localdate()
    return (
        BoundaryItem.objects.filter(
            agency=agency, item_code__in=list(item_codes), transferred_on__lte=on,
            region__path__in=_region_chain(agency.region),
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("from_agency")
        .order_by("-transferred_on", "-pk")
        .first()
    )  # fmt: skip


def delegated_townships(item_code: str, region: Region) -> QuerySet[Agency]:
    return Agency.objects.filter(
        delegations_in__item_code=item_code,
        delegations_in__status=DelegationStatus.ACTIVE,
        region__path__startswith=region.path,
    ).distinct()


def catalogue_owners(item_code: str, region: Region, on: date | None = None) -> list[Agency]:
    """Agencies of the region whose catalogue in force (the latest published version effective `on`)
    lists the item."""
    on = on or timezone.localdate()
    versions = CatalogVersion.objects.filter(
        status=VersionStatus.PUBLISHED, effective_from__lte=on, agency__region__path__startswith=region.path
    ).order_by("agency_id", "-number")
    latest: dict[int, CatalogVersion] = {}
    for version in versions.only("pk", "agency_id", "number"):
        latest.setdefault(version.agency_id, version)
    ids = CatalogVersion.objects.filter(
        pk__in=[v.pk for v in latest.values()], items__code=item_code
    ).values_list("agency_id", flat=True)
    return list(Agency.objects.filter(pk__in=ids, active=True).order_by("name"))


def competent_agencies(item_code: str, region: Region, on: date | None = None) -> list[Agency]:
    """Who is competent for `item_code` in `region`: the register first, else the catalogue; the
    townships holding it by delegation (赋权乡镇) as well."""
    entry = register_entry(item_code, region, on)
    agencies = [entry.agency] if entry else catalogue_owners(item_code, region, on)
    seen = {a.pk for a in agencies}
    agencies += [t for t in delegated_townships(item_code, region) if t.pk not in seen]
    return agencies


def is_delegated_to(agency: Agency, item_code: str) -> bool:
    return Delegation.objects.filter(
        to_agency=agency, item_code=item_code, status=DelegationStatus.ACTIVE
    ).exists()


def boundaries_visible_to(user) -> QuerySet[BoundaryItem]:
    """Everyone with the view permission sees the register rows of their region's tree and above (the
    register is what routing uses: every department must see who holds an item)."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(VIEW):
        return BoundaryItem.objects.none()
    rows = BoundaryItem.objects.select_related("region", "from_agency", "agency")
    if user.is_superuser or user.agency_id is None:
        return rows if user.is_superuser else rows.none()
    region = user.agency.region
    return rows.filter(Q(region__path__startswith=region.path) | Q(region__path__in=_region_chain(region)))


# The register's sortable columns on the core list kit (indexes: collaboration 0005, by the region); the
# default stays by item code. The former values `code`, `date`, `-date` still parse.
BOUNDARY_SORTS = Sorts(
    SortColumn("code", "事项", ("item_code",)),
    SortColumn("date", "划转日期", ("transferred_on",)),
    default=("item_code", "id"),
)


def boundary_list(user, *, q: str = "", sort: str = "") -> QuerySet[BoundaryItem]:
    rows = boundaries_visible_to(user)
    if q:
        rows = rows.filter(
            Q(item_code__icontains=q) | Q(item_name__icontains=q) | Q(from_agency__name__icontains=q)
        )
    return BOUNDARY_SORTS.parse(sort).apply(rows)


def may_manage(user, agency: Agency) -> bool:
    return access.visible_to(user, Agency.objects.filter(pk=agency.pk), MANAGE).exists()
