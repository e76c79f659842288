"""Who sends to whom: a justice bureau receives from the agencies of its own region (not other justice
bureaus), the townships under a county, and — one level down — the justice bureaus of the regions directly
under it, who forward their own region's totals (services.round_forward)."""

from django.db.models import Q, QuerySet

from zhifa.core.choices import JUSTICE_KINDS, AgencyKind, RegionLevel
from zhifa.core.models import Agency


def senders(bureau: Agency) -> QuerySet[Agency]:
    region = bureau.region
    own = Q(region=region) & ~Q(kind__in=JUSTICE_KINDS)
    townships = Q(region__parent=region, region__level=RegionLevel.TOWNSHIP) & ~Q(kind__in=JUSTICE_KINDS)
    bureaus_below = Q(region__parent=region, kind=AgencyKind.JUSTICE) & ~Q(region__level=RegionLevel.TOWNSHIP)
    return (
        Agency.objects.filter(active=True)
        .filter(own | townships | bureaus_below)
        .exclude(pk=bureau.pk)
        .select_related("region")
        .order_by("region__code", "name")
    )


def is_bureau(agency: Agency) -> bool:
    return agency.kind == AgencyKind.JUSTICE
