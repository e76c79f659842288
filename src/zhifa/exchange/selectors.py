"""数据交换 reads, scoped by core.access (the batches of the agencies in the user's jurisdiction)."""

from django.db.models import QuerySet

from zhifa.core import access

from .choices import Direction
from .models import Batch, Conflict

VIEW = "exchange.view_batch"
SORTS = {
    "-created": ("-created_at", "-id"),
    "created": ("created_at", "id"),
    "-conflicts": ("-conflicts", "-created_at", "-id"),
}
SORT_LABELS = {"-created": "时间从新到旧", "created": "时间从旧到新", "-conflicts": "冲突从多到少"}


def batches_visible_to(user, *, direction: str = "", q: str = "", sort: str = "-created") -> QuerySet[Batch]:
    batches = access.visible_to(user, Batch.objects.select_related("agency", "actor"), VIEW)
    if direction in Direction.values:
        batches = batches.filter(direction=direction)
    if q:
        batches = batches.filter(cd_batch__icontains=q) | batches.filter(source_credit_code__icontains=q)
    return batches.order_by(*SORTS.get(sort, SORTS["-created"]))


def batch_or_404(user, pk: int) -> Batch:
    return access.get_visible_or_404(user, Batch.objects.select_related("agency", "actor"), VIEW, pk=pk)


def conflicts_of(batch: Batch) -> QuerySet[Conflict]:
    return batch.conflict_rows.order_by("id")
