"""Reads, scoped by core.access. A joint plan (and its draws and tasks) is visible to the lead agency and
to every participating department; each department's inspections stay its own."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from zhifa.catalog import selectors as catalog
from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts
from zhifa.publicity import selectors as publicity
from zhifa.registry.selectors import enforcers_for

from .choices import DrawStatus, PlanStatus
from .models import (
    Draw,
    Inspection,
    InspectorProfile,
    LenientEntry,
    Plan,
    PlanItem,
    PriorReport,
    Subject,
    Task,
)
from .services.perms import VIEW_PLAN, VIEW_SUBJECT


def _plan_q(user, prefix: str = "") -> Q:
    own = access.visible_to(user, Plan.objects.all(), VIEW_PLAN).values("pk")
    joined = access.visible_to(user, PlanItem.objects.all(), VIEW_PLAN).values("plan_id")
    return Q(**{f"{prefix}pk__in": own}) | Q(**{f"{prefix}pk__in": joined})


# The plan and task lists' sortable columns on the core list kit (indexes: inspections 0005); the defaults
# stay the lists' own orders (plans: newest year first; tasks: nearest deadline first).
PLAN_SORTS = Sorts(
    SortColumn("year", "年度", ("year",)),
    SortColumn("title", "计划名称", ("title",)),
    SortColumn("ends", "完成期限", ("ends_on",)),
)
TASK_SORTS = Sorts(
    SortColumn("stratum", "风险等级", ("stratum",)),
    SortColumn("status", "状态", ("status", "due_on")),
    SortColumn("due", "完成期限", ("due_on",)),
)


def plans_visible_to(user, *, q: str = "", year: int | None = None, status: str = "") -> QuerySet[Plan]:
    plans = Plan.objects.filter(_plan_q(user)).select_related("agency")
    if q := q.strip():
        plans = plans.filter(title__icontains=q)
    if year:
        plans = plans.filter(year=year)
    if status:
        plans = plans.filter(status=status)
    return plans.order_by("-year", "-id")


def _get(queryset, pk):
    """One row of an already scoped queryset; 404 when absent or outside the user's jurisdiction."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该对象，或您无权查看") from exc


def get_plan(user, pk) -> Plan:
    return _get(Plan.objects.filter(_plan_q(user)).select_related("agency"), pk)


def get_draw(user, pk) -> Draw:
    return _get(
        Draw.objects.filter(plan__in=Plan.objects.filter(_plan_q(user))).select_related("plan__agency"), pk
    )


def tasks_visible_to(
    user, *, q: str = "", status: str = "", plan: int | None = None, mine: bool = False
) -> QuerySet[Task]:
    tasks = Task.objects.filter(plan__in=Plan.objects.filter(_plan_q(user))).select_related(
        "subject", "plan", "plan__agency"
    )
    if q := q.strip():
        tasks = tasks.filter(Q(subject__name__icontains=q) | Q(subject__code=q.upper()))
    if status:
        tasks = tasks.filter(status=status)
    if plan:
        tasks = tasks.filter(plan_id=plan)
    if mine:
        tasks = tasks.filter(inspectors__officer__user=user)
    return tasks.order_by("due_on", "id")


def get_task(user, pk) -> Task:
    return _get(tasks_visible_to(user), pk)


def subjects_visible_to(user, *, q: str = "", kind: str = "", risk: str = "") -> QuerySet[Subject]:
    subjects = access.visible_to(user, Subject.objects.select_related("agency", "region"))
    if q := q.strip():
        subjects = subjects.filter(Q(name__icontains=q) | Q(code=q.upper()))
    if kind:
        subjects = subjects.filter(kind=kind)
    if risk:
        subjects = subjects.filter(risk_level=risk)
    return subjects.order_by("agency_id", "code")


def get_subject(user, pk) -> Subject:
    return access.get_visible_or_404(user, Subject.objects.select_related("agency", "region"), pk=pk)


def inspections_visible_to(
    user, *, q: str = "", result: str = "", unpublished: bool = False
) -> QuerySet[Inspection]:
    """Inspections with their 公示 as publicity holds it (publicity_due, publicity_on, publicity_label)."""
    inspections = access.visible_to(user, Inspection.objects.select_related("agency", "subject", "task"))
    if q := q.strip():
        inspections = inspections.filter(Q(subject__name__icontains=q) | Q(subject_code=q.upper()))
    if result:
        inspections = inspections.filter(result=result)
    return publicity.awaiting_publicity(inspections) if unpublished else publicity.with_publicity(inspections)


def get_inspection(user, pk) -> Inspection:
    inspections = Inspection.objects.select_related("agency", "subject", "task")
    return access.get_visible_or_404(user, publicity.with_publicity(inspections), pk=pk)


def reports_visible_to(user) -> QuerySet[PriorReport]:
    return access.visible_to(user, PriorReport.objects.select_related("subject", "filed_by", "approver"))


def get_report(user, pk) -> PriorReport:
    return access.get_visible_or_404(user, PriorReport.objects.select_related("subject"), pk=pk)


def random_items(agency):
    """随机抽查事项清单 of an agency: (the catalogue version in force, its flagged items)."""
    version = catalog.version_in_force(agency) if agency else None
    items = catalog.items_of_list(version, "random").prefetch_related("legal_bases") if version else []
    return version, items


def inspector_rows(agency) -> list:
    """执法检查人员名录库 of an agency: per field of its random items, (field, [(officer, residence
    region name)]) of the officers with a valid certificate for it."""
    _, items = random_items(agency)
    fields = sorted({item.field for item in items}, key=lambda field: field.code)
    homes = dict(
        InspectorProfile.objects.filter(officer__agency=agency).values_list(
            "officer_id", "residence_region__name"
        )
    )
    return [
        (
            field,
            [(o, homes.get(o.pk)) for o in enforcers_for(field.code).filter(agency=agency).order_by("name")],
        )
        for field in fields
    ]


def lenient_visible_to(user) -> QuerySet[LenientEntry]:
    """包容审慎清单 entries, seen by whoever sees the 检查对象名录库."""
    entries = LenientEntry.objects.select_related("agency", "subject")
    return access.visible_to(user, entries, VIEW_SUBJECT).order_by("ended_on", "-valid_from", "-id")


def get_lenient(user, pk) -> LenientEntry:
    return _get(lenient_visible_to(user), pk)


def history_of(subject: Subject) -> QuerySet[Inspection]:
    """An enterprise's inspections by every department (its 扫码入企 page)."""
    return (
        Inspection.objects.filter(subject_code=subject.code)
        .select_related("agency")
        .order_by("-started_on", "-id")
    )


# ---- public ------------------------------------------------------------------------------------------


def published_plans() -> QuerySet[Plan]:
    return (
        Plan.objects.filter(status=PlanStatus.PUBLISHED)
        .select_related("agency")
        .annotate(draw_count=Count("draws"))
    )


def public_draws(plan: Plan) -> QuerySet[Draw]:
    """Every draw of a published plan: its commitment is public from the commit, its seed after the reveal."""
    return plan.draws.order_by("number")


def public_results(plan: Plan) -> QuerySet[Inspection]:
    """The plan's results that are public now (publicity approved them and has not taken them down)."""
    results = Inspection.objects.filter(task__plan=plan).select_related("agency", "subject")
    return publicity.publicly_shown(results).order_by("-publicity_on", "id")


def revealed(draw: Draw) -> bool:
    return draw.status == DrawStatus.REVEALED
