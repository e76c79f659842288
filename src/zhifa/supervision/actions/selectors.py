"""Reads of 监督事项, scoped by core.access: a supervisor sees the items of every agency in their region's
subtree, the supervised agency its own; another agency's item is a 404."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.supervision.models import SupervisionItem

from . import clocks
from .choices import ItemStatus
from .transitions import VIEW

# ?sort= of the lists: the allowed orders (a key not listed falls back to the first)
SORTS = {
    "-opened": ("-opened_at", "-id"),
    "opened": ("opened_at", "id"),
    "due": ("due_on", "-id"),
    "-updated": ("-updated_at", "-id"),
    "agency": ("agency__name", "-id"),
}
SORT_LABELS = {"-opened": "立项时间（新→旧）", "opened": "立项时间（旧→新）", "due": "整改期限（近→远）",
               "-updated": "最近更新", "agency": "被监督机关"}  # fmt: skip


@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    category: str = ""
    agency: int | None = None
    overdue: bool = False
    sort: str = "-opened"


def items_visible_to(user, filters: ItemFilters = ItemFilters()) -> QuerySet[SupervisionItem]:
    items = access.visible_to(user, SupervisionItem.objects.all(), VIEW).select_related(
        "agency", "bureau", "case"
    )
    if filters.q:
        items = items.filter(
            Q(title__icontains=filters.q)
            | Q(theme__icontains=filters.q)
            | Q(agency__name__icontains=filters.q)
            | Q(case__number__icontains=filters.q)
            | Q(instruments__number__icontains=filters.q)
        ).distinct()
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.agency:
        items = items.filter(agency_id=filters.agency)
    if filters.overdue:
        items = items.filter(status=ItemStatus.AWAITING, due_on__lt=clocks.today())
    return items.order_by(*SORTS.get(filters.sort, SORTS["-opened"]))


def get_item(user, pk) -> SupervisionItem:
    try:
        return items_visible_to(user).select_related("agency__region", "case__agency", "opened_by").get(pk=pk)
    except (SupervisionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该监督事项，或您无权查看") from exc


def open_items_of_case(user, case) -> list[SupervisionItem]:
    """The open items about `case` the user may see (the case page's banner)."""
    return list(items_visible_to(user).filter(case=case).exclude(status=ItemStatus.CLOSED))


def open_items_of_source(user, source, obj) -> list[SupervisionItem]:
    """The open items opened from `obj` (a registered source) — and, when it concerns a case, those about
    that case — that the user may see (the source page's banner)."""
    opened_from = Q(source_type=source.type_name, source_id=str(obj.pk))
    case = source.case(obj)
    about = opened_from | Q(case=case) if case is not None else opened_from
    return list(items_visible_to(user).filter(about).exclude(status=ItemStatus.CLOSED))
