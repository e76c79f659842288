"""Reads of 突出问题清单, 整改任务 and the 电子技术监控设备 register, scoped by core.access: a supervisor sees
the rows of every agency in their region's subtree, an agency its own; another agency's row is a 404."""

from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.supervision.models import MonitoringDevice, Problem, RectificationTask

from . import clocks
from .choices import DeviceStatus, ProblemStatus, TaskStatus
from .transitions import VIEW, VIEW_DEVICE, VIEW_TASK

# ?sort= of the lists: the allowed orders (a key not listed falls back to the first)
# The problem list's sortable columns on the core list kit (indexes: supervision 0005, 0012); the default
# (no or an unknown ?sort=) is the newest recorded first.
PROBLEM_SORTS = Sorts(
    SortColumn("title", "问题名称", ("title",)),
    SortColumn("agency", "行政执法机关", ("agency__name",)),
    SortColumn("category", "问题类别", ("category",)),
    SortColumn("recorded", "录入时间", ("recorded_at",)),
    default=("-recorded_at", "-id"),
)
DEVICE_SORTS = {
    "agency": ("agency__name", "name", "id"),
    "name": ("name", "id"),
    "-updated": ("-updated_at", "-id"),
    "approved": ("approved_on", "id"),
}
DEVICE_SORT_LABELS = {"agency": "设置机关", "name": "设备名称", "-updated": "最近更新",
                      "approved": "批准日期（早→晚）"}  # fmt: skip


@dataclass(frozen=True)
class ProblemFilters:
    q: str = ""
    category: str = ""
    status: str = ""
    source: str = ""
    agency: int | None = None
    year: int | None = None
    overdue: bool = False
    sort: str = ""


def problems_visible_to(user, filters: ProblemFilters = ProblemFilters()) -> QuerySet[Problem]:
    problems = access.visible_to(user, Problem.objects.all(), VIEW).select_related("agency", "problem_list")
    if filters.q:
        problems = problems.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(agency__name__icontains=filters.q)
        )
    if filters.category:
        problems = problems.filter(category=filters.category)
    if filters.status:
        problems = problems.filter(status=filters.status)
    if filters.source:
        problems = problems.filter(source=filters.source)
    if filters.agency:
        problems = problems.filter(agency_id=filters.agency)
    if filters.year:
        problems = problems.filter(problem_list__year=filters.year)
    if filters.overdue:
        late = RectificationTask.objects.filter(status=TaskStatus.RECTIFYING, due_on__lt=clocks.today())
        problems = problems.filter(pk__in=late.values("problem_id"))
    return PROBLEM_SORTS.parse(filters.sort).apply(problems)


def problems_for_export(user, filters: ProblemFilters = ProblemFilters()) -> QuerySet[Problem]:
    """The list's rows (same filters, order and access) with each problem's task counts and the nearest
    open deadline computed in the same query — the export reads no row twice."""
    rectifying = Q(tasks__status=TaskStatus.RECTIFYING)
    return (
        problems_visible_to(user, filters)
        .select_related("supervision_item")
        .annotate(
            task_count=Count("tasks"),
            open_tasks=Count("tasks", filter=rectifying | Q(tasks__status=TaskStatus.SUBMITTED)),
            overdue_tasks=Count("tasks", filter=rectifying & Q(tasks__due_on__lt=clocks.today())),
            next_due=Min("tasks__due_on", filter=rectifying),
        )
    )


def get_problem(user, pk) -> Problem:
    try:
        return (
            problems_visible_to(user)
            .select_related("agency__region", "supervision_item", "recorded_by")
            .get(pk=pk)
        )
    except (Problem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该突出问题，或您无权查看") from exc


def tasks_visible_to(user) -> QuerySet[RectificationTask]:
    return access.visible_to(user, RectificationTask.objects.all(), VIEW_TASK).select_related(
        "agency", "problem"
    )


def get_task(user, pk) -> RectificationTask:
    try:
        return tasks_visible_to(user).select_related("agency__region", "created_by").get(pk=pk)
    except (RectificationTask.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该整改任务，或您无权查看") from exc


def overdue_tasks(user, perm: str) -> QuerySet[RectificationTask]:
    """The tasks still being rectified past their deadline that `user` may act on with `perm`."""
    late = RectificationTask.objects.filter(status=TaskStatus.RECTIFYING, due_on__lt=clocks.today())
    return access.visible_to(user, late, perm).select_related("agency", "problem").order_by("due_on", "id")


def problem_counts(user) -> list[dict]:
    """Per agency the user may see: problems in all, still open, and tasks overdue (one grouped query)."""
    today = clocks.today()
    return list(
        problems_visible_to(user)
        .order_by()
        .values("agency_id", "agency__name")
        .annotate(
            total=Count("pk", distinct=True),
            open=Count("pk", filter=Q(status=ProblemStatus.OPEN), distinct=True),
            overdue=Count(
                "tasks", filter=Q(tasks__status=TaskStatus.RECTIFYING, tasks__due_on__lt=today), distinct=True
            ),
        )
        .order_by("agency__name")
    )


# ---- 电子技术监控设备 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceFilters:
    q: str = ""
    status: str = ""
    published: str = ""  # "1" published, "0" not, "" either
    agency: int | None = None
    sort: str = "agency"


def devices_visible_to(user, filters: DeviceFilters = DeviceFilters()) -> QuerySet[MonitoringDevice]:
    devices = access.visible_to(user, MonitoringDevice.objects.all(), VIEW_DEVICE).select_related("agency")
    if filters.q:
        devices = devices.filter(
            Q(name__icontains=filters.q)
            | Q(location__icontains=filters.q)
            | Q(approval_number__icontains=filters.q)
            | Q(agency__name__icontains=filters.q)
        )
    if filters.status:
        devices = devices.filter(status=filters.status)
    if filters.published in ("0", "1"):
        devices = devices.filter(published=filters.published == "1")
    if filters.agency:
        devices = devices.filter(agency_id=filters.agency)
    return devices.order_by(*DEVICE_SORTS.get(filters.sort, DEVICE_SORTS["agency"]))


def get_device(user, pk) -> MonitoringDevice:
    try:
        return devices_visible_to(user).select_related("agency__region", "registered_by").get(pk=pk)
    except (MonitoringDevice.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该设备，或您无权查看") from exc


def device_summary(user) -> list[dict]:
    """清理情况汇总 per agency (seed 001 §17): devices in all, 在用, 停用, 已清理, and those in use but not
    published or without approval — one grouped query over what the user may see."""
    in_use = Q(status=DeviceStatus.IN_USE)
    return list(
        devices_visible_to(user)
        .order_by()
        .values("agency_id", "agency__name")
        .annotate(
            total=Count("pk"),
            in_use=Count("pk", filter=in_use),
            stopped=Count("pk", filter=Q(status=DeviceStatus.STOPPED)),
            cleared=Count("pk", filter=Q(status=DeviceStatus.CLEARED)),
            unpublished=Count("pk", filter=in_use & Q(published=False)),
            unapproved=Count("pk", filter=in_use & Q(approval_authority="")),
        )
        .order_by("agency__name")
    )
