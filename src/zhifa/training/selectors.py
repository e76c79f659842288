"""Reads of 培训管理, scoped by core.access: an agency reads its own plans, trainers and 学法 sessions; the
justice bureau's supervisors read those of their region's subtree (a plan only once it is 报送: a draft is
the agency's own). The trainers a justice bureau registers form its region's shared pool: every agency of
the region (and below) reads them. The 全员轮训 completion rate per agency is one grouped query over the
officers and their registry.TrainingRecord hours of the year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, DecimalField, F, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.http import Http404

from zhifa.core import access
from zhifa.core.choices import AgencyKind
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.registry import clocks as registry_clocks
from zhifa.registry.choices import PersonKind, PersonStatus
from zhifa.registry.models import Officer, TrainingRecord

from .choices import PlanStatus
from .models import LeaderStudy, Trainer, TrainingPlan
from .transitions import VIEW_PLAN, VIEW_STUDY, VIEW_TRAINER

PLAN_SORTS = Sorts(
    SortColumn("year", "年度", ("year",)),
    SortColumn("agency", "机关", ("agency__name",)),
    SortColumn("status", "状态", ("status",)),
)
TRAINER_SORTS = Sorts(
    SortColumn("name", "姓名", ("name",)),
    SortColumn("unit", "工作单位", ("unit",)),
    SortColumn("agency", "登记机关", ("agency__name",)),
)
STUDY_SORTS = Sorts(
    SortColumn("held_on", "学法日期", ("held_on",)),
    SortColumn("agency", "机关", ("agency__name",)),
)
COMPLETION_SORTS = Sorts(
    SortColumn("agency", "机关", ("agency_name",)),
    SortColumn("officers", "执法人员数", ("officers",)),
    SortColumn("rate", "完成率", ("rate",)),
    tiebreak="agency_id",
)


def _own_agency_id(user) -> int | None:
    return getattr(user, "agency_id", None)


# ---- 年度培训计划 ----------------------------------------------------------------------------------------


def plans_visible_to(
    user, *, q: str = "", year: int | None = None, status: str = "", agency_id: int | None = None
) -> QuerySet[TrainingPlan]:
    """The plans `user` reads: their agency's (drafts too) and, over their jurisdiction, reported ones."""
    rows = access.visible_to(user, TrainingPlan.objects.select_related("agency"), VIEW_PLAN)
    if not access.is_system(user):
        rows = rows.filter(Q(status=PlanStatus.SUBMITTED) | Q(agency_id=_own_agency_id(user)))
    if q := q.strip():
        rows = rows.filter(Q(title__icontains=q) | Q(agency__name__icontains=q))
    if year:
        rows = rows.filter(year=year)
    if status in PlanStatus.values:
        rows = rows.filter(status=status)
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    return rows.annotate(planned_hours=Sum("items__hours"), item_count=Count("items")).order_by(
        "-year", "agency__name", "id"
    )


def get_plan(user, pk: int) -> TrainingPlan:
    return access.get_visible_or_404(user, plans_visible_to(user), VIEW_PLAN, pk=pk)


# ---- 培训师资库 ------------------------------------------------------------------------------------------


def _shared_pool_q(user) -> Q:
    """The trainers of the justice bureaus of the user's region and the regions above it."""
    agency = getattr(user, "agency", None)
    if agency is None:
        return Q(pk__in=[])
    path = agency.region.path
    parts = [p for p in path.split("/") if p]
    above = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return Q(agency__kind=AgencyKind.JUSTICE, agency__region__path__in=above)


def trainers_visible_to(
    user, *, q: str = "", agency_id: int | None = None, include_withdrawn: bool = False
) -> QuerySet[Trainer]:
    """The pool `user` reads: their jurisdiction's trainers and the shared pool of their justice bureaus;
    searched by name, unit, specialty or title."""
    base = Trainer.objects.select_related("agency")
    scoped = access.visible_to(user, base, VIEW_TRAINER)
    if access.is_system(user):
        rows = scoped
    elif user.has_perm(VIEW_TRAINER):
        rows = base.filter(Q(pk__in=scoped.values("pk")) | _shared_pool_q(user))
    else:
        rows = base.none()
    if q := q.strip():
        rows = rows.filter(
            Q(name__icontains=q) | Q(unit__icontains=q) | Q(specialty__icontains=q) | Q(title__icontains=q)
        )
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    if not include_withdrawn:
        rows = rows.filter(active=True)
    return rows.order_by("name", "id")


