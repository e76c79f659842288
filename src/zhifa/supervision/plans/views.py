"""Pages of 监督计划、工作台账 and 督办: lists (search, filters, sort, pages, Excel export), details with the
actions the transition tables offer, and the 督办 card on the case page. They parse, call a service or a
selector, and render; another agency's object is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.cases.models import Case
from zhifa.core import access, exports
from zhifa.core.exports import xlsx_response
from zhifa.core.forms import apply_errors, filters_of, query_of, refusal_messages
from zhifa.core.models import Agency
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param, year_param
from zhifa.core.selectors import active_agencies

from ..models import LedgerEntry, Oversight, SupervisionPlan
from . import export, selectors, services
from .choices import EntryStatus, OversightGround, OversightStatus, PlanStatus, TaskKind
from .forms import OVERSIGHT_FORMS, LedgerReportForm, OversightOpenForm, PlanForm, TaskForm
from .machine import (
    MANAGE_OVERSIGHT,
    MANAGE_PLAN,
    OVERSIGHT,
    REPORT_LEDGER,
    VIEW_LEDGER,
    VIEW_OVERSIGHT,
    VIEW_PLAN,
)

T = "supervision/plans/"


def _checked(request, *, year: bool = True, ids: tuple[str, ...] = ("agency",)) -> None:
    """Malformed or absurd year / id parameters are a 400 naming the parameter (core.params)."""
    if year:
        year_param(request)
    for name in ids:
        id_param(request, name)


# ---- 监督计划 -----------------------------------------------------------------------------------------

PLAN_FILTERS = export.PLAN_FILTERS
PLAN_SORT_CHOICES = [("year", "按年度"), ("agency", "按机关")]


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_list(request):
    _checked(request)
    filters = filters_of(request, PLAN_FILTERS)
    page = paginate(request, selectors.plans_visible_to(request.user, **filters))
    context = {
        "page": page,
        "filters": filters,
        "query": query_of(filters),
        "statuses": PlanStatus.choices,
        "sorts": PLAN_SORT_CHOICES,
        "agencies": active_agencies(request.user, VIEW_PLAN)
        .filter(supervision_plans__isnull=False)
        .distinct(),
        "can_create": request.user.has_perm(MANAGE_PLAN),
    }
    return render(request, T + "plan_list.html", context)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_export(request):
    _checked(request)
    return exports.respond(request, export.PLANS)


@login_required
@permission_required(MANAGE_PLAN, raise_exception=True)
def plan_new(request):
    form = PlanForm(request.POST or None, actor=request.user, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                actor=request.user,
                agency=data["agency"],
                year=data["year"],
                title=data["title"],
                milestones=data["milestones"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "监督计划已创建")
            return redirect("supervision:plan_detail", plan.pk)
    return render(request, T + "plan_new.html", {"form": form})


def _plan(request, pk) -> SupervisionPlan:
    return access.get_visible_or_404(
        request.user, SupervisionPlan.objects.select_related("agency__region"), VIEW_PLAN, pk=pk
    )


def _plan_page(request, plan, task_form=None, status=200):
    actions = selectors.plan_actions(plan, request.user)
    tasks = plan.tasks.prefetch_related("targets").order_by("due", "id")
    entry_counts = selectors.entries_visible_to(request.user, plan=plan.pk)
    done: dict[int, tuple[int, int]] = {}
    for entry in entry_counts:
        total, reported = done.get(entry.task_id, (0, 0))
        done[entry.task_id] = (total + 1, reported + (entry.status == EntryStatus.REPORTED))
    rows = [{"task": t, "targets": list(t.targets.all()), "progress": done.get(t.pk)} for t in tasks]
    context = {
        "plan": plan,
        "rows": rows,
        "can_add": "add-task" in actions,
        "can_publish": "publish" in actions,
        "task_form": task_form or (TaskForm(plan=plan) if "add-task" in actions else None),
        "form": task_form,  # the refused form, for tests/parity.py
        "has_special": any(r["task"].kind == TaskKind.SPECIAL for r in rows),
    }
    return render(request, T + "plan_detail.html", context, status=status)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_detail(request, pk: int):
    return _plan_page(request, _plan(request, pk))


@login_required
@require_POST
@permission_required(MANAGE_PLAN, raise_exception=True)
def plan_task_add(request, pk: int):
    plan = _plan(request, pk)
    form = TaskForm(request.POST, plan=plan)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_add(
                actor=request.user,
                plan=plan,
                title=data["title"],
                kind=data["kind"],
                owner=data["owner"],
                due=data["due"],
                targets=data["targets"],
                source=data["source"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "任务已添加")
            return redirect("supervision:plan_detail", plan.pk)
    return _plan_page(request, plan, task_form=form)


@login_required
@require_POST
@permission_required(MANAGE_PLAN, raise_exception=True)
def plan_publish(request, pk: int):
    plan = _plan(request, pk)
    try:
        services.plan_publish(actor=request.user, plan=plan)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, "监督计划已印发，工作台账已分送各报送单位")
    return redirect("supervision:plan_detail", plan.pk)


# ---- 工作台账 -----------------------------------------------------------------------------------------

LEDGER_FILTERS = export.LEDGER_FILTERS
LEDGER_SORT_CHOICES = [
    ("due", "按期限（早到晚）"),
    ("-due", "按期限（晚到早）"),
    ("agency", "按报送单位"),
    ("status", "按状态"),
]
LEDGER_STATUS_CHOICES = [*EntryStatus.choices, ("overdue", "逾期未报送")]


@login_required
@permission_required(VIEW_LEDGER, raise_exception=True)
def ledger_list(request):
    _checked(request, ids=("agency", "plan"))
    filters = filters_of(request, LEDGER_FILTERS)
    today = timezone.localdate()
    page = paginate(request, selectors.entries_visible_to(request.user, **filters, today=today))
    context = {
        "page": page,
        "rows": [(e, export.entry_status(e, today), selectors.is_overdue(e, today)) for e in page],
        "filters": filters,
        "query": query_of(filters),
        "statuses": LEDGER_STATUS_CHOICES,
        "kinds": TaskKind.choices,
        "sorts": LEDGER_SORT_CHOICES,
        "agencies": active_agencies(request.user, VIEW_LEDGER)
        .filter(ledger_entries__isnull=False)
        .distinct(),
        "can_rollup": request.user.has_perm(VIEW_PLAN),
    }
    return render(request, T + "ledger_list.html", context)


@login_required
@permission_required(VIEW_LEDGER, raise_exception=True)
def ledger_export(request):
    _checked(request, ids=("agency", "plan"))
    return exports.respond(request, export.LEDGER)


def _entry(request, pk) -> LedgerEntry:
    return access.get_visible_or_404(
        request.user,
        LedgerEntry.objects.select_related("task__plan__agency", "agency__region"),
        VIEW_LEDGER,
        pk=pk,
        task__plan__status=PlanStatus.PUBLISHED,
    )


def _entry_page(request, entry, form=None, status=200):
    can_report = selectors.may_report(entry, request.user)
    context = {
        "entry": entry,
        "task": entry.task,
        "overdue": selectors.is_overdue(entry),
        "status_label": export.entry_status(entry, timezone.localdate()),
        "reports": selectors.reports_of(entry),
        "form": form or (LedgerReportForm() if can_report else None),
        "can_open_plan": request.user.has_perm(VIEW_PLAN)
        and access.can(request.user, VIEW_PLAN, entry.task.plan),
    }
    return render(request, T + "ledger_detail.html", context, status=status)


@login_required
@permission_required(VIEW_LEDGER, raise_exception=True)
def ledger_detail(request, pk: int):
    return _entry_page(request, _entry(request, pk))


@login_required
@require_POST
@permission_required(REPORT_LEDGER, raise_exception=True)
def ledger_report(request, pk: int):
    entry = _entry(request, pk)
    form = LedgerReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.ledger_report(
                actor=request.user,
                entry=entry,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已报送")
            return redirect("supervision:ledger_detail", entry.pk)
    return _entry_page(request, entry, form=form)


@login_required
@permission_required(VIEW_LEDGER, raise_exception=True)
def ledger_report_file(request, pk: int):
    report = selectors.report_visible_or_404(request.user, pk)
    if not report.attachment:
        raise Http404("该报送没有附件")
    return FileResponse(report.attachment.open("rb"), as_attachment=True, filename=report.attachment_name)


ROLLUP_HEADERS = ["所属区划", "报送单位", "任务数", "已报送", "其中逾期报送", "逾期未报送"]


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def ledger_rollup(request):
    year = year_param(request, default=timezone.localdate().year)
    regions = selectors.rollup(request.user, year=year)
    context = {
        "regions": regions,
        "year": year,
        "totals": {k: sum(getattr(r, k) for r in regions) for k in ("total", "done", "late", "overdue")},
    }
    return render(request, T + "ledger_rollup.html", context)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def ledger_rollup_export(request):
    year = year_param(request, default=timezone.localdate().year)
    rows = [
        (region.name, row.agency, row.total, row.done, row.late, row.overdue)
        for region in selectors.rollup(request.user, year=year)
        for row in region.rows
    ]
    return xlsx_response(f"工作台账汇总{year}.xlsx", ROLLUP_HEADERS, rows)


# ---- 督办 --------------------------------------------------------------------------------------------

OVERSIGHT_FILTERS = export.OVERSIGHT_FILTERS
OVERSIGHT_SORT_CHOICES = [("due", "按办理期限"), ("-opened", "按督办日期"), ("agency", "按被督办机关")]


@login_required
@permission_required(VIEW_OVERSIGHT, raise_exception=True)
def oversight_list(request):
    _checked(request, year=False)
    filters = filters_of(request, OVERSIGHT_FILTERS)
    page = paginate(request, selectors.oversights_visible_to(request.user, **filters))
    today = timezone.localdate()
    context = {
        "page": page,
        "rows": [(o, selectors.oversight_overdue(o, today)) for o in page],
        "filters": filters,
        "query": query_of(filters),
        "statuses": OversightStatus.choices,
        "grounds": OversightGround.choices,
        "sorts": OVERSIGHT_SORT_CHOICES,
        "agencies": active_agencies(request.user, VIEW_OVERSIGHT).filter(oversights__isnull=False).distinct(),
        "can_open": request.user.has_perm(MANAGE_OVERSIGHT),
    }
    return render(request, T + "oversight_list.html", context)


@login_required
@permission_required(VIEW_OVERSIGHT, raise_exception=True)
def oversight_export(request):
    _checked(request, year=False)
    return exports.respond(request, export.OVERSIGHTS)


def _case(request, case_id) -> Case:
    return access.get_visible_or_404(
        request.user, Case.objects.select_related("agency"), "cases.view_case", pk=case_id
    )


def _open(request, case: Case | None):
    form = OversightOpenForm(
        request.POST or None,
        actor=request.user,
        case=case,
        initial={"title": f"{case.number} {case.summary}".strip() if case else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            oversight = services.oversight_open(
                actor=request.user,
                agency=data.get("agency"),
                case=case,
                title=data["title"],
                ground=data["ground"],
                description=data["description"],
                due=data["due"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已发起督办")
            return redirect("supervision:oversight_detail", oversight.pk)
    return render(request, T + "oversight_new.html", {"form": form, "case": case})


@login_required
@permission_required(MANAGE_OVERSIGHT, raise_exception=True)
def oversight_new(request):
    return _open(request, None)


@login_required
@require_POST
@permission_required(MANAGE_OVERSIGHT, raise_exception=True)
def oversight_from_case(request, case_id: int):
    return _open(request, _case(request, case_id))


def _oversight(request, pk) -> Oversight:
    return access.get_visible_or_404(
        request.user,
        Oversight.objects.select_related("agency", "superior", "supervisor_agency", "case"),
        VIEW_OVERSIGHT,
        pk=pk,
    )


def _oversight_page(request, oversight, forms=None, status=200):
    actions = selectors.oversight_actions(oversight, request.user)
    forms = forms or {}
    reports, extensions = selectors.oversight_history(oversight)
    context = {
        "oversight": oversight,
        "overdue": selectors.oversight_overdue(oversight),
        "reports": reports,
        "extensions": extensions,
        "actions": [
            (action, OVERSIGHT.first(action).label, forms.get(action) or OVERSIGHT_FORMS[action]())
            for action in actions
        ],
        "form": next(iter(forms.values()), None),  # the refused form, for tests/parity.py
        "can_open_case": oversight.case is not None
        and access.can(request.user, "cases.view_case", oversight.case),
    }
    return render(request, T + "oversight_detail.html", context, status=status)


@login_required
@permission_required(VIEW_OVERSIGHT, raise_exception=True)
def oversight_detail(request, pk: int):
    return _oversight_page(request, _oversight(request, pk))


@login_required
@require_POST
def oversight_action(request, pk: int, action: str):
    if action not in OVERSIGHT_FORMS:
        raise Http404("没有这项操作")
    oversight = _oversight(request, pk)
    form = OVERSIGHT_FORMS[action](request.POST)
    if form.is_valid():
        data = form.cleaned_data
        call = {
            "report": lambda: services.oversight_report(
                actor=request.user, oversight=oversight, text=data["text"]
            ),
            "extend": lambda: services.oversight_extend(
                actor=request.user, oversight=oversight, new_due=data["new_due"], reason=data["reason"]
            ),
            "escalate": lambda: services.oversight_escalate(
                actor=request.user, oversight=oversight, reason=data["reason"]
            ),
            "close": lambda: services.oversight_close(
                actor=request.user, oversight=oversight, conclusion=data["conclusion"]
            ),
        }[action]
        try:
            call()
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已{OVERSIGHT.first(action).label}")
            return redirect("supervision:oversight_detail", oversight.pk)
    return _oversight_page(request, oversight, forms={action: form})


# ---- the 督办 card on the case page -------------------------------------------------------------------


def case_panel_context(case, user) -> dict:
    oversights = list(selectors.oversights_of_case(case, user).order_by("-opened_on"))
    can_open = (
        user.has_perm(MANAGE_OVERSIGHT)
        and access.visible_to(user, Agency.objects.filter(pk=case.agency_id), MANAGE_OVERSIGHT).exists()
        and user.agency_id != case.agency_id
        and not any(o.status != OversightStatus.CLOSED for o in oversights)
    )
    return {
        "oversights": oversights,
        "oversight_form": OversightOpenForm(
            actor=user, case=case, initial={"title": f"{case.number} {case.summary}".strip()}
        )
        if can_open
        else None,
    }
