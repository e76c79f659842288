"""发现的问题和监督: detection hits (线索) found in the period by status and by model, and the 监督事项
opened in the period about the agencies, by status."""

from datetime import datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from zhifa.detection import framework
from zhifa.detection.choices import HitStatus
from zhifa.detection.models import Hit
from zhifa.supervision.actions.choices import ItemStatus
from zhifa.supervision.models import SupervisionItem

from ..ontime import Period
from ._common import Cell, cells, ids


def _bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as aware datetimes [start 00:00, end+1 00:00) in the local time zone, so a datetime
    column is compared as it is (no per-row date conversion)."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(period.start, time.min, tzinfo=zone)
    end = datetime.combine(period.end, time.min, tzinfo=zone) + timedelta(days=1)
    return start, end


def hits(agencies: QuerySet, period: Period) -> QuerySet[Hit]:
    start, end = _bounds(period)
    return Hit.objects.filter(agency_id__in=ids(agencies), found_at__gte=start, found_at__lt=end)


def items(agencies: QuerySet, period: Period) -> QuerySet[SupervisionItem]:
    start, end = _bounds(period)
    return SupervisionItem.objects.filter(
        agency_id__in=ids(agencies), opened_at__gte=start, opened_at__lt=end
    )


def hits_by_status(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = hits(agencies, period).order_by().values("agency_id", "status").annotate(n=Count("pk"))
    return cells(rows, "agency_id", "status", dict(HitStatus.choices))


def model_name(code: str) -> str:
    model = framework.get(code)
    return model.name if model is not None else code


def hits_by_model(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = hits(agencies, period).order_by().values("model").annotate(n=Count("pk"))
    return [cell._replace(label=model_name(cell.key)) for cell in cells(rows, None, "model")]


def items_by_status(agencies: QuerySet, period: Period) -> list[Cell]:
    rows = items(agencies, period).order_by().values("agency_id", "status").annotate(n=Count("pk"))
    return cells(rows, "agency_id", "status", dict(ItemStatus.choices))
