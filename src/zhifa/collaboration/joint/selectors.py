"""Reads of 联合执法, scoped by core.access: the participants and the office see an action (a grant), the
lead department its own, supervisors (司法局) their region; anyone else gets a 404."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.collaboration.models import Finding, FindingShare, Handover, JointAction
from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.registry.models import Officer

from .choices import ActionKind, ActionStatus
from .transitions import VIEW

# The list's sortable columns on the core list kit (indexes: collaboration 0005, by the lead department and
# the office); the default stays the latest start first. The former values still parse.
ACTION_SORTS = Sorts(
    SortColumn("title", "行动名称", ("title",)),
    SortColumn("starts", "开始日期", ("starts_on",)),
    SortColumn("status", "状态", ("status", "starts_on")),
    SortColumn("created", "提出时间", ("created_at",)),
    default=("-starts_on", "-id"),
)


@dataclass(frozen=True)
class ActionFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    sort: str = ""


def actions_visible_to(user, filters: ActionFilters = ActionFilters()) -> QuerySet[JointAction]:
    actions = access.visible_to(user, JointAction.objects.all(), VIEW).select_related("lead_agency", "office")
    if filters.q:
        actions = actions.filter(
            Q(title__icontains=filters.q)
            | Q(place__icontains=filters.q)
            | Q(lead_agency__name__icontains=filters.q)
        )
    if filters.status in ActionStatus.values:
        actions = actions.filter(status=filters.status)
    if filters.kind in ActionKind.values:
        actions = actions.filter(kind=filters.kind)
    return ACTION_SORTS.parse(filters.sort).apply(actions)


def get_action(user, pk) -> JointAction:
    try:
        return actions_visible_to(user).select_related("region", "created_by", "decided_by").get(pk=pk)
    except (JointAction.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该联合执法行动，或您无权查看") from exc


def get_share(user, pk) -> FindingShare:
    return access.get_visible_or_404(
        user, FindingShare.objects.select_related("agency", "finding__action", "case"), pk=pk
    )


def get_handover(user, pk) -> Handover:
    return access.get_visible_or_404(
        user, Handover.objects.select_related("agency", "finding__action"), pk=pk
    )


def officers_matching(user, q: str, limit: int = 20) -> list[Officer]:
    """Officer search for the participants' field (name, pinyin initials or certificate number) among the
    active officers of the departments under the user's leading group: never a list of everyone."""
    from zhifa.registry.choices import PersonStatus
    from zhifa.registry.selectors import _search_q

    q = q.strip()
    if not q:
        return []
    return list(
        Officer.objects.filter(_search_q(q), agency__in=agencies_for(user), status=PersonStatus.ACTIVE)
        .select_related("agency")
        .prefetch_related("certificates")
        .order_by("agency__name", "name")[:limit]
    )


def agencies_for(user) -> QuerySet[Agency]:
    """The departments an action may involve: the active agencies under the user's leading group."""
    from zhifa.collaboration.organisation.selectors import group_for

    group = group_for(user)
    if group is None:
        return Agency.objects.none()
    return Agency.objects.filter(active=True, region__path__startswith=group.region.path).order_by("name")


def get_finding(user, pk) -> Finding:
    """A finding of an action the user sees (404 otherwise)."""
    try:
        return Finding.objects.select_related("action").get(pk=pk, action__in=actions_visible_to(user))
    except (Finding.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该问题，或您无权查看") from exc
