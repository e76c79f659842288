"""案件: cases registered (立案) in the period, by status, procedure, 执法领域 (the case's category) and
执法事项 (top N), and by month."""

from django.db.models import Count, QuerySet

from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.catalog.procedures import Procedure

from ..ontime import Period
from ._common import Cell, cells, ids, month_of

TOP_ITEMS = 10


def registered(agencies: QuerySet, period: Period) -> QuerySet[Case]:
    """The cases counted: registered in the period by one of the agencies."""
    return Case.objects.filter(
        agency_id__in=ids(agencies), registered_on__gte=period.start, registered_on__lte=period.end
    )


def by_status(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = registered(agencies, period).order_by().values("agency_id", "status").annotate(n=Count("pk"))
    return cells(rows, "agency_id", "status", dict(CaseStatus.choices))


def by_procedure(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = registered(agencies, period).order_by().values("procedure").annotate(n=Count("pk"))
    return cells(rows, None, "procedure", dict(Procedure.choices))


def by_field(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = registered(agencies, period).order_by().values("field_id", "field__name").annotate(n=Count("pk"))
    return cells(rows, None, "field_id", label="field__name")


def top_items(agencies: QuerySet, period: Period, limit: int = TOP_ITEMS) -> list[Cell]:
    """The `limit` items with most cases (ties by code)."""
    through = Case.items.through.objects.filter(case__in=registered(agencies, period).values("pk"))
    rows = (
        through.order_by()
        .values("enforcementitem__code", "enforcementitem__name")
        .annotate(n=Count("case_id", distinct=True))
        .order_by("-n", "enforcementitem__code")[:limit]
    )
    return cells(rows, None, "enforcementitem__code", label="enforcementitem__name")


def by_month(agencies: QuerySet, period: Period) -> dict[str, int]:
    rows = (
        registered(agencies, period)
        .order_by()
        .annotate(month=month_of("registered_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {row["month"]: row["n"] for row in rows}
