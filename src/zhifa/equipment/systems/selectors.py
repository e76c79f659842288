"""Reads of the 执法信息系统台账, scoped by core.access: an agency reads its own systems, the justice bureau's
supervisors those of their region; anything else is a 404. The 摸底统计 reads one grouped count."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .choices import Connection, SystemKind, SystemLevel, SystemStatus
from .models import InformationSystem
from .services import VIEW_SYSTEM

SYSTEM_SORTS = Sorts(
    SortColumn("name", "系统名称", ("name",)),
    SortColumn("kind", "系统类别", ("kind", "name")),
    SortColumn("updated", "更新时间", ("updated_at",)),
    default=("agency_id", "name", "id"),
)


def systems_visible_to(
    user,
    *,
    q: str = "",
    kind: str = "",
    level: str = "",
    connection: str = "",
    status: str = "",
    agency_id: int | None = None,
) -> QuerySet[InformationSystem]:
    rows = access.visible_to(user, InformationSystem.objects.select_related("agency"), VIEW_SYSTEM)
    if q := q.strip():
        rows = rows.filter(Q(name__icontains=q) | Q(builder__icontains=q) | Q(agency__name__icontains=q))
    if kind in SystemKind.values:
        rows = rows.filter(kind=kind)
    if level in SystemLevel.values:
        rows = rows.filter(level=level)
    if connection in Connection.values:
        rows = rows.filter(connection=connection)
    if status in SystemStatus.values:
        rows = rows.filter(status=status)
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    return rows.order_by("agency_id", "name", "id")


def get_system(user, pk: int) -> InformationSystem:
    try:
        return systems_visible_to(user).select_related("registered_by").get(pk=pk)
    except (InformationSystem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该执法信息系统，或您无权查看") from exc


@dataclass(frozen=True)
class AgencySystems:
    in_use: int  # 在用
    connected: int  # 在用 and 已对接本平台


def systems_by_agency(agency_ids: list[int]) -> dict[int, AgencySystems]:
    """The systems 在用 of each agency and how many of them are connected: one grouped query."""
    rows = (
        InformationSystem.objects.filter(agency_id__in=agency_ids, status=SystemStatus.IN_USE)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"), connected=Count("pk", filter=Q(connection=Connection.CONNECTED)))
    )
    counted = {row["agency_id"]: AgencySystems(row["n"], row["connected"]) for row in rows}
    return {pk: counted.get(pk, AgencySystems(0, 0)) for pk in agency_ids}


# ---- 数据交换: the imports received from a system's exchange source ------------------------------------


def exchanges_of(system: InformationSystem):
    """The accepted imports from the system's exchange source collected by an agency of its own region or one
    above it (a 司法局 collects its region's systems); none while no source is linked."""
    from zhifa.exchange.choices import Direction
    from zhifa.exchange.models import Batch

    if not system.exchange_source:
        return Batch.objects.none()
    return Batch.objects.filter(
        direction=Direction.IMPORT,
        source_instance=system.exchange_source,
        agency__region__path__in=system.agency.region.paths_up(),
    )


def last_exchange(system: InformationSystem):
    """The latest import from the system's source (shown on its page and in the API), or None."""
    return exchanges_of(system).order_by("-created_at", "-id").first()


def first_exchange(system: InformationSystem):
    """The first import from the system's source: its date is the 对接日期 when the link comes after it."""
    return exchanges_of(system).order_by("created_at", "id").first()


def systems_receiving(batch) -> QuerySet[InformationSystem]:
    """The systems 在用, not yet 已对接, whose exchange source sent `batch`, of the receiving agency's region
    or below it."""
    return InformationSystem.objects.filter(
        exchange_source=batch.source_instance,
        agency__region__path__startswith=batch.agency.region.path,
        status=SystemStatus.IN_USE,
    ).exclude(connection=Connection.CONNECTED)
