"""Reads of the organisation: every business user sees the leading group over their region and the
liaisons of the departments of their county (the group's region), which is what a liaison is for."""

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.collaboration.models import LeadingGroup
from zhifa.core.models import Agency

from .services import group_of


def group_for(user) -> LeadingGroup | None:
    agency = getattr(user, "agency", None)
    return group_of(agency.region) if agency is not None else None


def groups_q(user) -> Q:
    """core.access grant: the groups over the user's region."""
    agency = getattr(user, "agency", None)
    return Q(region__path__in=agency.region.paths_up()) if agency is not None else Q(pk__in=[])


def liaisons_q(user) -> Q:
    """core.access grant: the liaisons of the departments under the user's group."""
    group = group_for(user)
    if group is None:
        return Q(pk__in=[])
    return Q(agency__region__path__startswith=group.region.path)


def departments(user, q: str = "") -> QuerySet[Agency]:
    """The active agencies under the user's group, each with its liaison (the 联络员 page)."""
    group = group_for(user)
    if group is None:
        return Agency.objects.none()
    agencies = Agency.objects.filter(active=True, region__path__startswith=group.region.path)
    if q := q.strip():
        agencies = agencies.filter(Q(name__icontains=q) | Q(liaison__name__icontains=q))
    return agencies.select_related("liaison", "region").order_by("region__path", "name")


def get_department(user, pk) -> Agency:
    """A department under the user's group (404 otherwise: another county's departments are not theirs)."""
    try:
        return departments(user).get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该部门，或不在本地区") from exc
