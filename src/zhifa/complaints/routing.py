"""Routing (issue 14): the competent agency for a complaint, suggested from the catalogue and the region.

The agency whose published 执法事项清单 holds the item, nearest the complaint's region (its own region,
then up the tree), else an agency of that region or above named as the complainant named it, else the
justice bureau over the region, which passes it on. One query per attempt."""

from django.db.models import Q

from zhifa.catalog.choices import VersionStatus
from zhifa.catalog.models import EnforcementItem
from zhifa.catalog.reviewers import justice_bureau_of
from zhifa.core.choices import JUSTICE_KINDS
from zhifa.core.models import Agency, Region

from . import clocks


def item_for(code: str, region: Region) -> EnforcementItem | None:
    """The in-force item of `code` of the agency nearest the region (its own region first)."""
    if not code:
        return None
    return (
        EnforcementItem.objects.filter(
            code=code,
            version__status=VersionStatus.PUBLISHED,
            version__effective_from__lte=clocks.today(),
            version__agency__active=True,
            version__agency__region__path__in=region.paths_up(),
        )
        .select_related("version__agency")
        .order_by("-version__agency__region__path", "-version__number")
        .first()
    )


def agency_named(hint: str, region: Region) -> Agency | None:
    """An active agency of the region or above whose name contains the complainant's words."""
    hint = hint.strip()
    if len(hint) < 2:
        return None
    return (
        Agency.objects.filter(active=True, region__path__in=region.paths_up())
        .filter(Q(name=hint) | Q(name__contains=hint))
        .exclude(kind__in=JUSTICE_KINDS)
        .order_by("-region__path", "pk")
        .first()
    )


def bureau_for(region: Region) -> Agency | None:
    """The justice bureau over `region` (its own or the nearest above)."""
    any_agency = Agency(region=region)
    return justice_bureau_of(any_agency)


def suggest(
    *, region: Region, item_code: str = "", hint: str = ""
) -> tuple[Agency | None, EnforcementItem | None]:
    """(agency, item): the competent agency suggested, and the item that decided it (when one did)."""
    item = item_for(item_code, region)
    if item is not None:
        return item.version.agency, item
    named = agency_named(hint, region)
    if named is not None:
        return named, None
    return bureau_for(region), None
