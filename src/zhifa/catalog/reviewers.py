"""Who reviews a catalogue version (seed 003 二(一)2): the 行政执法事项清单 goes to the justice bureau
(司法行政部门) of the agency's county, the 随机抽查事项清单 to the county market regulator. "The county"
is the agency's region or its nearest ancestor region that has such an agency (a township office goes
to its county's).

A market regulator is an active 行政执法部门 whose name ends with `ZHIFA_MARKET_REGULATOR_NAME`
(default "市场监督管理局"): since the 2018 reform every county's is named so, and the agency table has
no other marker."""

from django.conf import settings

from zhifa.core.choices import AgencyKind
from zhifa.core.models import Agency


def _over(agency: Agency, **filters) -> Agency | None:
    """The nearest agency matching `filters` whose region contains `agency`'s."""
    return (
        Agency.objects.filter(active=True, region__path__in=agency.region.paths_up(), **filters)
        .order_by("-region__path", "pk")
        .first()
    )


def justice_bureau_of(agency: Agency) -> Agency | None:
    return _over(agency, kind=AgencyKind.JUSTICE)


def market_regulator_of(agency: Agency) -> Agency | None:
    name = getattr(settings, "ZHIFA_MARKET_REGULATOR_NAME", "市场监督管理局")
    return _over(agency, kind=AgencyKind.DEPARTMENT, name__endswith=name)
