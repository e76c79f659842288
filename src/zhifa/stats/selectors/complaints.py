"""投诉举报: complaints received in the period by status and by the complainant's rating (满意度), and
by month."""

from django.db.models import Count, QuerySet

from zhifa.complaints.choices import Rating, Status
from zhifa.complaints.models import Complaint

from ..ontime import Period
from ._common import Cell, cells, ids, month_of

NOT_RATED = "未评价"


def received(agencies: QuerySet, period: Period) -> QuerySet[Complaint]:
    return Complaint.objects.filter(
        agency_id__in=ids(agencies), received_on__gte=period.start, received_on__lte=period.end
    )


def by_status(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = received(agencies, period).order_by().values("agency_id", "status").annotate(n=Count("pk"))
    return cells(rows, "agency_id", "status", dict(Status.choices))


def by_rating(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = received(agencies, period).order_by().values("rating").annotate(n=Count("pk"))
    return cells(rows, None, "rating", {"": NOT_RATED, **dict(Rating.choices)})


def by_month(agencies: QuerySet, period: Period) -> dict[str, int]:
    rows = (
        received(agencies, period)
        .order_by()
        .annotate(month=month_of("received_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {row["month"]: row["n"] for row in rows}
