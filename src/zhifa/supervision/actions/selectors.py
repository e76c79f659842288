"""Reads of 监督事项, scoped by core.access: a supervisor sees the items of every agency in their region's
subtree, the supervised agency its own; another agency's item is a 404."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.supervision.models import SupervisionItem

from . import clocks
from .choices import ItemStatus
from .transitions import VIEW

# The item list's sortable columns on the core list kit (indexes: supervision 0007, 0011, 0012); the default
# (no or an unknown ?sort=) is the newest opened first.
ITEM_SORTS = Sorts(
    SortColumn("title", "事项名称", ("title",)),
    SortColumn("agency", "被监督机关", ("agency__name",)),
    SortColumn("opened", "立项时间", ("opened_at",)),
    SortColumn("due", "整改期限", ("due_on",)),
    SortColumn("updated", "最近更新", ("updated_at",)),
    default=("-opened_at", "-id"),
)


@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    category: str = ""
    agency: int | None = None
    overdue: bool = False
    sort: str = ""


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
    return ITEM_SORTS.parse(filters.sort).apply(items)


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
