"""信用修复 — reads, scoped by core.access."""

from django.db.models import Q, QuerySet

from zhifa.cases.models import Case, Decision
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from ..models import Disclosure
from .choices import RepairStatus
from .models import CreditRepair
from .transitions import VIEW

# One request with what its page and the API show; the services lock it through the same joins.
REPAIRS = CreditRepair.objects.select_related("agency", "disclosure")
# Backed by the index repair_agency_applied (publicity 0004).
REPAIR_SORTS = Sorts(SortColumn("applied", "申请日期", ("applied_on",)))


def repairs_visible_to(user, *, status: str = "", q: str = "") -> QuerySet[CreditRepair]:
    """The requests of the agencies `user` sees, newest first; `q` in the applicant, the party or the
    decision's number."""
    rows = access.visible_to(user, CreditRepair.objects.select_related("agency", "disclosure"), VIEW)
    if status in RepairStatus.values:
        rows = rows.filter(status=status)
    if q := q.strip():
        rows = rows.filter(
            Q(applicant__icontains=q)
            | Q(disclosure__subject_name__icontains=q)
            | Q(disclosure__number__icontains=q)
        )
    return rows.order_by("-applied_on", "-id")


def repairs_of_disclosure(user, disclosure) -> QuerySet[CreditRepair]:
    return access.visible_to(user, CreditRepair.objects.filter(disclosure=disclosure), VIEW).order_by("-id")


def get_repair(user, pk: int) -> CreditRepair:
    """One request `user` may see (404 outside their scope): the staff page's and the API's one read."""
    return access.get_visible_or_404(user, REPAIRS, VIEW, pk=pk)


def disclosure_to_repair(user, pk: int) -> Disclosure:
    """The disclosure a request is registered on, one `user` may see (404 otherwise); whether it may be
    repaired is the service's."""
    return access.get_visible_or_404(
        user, Disclosure.objects.select_related("agency"), "publicity.view_disclosure", pk=pk
    )


def penalty_fields(disclosure: Disclosure) -> list[tuple[str, str]]:
    """The 执法领域 (code, name) of the penalty behind `disclosure`, which set its minimum publication period
    (repair.clocks.minimum_period): its case's, then those of the enforcement items it cites (a case may
    cite items of more than one field). A disclosure not drafted from a decision has none."""
    if disclosure.source_type != Decision._meta.label_lower or not disclosure.source_id.isdigit():
        return []
    case = Case.objects.select_related("field").filter(decision__pk=disclosure.source_id).first()
    if case is None:
        return []
    items = case.items.select_related("field").order_by("code")
    fields = [(case.field.code, case.field.name)] + [(i.field.code, i.field.name) for i in items]
    return list(dict.fromkeys(fields))
