"""Reads of 监督计划、工作台账 and 督办, scoped by core.access: a supervisor reads their region's subtree,
an agency its own ledger entries and the 督办 that concern it (its own, or those of the agency below it
when it is the superior department: `grant_superiors_their_oversights`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zhifa.core import access

from ..models import (
    LedgerEntry,
    LedgerReport,
    Oversight,
    OversightExtension,
    OversightReport,
    SupervisionPlan,
)
from .choices import EntryStatus, OversightStatus, PlanStatus
from .machine import (
    LEDGER,
    MANAGE_OVERSIGHT,
    OVERSIGHT,
    PLAN,
    REPORT_LEDGER,
    REPORT_OVERSIGHT,
    VIEW_OVERSIGHT,
)

PLAN_SORTS = {"year": ("-year", "agency__region__code"), "agency": ("agency__region__code", "-year")}
LEDGER_SORTS = {
    "due": ("due", "agency__region__code", "agency__name"),
    "-due": ("-due", "agency__region__code", "agency__name"),
    "agency": ("agency__region__code", "agency__name", "due"),
    "status": ("status", "due"),
}
OVERSIGHT_SORTS = {"due": ("due", "id"), "-opened": ("-opened_on", "-id"), "agency": ("agency__name", "due")}


def _search_terms(q: str) -> list[str]:
    return [term for term in (q or "").split() if term][:5]


def _sorted(qs: QuerySet, sorts: dict, sort: str) -> QuerySet:
    return qs.order_by(*sorts.get(sort, next(iter(sorts.values()))))


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


# ---- 监督计划 -----------------------------------------------------------------------------------------


def plans_visible_to(
    user, *, q: str = "", year=None, status: str = "", agency=None, sort: str = ""
) -> QuerySet:
    plans = access.visible_to(user, SupervisionPlan.objects.select_related("agency__region"))
    for term in _search_terms(q):
        plans = plans.filter(Q(title__icontains=term) | Q(agency__name__icontains=term))
    if (year := _int(year)) is not None:
        plans = plans.filter(year=year)
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    if (agency := _int(agency)) is not None:
        plans = plans.filter(agency_id=agency)
    plans = plans.annotate(task_count=Count("tasks", distinct=True))
    return _sorted(plans, PLAN_SORTS, sort)


def plan_actions(plan: SupervisionPlan, user) -> list[str]:
    perms = {t.perm for t in PLAN.table if access.can(user, t.perm, plan)}
    return PLAN.offered(plan, perms)


# ---- 工作台账 -----------------------------------------------------------------------------------------


def entries_visible_to(
    user,
    *,
    q: str = "",
    year=None,
    status: str = "",
    kind: str = "",
    agency=None,
    plan=None,
    sort: str = "",
    today: date | None = None,
) -> QuerySet:
    """Ledger entries of published plans the user may see. status: a status, or "overdue" (pending and
    past its deadline)."""
    today = today or timezone.localdate()
    entries = access.visible_to(
        user,
        LedgerEntry.objects.filter(task__plan__status=PlanStatus.PUBLISHED).select_related(
            "task__plan__agency", "agency__region"
        ),
    )
    for term in _search_terms(q):
        entries = entries.filter(Q(task__title__icontains=term) | Q(agency__name__icontains=term))
    if (year := _int(year)) is not None:
        entries = entries.filter(task__plan__year=year)
    if status == "overdue":
        entries = entries.filter(status=EntryStatus.PENDING, due__lt=today)
    elif status in EntryStatus.values:
        entries = entries.filter(status=status)
    if kind:
        entries = entries.filter(task__kind=kind)
    if (agency := _int(agency)) is not None:
        entries = entries.filter(agency_id=agency)
    if (plan := _int(plan)) is not None:
        entries = entries.filter(task__plan_id=plan)
    return _sorted(entries, LEDGER_SORTS, sort)


def is_overdue(entry: LedgerEntry, today: date | None = None) -> bool:
    return entry.status == EntryStatus.PENDING and entry.due < (today or timezone.localdate())


def may_report(entry: LedgerEntry, user) -> bool:
    """The entry's own agency, holding report_ledger, may report (the form and the API hint)."""
    return (
        user.agency_id == entry.agency_id
        and access.can(user, REPORT_LEDGER, entry)
        and bool(LEDGER.offered(entry, {REPORT_LEDGER}))
    )


def reports_of(entry: LedgerEntry) -> QuerySet:
    return entry.reports.select_related("reported_by").order_by("created_at", "id")


