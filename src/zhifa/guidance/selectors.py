"""典型案例 — reads: the staff list scoped by core.access, the portal's published 指导案例."""

from django.db.models import Q, QuerySet

from zhifa.cases.models import Case
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from .choices import ExemplarStatus
from .models import Exemplar
from .transitions import VIEW

# One 典型案例 with what its page and the API show; the services lock it through the same joins.
EXEMPLARS = Exemplar.objects.select_related("agency", "case", "item")
# Backed by the index exemplar_agency_proposed (guidance 0001).
EXEMPLAR_SORTS = Sorts(SortColumn("proposed", "推荐日期", ("proposed_on",)))


def exemplars_visible_to(user, *, status: str = "", q: str = "") -> QuerySet[Exemplar]:
    rows = access.visible_to(user, Exemplar.objects.select_related("agency", "case"), VIEW)
    if status in ExemplarStatus.values:
        rows = rows.filter(status=status)
    if q := q.strip():
        rows = rows.filter(Q(title__icontains=q) | Q(case__number__icontains=q) | Q(item_code__icontains=q))
    return rows.order_by("-proposed_on", "-id")


def get_exemplar(user, pk: int) -> Exemplar:
    """One 典型案例 `user` may see (404 outside their scope): the staff page's and the API's one read."""
    return access.get_visible_or_404(user, EXEMPLARS, VIEW, pk=pk)


def case_to_propose(user, case_id: int) -> Case:
    """The case a 典型案例 is proposed from, one `user` may see (404 otherwise); whether it may be proposed
    is the service's."""
    return access.get_visible_or_404(
        user, Case.objects.select_related("agency"), "cases.view_case", pk=case_id
    )


def published(*, item_code: str = "", q: str = "") -> QuerySet[Exemplar]:
    """The portal's 指导案例, newest first; `item_code` the catalogue item, `q` in the public text."""
    rows = Exemplar.objects.filter(status=ExemplarStatus.PUBLISHED).select_related("agency", "item")
    if item_code := item_code.strip():
        rows = rows.filter(item_code=item_code)
    if q := q.strip():
        rows = rows.filter(
            Q(public_title__icontains=q) | Q(public_facts__icontains=q) | Q(public_significance__icontains=q)
        )
    return rows.order_by("-published_on", "-id")


def published_for_item(item_code: str, limit: int = 10) -> list[Exemplar]:
    return list(published(item_code=item_code)[:limit]) if item_code else []
