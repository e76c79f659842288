"""Whose figures a dashboard shows (统计范围): a region's subtree (a justice bureau's supervisor: their
region and every region under it) or one agency (an agency's head: their own), resolved through
core.access so another region or agency is a 404; and the units a region breaks down into (its
sub-regions, and the agencies set up at the region itself) for the drill-down."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.core.models import Agency, Region

VIEW_DASHBOARD = "stats.view_dashboard"


@dataclass(frozen=True)
class Scope:
    """A region (agency None) or one agency; `agencies` the agencies counted (a queryset, used as a
    subquery so every figure stays one query)."""

    region: Region
    agency: Agency | None
    agencies: QuerySet[Agency]

    @property
    def title(self) -> str:
        return self.agency.name if self.agency else self.region.name

    @property
    def kind(self) -> str:
        return "agency" if self.agency else "region"

    @property
    def key(self) -> str:
        """What the URL names: the agency's id or the region's code."""
        return str(self.agency.pk) if self.agency else self.region.code


@dataclass(frozen=True)
class Unit:
    """One line of the drill-down table: a sub-region or an agency, with the agencies it adds up."""

    kind: str  # "region" or "agency"
    key: str
    name: str
    agency_ids: tuple[int, ...]


def _visible(user) -> QuerySet[Agency]:
    return access.visible_to(user, Agency.objects.all(), VIEW_DASHBOARD)


def _region_wide(user) -> bool:
    return user.is_superuser or access.Scope.REGION in user.jurisdiction_scopes(VIEW_DASHBOARD)


def resolve(user, *, region: str | None = None, agency: int | str | None = None) -> Scope:
    """The scope asked for (absent: the user's own region or agency). 403 without the permission; 404 for
    a region or agency outside the user's jurisdiction (never a hint that it exists)."""
    if not user.has_perm(VIEW_DASHBOARD) or user.agency_id is None:
        raise PermissionDenied("您无权查看统计分析")
    if agency not in (None, ""):
        found = access.get_visible_or_404(
            user, Agency.objects.select_related("region"), VIEW_DASHBOARD, pk=agency
        )
        return Scope(found.region, found, Agency.objects.filter(pk=found.pk))
    if region in (None, "") and not _region_wide(user):
        own = Agency.objects.select_related("region").get(pk=user.agency_id)
        return Scope(own.region, own, Agency.objects.filter(pk=own.pk))
    home = user.agency.region
    try:
        chosen = home if region in (None, "") else Region.objects.get(code=region)
    except (Region.DoesNotExist, ValueError) as exc:
        raise Http404("未找到该区划，或您无权查看") from exc
    if not _region_wide(user) or not chosen.path.startswith(home.path):
        raise Http404("未找到该区划，或您无权查看")
    return Scope(chosen, None, _visible(user).filter(region__path__startswith=chosen.path))


def units(scope: Scope) -> list[Unit]:
    """The sub-regions of a region scope that hold counted agencies, then the agencies set up at the
    region itself (two queries); an agency scope is its own single unit."""
    if scope.agency is not None:
        return [Unit("agency", str(scope.agency.pk), scope.agency.name, (scope.agency.pk,))]
    base = scope.region.path
    children = {r.code: r.name for r in Region.objects.filter(parent=scope.region)}
    by_child: dict[str, list[int]] = {}
    direct: list[Unit] = []
    rows = scope.agencies.order_by("region__path", "pk").values_list("pk", "name", "region__path")
    for pk, name, path in rows:
        if path == base:
            direct.append(Unit("agency", str(pk), name, (pk,)))
            continue
        code = path[len(base) :].split("/", 1)[0]
        by_child.setdefault(code, []).append(pk)
    regional = [
        Unit("region", code, children.get(code, code), tuple(ids)) for code, ids in sorted(by_child.items())
    ]
    return regional + direct
