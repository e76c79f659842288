"""处理决定: decisions made in the period by kind (行政处罚, 不予处罚, 移送, 撤销立案) with the fines they
imposed, and the penalties and fines by month."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Decision

from ..ontime import Period
from ._common import Cell, cells, ids, money, month_of


def decided(agencies: QuerySet, period: Period) -> QuerySet[Decision]:
    return Decision.objects.filter(
        case__agency_id__in=ids(agencies), decided_on__gte=period.start, decided_on__lte=period.end
    )


def by_kind(agencies: QuerySet, period: Period) -> list[Cell]:
    """Per agency and kind: how many, and the fines (罚款) they imposed."""
    rows = (
        decided(agencies, period)
        .order_by()
        .values("case__agency_id", "kind")
        .annotate(n=Count("pk"), amount=Sum("fine"))
    )
    return cells(rows, "case__agency_id", "kind", dict(DecisionKind.choices))


def by_month(agencies: QuerySet, period: Period) -> dict[str, tuple[int, Decimal | None]]:
    """Month → (penalty decisions, fines)."""
    penalty = Q(kind=DecisionKind.PENALTY)
    rows = (
        decided(agencies, period)
        .order_by()
        .annotate(month=month_of("decided_on"))
        .values("month")
        .annotate(n=Count("pk", filter=penalty), amount=Sum("fine", filter=penalty))
    )
    return {row["month"]: (row["n"], money(row["amount"])) for row in rows}
