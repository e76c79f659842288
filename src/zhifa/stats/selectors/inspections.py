"""检查: the 双随机 tasks due in the period (planned) and how many are done, and the inspections started
in the period by result (their findings)."""

from django.db.models import Count, QuerySet

from zhifa.inspections.choices import InspectionResult, TaskStatus
from zhifa.inspections.models import Inspection, Task

from ..ontime import Period
from ._common import Cell, cells, ids, month_of

NO_RESULT = "未录入结果"


def tasks(agencies: QuerySet, period: Period) -> QuerySet[Task]:
    return Task.objects.filter(
        plan__agency_id__in=ids(agencies), due_on__gte=period.start, due_on__lte=period.end
    )


def inspections(agencies: QuerySet, period: Period) -> QuerySet[Inspection]:
    return Inspection.objects.filter(
        agency_id__in=ids(agencies), started_on__gte=period.start, started_on__lte=period.end
    )


def tasks_by_status(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = tasks(agencies, period).order_by().values("plan__agency_id", "status").annotate(n=Count("pk"))
    return cells(rows, "plan__agency_id", "status", dict(TaskStatus.choices))


def by_result(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = inspections(agencies, period).order_by().values("agency_id", "result").annotate(n=Count("pk"))
    return cells(rows, "agency_id", "result", {"": NO_RESULT, **dict(InspectionResult.choices)})


def by_month(agencies: QuerySet, period: Period) -> dict[str, int]:
    rows = (
        inspections(agencies, period)
        .order_by()
        .annotate(month=month_of("started_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {row["month"]: row["n"] for row in rows}