def report_visible_or_404(user, pk) -> LedgerReport:
    entries = access.visible_to(user, LedgerEntry.objects.all())
    try:
        return LedgerReport.objects.select_related("entry").get(pk=pk, entry__in=entries)
    except (LedgerReport.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该对象，或您无权查看") from None


@dataclass
class RollupRow:
    agency_id: int
    agency: str
    total: int
    done: int
    late: int
    overdue: int


@dataclass
class RegionRollup:
    code: str
    name: str
    rows: list[RollupRow] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def total(self) -> int:
        return self._sum("total")

    @property
    def done(self) -> int:
        return self._sum("done")

    @property
    def late(self) -> int:
        return self._sum("late")

    @property
    def overdue(self) -> int:
        return self._sum("overdue")


def rollup(user, *, year=None, today: date | None = None) -> list[RegionRollup]:
    """The ledger rolled up: per region, per agency, how many entries, done (reported), done late, and
    overdue (pending past the deadline) — one grouped query over what the user may see."""
    today = today or timezone.localdate()
    entries = entries_visible_to(user, year=year, today=today).order_by()
    grouped = (
        entries.values("agency__region__code", "agency__region__name", "agency_id", "agency__name")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=EntryStatus.REPORTED)),
            late=Count("id", filter=Q(status=EntryStatus.REPORTED, reported_on__gt=F("due"))),
            overdue=Count("id", filter=Q(status=EntryStatus.PENDING, due__lt=today)),
        )
        .order_by("agency__region__code", "agency_id")
    )
    regions: dict[str, RegionRollup] = {}
    for row in grouped:
        region = regions.setdefault(
            row["agency__region__code"],
            RegionRollup(row["agency__region__code"], row["agency__region__name"]),
        )
        region.rows.append(
            RollupRow(
                row["agency_id"], row["agency__name"], row["total"], row["done"], row["late"], row["overdue"]
            )
        )
    return list(regions.values())


# ---- 督办 --------------------------------------------------------------------------------------------


def oversights_visible_to(
    user, *, q: str = "", status: str = "", ground: str = "", agency=None, overdue: str = "", sort: str = ""
) -> QuerySet:
    oversights = access.visible_to(
        user, Oversight.objects.select_related("agency", "supervisor_agency", "superior", "case")
    )
    for term in _search_terms(q):
        oversights = oversights.filter(
            Q(title__icontains=term) | Q(agency__name__icontains=term) | Q(case__number__icontains=term)
        )
    if status in OversightStatus.values:
        oversights = oversights.filter(status=status)
    if ground:
        oversights = oversights.filter(ground=ground)
    if (agency := _int(agency)) is not None:
        oversights = oversights.filter(agency_id=agency)
    if overdue:
        oversights = oversights.exclude(status=OversightStatus.CLOSED).filter(due__lt=timezone.localdate())
    return _sorted(oversights, OVERSIGHT_SORTS, sort)


def oversight_overdue(oversight: Oversight, today: date | None = None) -> bool:
    return oversight.status != OversightStatus.CLOSED and oversight.due < (today or timezone.localdate())


def oversight_actions(oversight: Oversight, user) -> list[str]:
    """The actions the 督办 offers the user: its status allows them, the user holds the permission on it,
    and a progress report only to the overseen agency itself."""
    perms = set()
    if access.can(user, MANAGE_OVERSIGHT, oversight):
        perms.add(MANAGE_OVERSIGHT)
    if user.agency_id == oversight.agency_id and access.can(user, REPORT_OVERSIGHT, oversight):
        perms.add(REPORT_OVERSIGHT)
    return OVERSIGHT.offered(oversight, perms)


def oversight_history(oversight: Oversight) -> tuple[QuerySet, QuerySet]:
    reports = OversightReport.objects.filter(oversight=oversight).select_related("reported_by")
    extensions = OversightExtension.objects.filter(oversight=oversight).select_related("granted_by")
    return reports, extensions


def oversights_of_case(case, user) -> QuerySet:
    return access.visible_to(user, Oversight.objects.filter(case=case), VIEW_OVERSIGHT)


def grant_superiors_their_oversights() -> None:
    """The superior department (the same-field agency in the parent region) sees the 督办 of the agency
    below it (view only; its reports and extensions are read through the 督办)."""
    access.grant_view(
        Oversight,
        {VIEW_OVERSIGHT},
        lambda user: Q(superior_id=user.agency_id) if user.agency_id else Q(pk__in=[]),
    )