def get_trainer(user, pk: int) -> Trainer:
    """One trainer of the pool `user` reads (the shared pool included, so not access.get_visible_or_404,
    which would narrow it to the jurisdiction again); 404 otherwise."""
    trainer = trainers_visible_to(user, include_withdrawn=True).filter(pk=pk).first()
    if trainer is None:
        raise Http404("未找到该培训师资")
    return trainer


# ---- 领导干部学法 ----------------------------------------------------------------------------------------


def studies_visible_to(
    user, *, q: str = "", year: int | None = None, agency_id: int | None = None
) -> QuerySet[LeaderStudy]:
    rows = access.visible_to(user, LeaderStudy.objects.select_related("agency"), VIEW_STUDY)
    if q := q.strip():
        rows = rows.filter(Q(topic__icontains=q) | Q(lecturer__icontains=q))
    if year:
        rows = rows.filter(held_on__gte=date(year, 1, 1), held_on__lt=date(year + 1, 1, 1))
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    return rows.annotate(attendee_count=Count("attendees")).order_by("-held_on", "-id")


def get_study(user, pk: int) -> LeaderStudy:
    return access.get_visible_or_404(user, studies_visible_to(user), VIEW_STUDY, pk=pk)


def _tenths(value) -> Decimal:
    """A sum of hours to one decimal place on every database (SQLite drops the trailing zero)."""
    return Decimal(value or 0).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class StudyTotals:
    agency_id: int
    agency_name: str
    sessions: int
    hours: Decimal
    attendances: int  # 人次


def study_report(user, year: int) -> list[StudyTotals]:
    """领导干部学法 per agency in `year`: sessions, hours, attendances (人次) — one grouped query."""
    through = LeaderStudy.attendees.through
    attendance = (
        through.objects.filter(leaderstudy=OuterRef("pk"))
        .order_by()
        .values("leaderstudy")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        access.visible_to(user, LeaderStudy.objects.all(), VIEW_STUDY)
        .filter(held_on__gte=date(year, 1, 1), held_on__lt=date(year + 1, 1, 1))
        .alias(people=Coalesce(Subquery(attendance), 0))
        .order_by()
        .values("agency_id", "agency__name")
        .annotate(sessions=Count("pk"), hours=Sum("hours"), attendances=Sum("people"))
        .order_by("agency__name", "agency_id")
    )
    return [
        StudyTotals(r["agency_id"], r["agency__name"], r["sessions"], _tenths(r["hours"]), r["attendances"])
        for r in rows
    ]


# ---- 全员轮训 completion rate ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Completion:
    agency_id: int
    agency_name: str
    officers: int  # active 行政执法人员
    reached: int  # of whom the year's hours reach the requirement

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.reached, self.officers) if self.officers else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{float(self.rate) * 100:.1f}%"


def _year_hours(year: int) -> Coalesce:
    rows = (
        TrainingRecord.objects.filter(
            officer=OuterRef("pk"), on__gte=date(year, 1, 1), on__lt=date(year + 1, 1, 1)
        )
        .order_by()
        .values("officer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField()), Value(Decimal(0), output_field=DecimalField())
    )


def completion_rows(user, year: int, *, q: str = "", agency_id: int | None = None) -> QuerySet:
    """Per agency `user` reads (with the plans' view permission: an agency its own, a justice bureau its
    region's): its active 行政执法人员 and how many of them have the year's required hours
    (registry.clocks.training_hours_per_year) — one grouped query, rows of dicts."""
    target = registry_clocks.training_hours_per_year()
    officers = access.visible_to(
        user, Officer.objects.filter(status=PersonStatus.ACTIVE, kind=PersonKind.OFFICER), VIEW_PLAN
    )
    if q := q.strip():
        officers = officers.filter(agency__name__icontains=q)
    if agency_id:
        officers = officers.filter(agency_id=agency_id)
    return (
        officers.alias(year_hours=_year_hours(year))
        .order_by()
        .values("agency_id", agency_name=F("agency__name"))
        .annotate(
            officers=Count("pk"),
            reached=Count("pk", filter=Q(year_hours__gte=target)),
        )
        .annotate(rate=Cast(F("reached"), FloatField()) / Cast(F("officers"), FloatField()))
        .order_by("agency_name", "agency_id")
    )


def completion_of(row: dict) -> Completion:
    return Completion(row["agency_id"], row["agency_name"], row["officers"], row["reached"])


def completion_by_agency(user, year: int, **filters) -> list[Completion]:
    return [completion_of(row) for row in completion_rows(user, year, **filters)]
