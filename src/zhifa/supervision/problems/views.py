"""突出问题清单、整改任务 and 电子技术监控设备 pages (thin: forms → services; reads through selectors). The
task page is the working page of both sides: the agency reports progress and completion with evidence, the
supervisor does the 回头看. Each action has a page of its own (a phone shows one form at a time) reached
from the buttons the transition table offers."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from zhifa.cases.evidence import storage
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import Form, apply_errors, filters_of, query_of, submit
from zhifa.core.models import Record
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param, year_param
from zhifa.supervision.actions.transitions import SUPERVISE
from zhifa.supervision.models import TaskFile

from . import clocks, export, forms, selectors, services
from .choices import Category, DeviceStatus, ProblemStatus, Source
from .transitions import MACHINE, MANAGE_DEVICE, RECORD, RECTIFY, REVIEW, is_overdue

PROBLEM_FILTERS = ("q", "category", "status", "source", "overdue", "sort", "agency", "year")
DEVICE_FILTERS = ("q", "status", "published", "sort", "agency")


def _records(subject) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk)).order_by(
            "at", "id"
        )
    )


# ---- 突出问题清单 ----------------------------------------------------------------------------------------


def _problem_filters(request) -> tuple[dict, selectors.ProblemFilters]:
    raw = filters_of(request, PROBLEM_FILTERS)
    parsed = selectors.ProblemFilters(
        q=raw["q"],
        category=raw["category"] if raw["category"] in Category.values else "",
        status=raw["status"] if raw["status"] in ProblemStatus.values else "",
        source=raw["source"] if raw["source"] in Source.values else "",
        agency=id_param(request, "agency"),
        year=year_param(request),
        overdue=raw["overdue"] == "1",
        sort=selectors.PROBLEM_SORTS.parse(raw["sort"]).value,
    )
    return raw, parsed


@login_required
def problem_list(request):
    """突出问题清单: every problem the user may see (an agency: its own list), with the count per agency."""
    raw, parsed = _problem_filters(request)
    page = paginate(request, selectors.problems_visible_to(request.user, parsed))
    return render(
        request,
        "supervision/problems/list.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of({**raw, "sort": parsed.sort}),
            "sorting": selectors.PROBLEM_SORTS.parse(parsed.sort),
            "categories": Category.choices,
            "statuses": ProblemStatus.choices,
            "sources": Source.choices,
            "counts": selectors.problem_counts(request.user),
            "can_record": request.user.has_perm(RECORD),
        },
    )


@login_required
def problem_export(request):
    """The filtered 突出问题清单 as Excel (the list's filters, order and access)."""
    return exports.respond(request, export.EXPORT)


@login_required
def problem_new(request):
    if not request.user.has_perm(RECORD):
        raise Http404("未找到该页面")
    form = forms.ProblemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.problem_record(actor=request.user, data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "突出问题已录入清单")
            return redirect("supervision:problem_detail", problem.pk)
    return render(request, "supervision/problems/form.html", {"form": form, "title": "录入突出问题"})


@login_required
def problem_detail(request, pk: int):
    problem = selectors.get_problem(request.user, pk)
    today = clocks.today()
    tasks = list(problem.tasks.order_by("created_at", "id"))
    return render(
        request,
        "supervision/problems/detail.html",
        {
            "problem": problem,
            "tasks": [(task, is_overdue(task, today)) for task in tasks],
            "records": _records(problem),
            "can_assign": problem.status == ProblemStatus.OPEN and access.can(request.user, RECORD, problem),
            "can_supervise": access.can(request.user, SUPERVISE, problem)
            and not (problem.supervision_item and problem.supervision_item.is_open),
            "can_open_item": problem.supervision_item is not None
            and access.can(request.user, "supervision.view_supervisionitem", problem.supervision_item),
        },
    )


@login_required
def problem_supervise(request, pk: int):
    """一键立项监督 from the problem (GET shows the one-field form; POST opens the 监督事项)."""
    problem = selectors.get_problem(request.user, pk)
    if not access.can(request.user, SUPERVISE, problem):
        raise PermissionDenied("您无权执行此操作")
    form = forms.SuperviseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.problem_supervise(actor=request.user, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "已立项监督")
            return redirect("supervision:action_detail", item.pk)
    return render(
        request,
        "supervision/problems/form.html",
        {"form": form, "title": "对该问题立项监督", "problem": problem},
    )


@login_required
def task_new(request, pk: int):
    problem = selectors.get_problem(request.user, pk)
    if not access.can(request.user, RECORD, problem):
        raise PermissionDenied("您无权执行此操作")
    form = forms.TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_assign(actor=request.user, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "整改任务已下达")
            return redirect("supervision:rectification_detail", task.pk)
    return render(
        request,
        "supervision/problems/form.html",
        {"form": form, "title": "下达整改任务", "problem": problem, "default_due": clocks.default_due()},
    )


# ---- 整改任务 --------------------------------------------------------------------------------------------


def _perms(user, task) -> set[str]:
    return {perm for perm in (RECTIFY, REVIEW) if access.can(user, perm, task)}


def _offered(user, task) -> list[str]:
    offered = MACHINE.offered(task, _perms(user, task))
    if user.agency_id != task.agency_id:
        offered = [a for a in offered if MACHINE.first(a).perm != RECTIFY]
    return offered


@login_required
def task_detail(request, pk: int):
    task = selectors.get_task(request.user, pk)
    return render(
        request,
        "supervision/problems/task.html",
        {
            "task": task,
            "overdue": is_overdue(task),
            "offered": MACHINE.buttons(task, _offered(request.user, task)),
            "reports": list(
                task.reports.select_related("submitted_by").prefetch_related("cases", "documents", "files")
            ),
            "follow_ups": list(task.follow_ups.select_related("reviewed_by")),
            "records": _records(task),
        },
    )


ACTION_FORMS: dict[str, tuple[type[Form], Callable[..., object], str]] = {
    "report": (forms.ReportForm, services.task_report, "整改进展已报告"),
    "submit": (forms.ReportForm, services.task_submit, "已报告整改完成，等待回头看"),
    "pass": (forms.PassForm, services.follow_up_pass, "回头看通过，整改任务已销号"),
    "fail": (forms.FailForm, services.follow_up_fail, "回头看未通过，已退回整改"),
}


@login_required
def task_step(request, pk: int, action: str):
    """One action on the task: its form (GET), or the action (POST); a refusal is shown beside the field."""
    if action not in ACTION_FORMS:
        raise Http404("没有该操作")
    task = selectors.get_task(request.user, pk)
    if MACHINE.first(action).perm not in _perms(request.user, task):
        raise PermissionDenied("您无权执行此操作")
    form_class, service, done = ACTION_FORMS[action]
    if form_class is forms.ReportForm:
        form: Form = form_class(request.POST or None, request.FILES or None, task=task)
    else:
        form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.to_kwargs() if hasattr(form, "to_kwargs") else form.cleaned_data
        try:
            service(actor=request.user, task=task, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("supervision:rectification_detail", task.pk)
    return render(
        request,
        "supervision/problems/form.html",
        {"form": form, "task": task, "problem": task.problem, "title": MACHINE.first(action).label},
    )


@login_required
def task_file(request, pk: int):
    """A rectification file of a report."""
    row = get_object_or_404(TaskFile.objects.select_related("report"), pk=pk)
    selectors.get_task(request.user, row.report.task_id)  # 404 outside what the user may see
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response


# ---- 电子技术监控设备 ------------------------------------------------------------------------------------


def _device_filters(request) -> tuple[dict, selectors.DeviceFilters]:
    raw = filters_of(request, DEVICE_FILTERS)
    parsed = selectors.DeviceFilters(
        q=raw["q"],
        status=raw["status"] if raw["status"] in DeviceStatus.values else "",
        published=raw["published"] if raw["published"] in ("0", "1") else "",
        agency=id_param(request, "agency"),
        sort=raw["sort"] if raw["sort"] in selectors.DEVICE_SORTS else "agency",
    )
    return raw, parsed


@login_required
def device_list(request):
    raw, parsed = _device_filters(request)
    page = paginate(request, selectors.devices_visible_to(request.user, parsed))
    return render(
        request,
        "supervision/problems/devices.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of(raw),
            "statuses": DeviceStatus.choices,
            "sorts": list(selectors.DEVICE_SORT_LABELS.items()),
            "can_register": request.user.has_perm(MANAGE_DEVICE),
        },
    )


DEVICE_EXPORT = exports.register(
    exports.ListExport(
        key="supervision.device_list",
        filename="电子技术监控设备.xlsx",
        columns=(
            Column("设置机关", lambda d: d.agency.name),
            Column("设备名称", lambda d: d.name),
            Column("设置地点", lambda d: d.location),
            Column("监控的违法行为", lambda d: d.purpose),
            Column("设置依据", lambda d: d.legal_basis),
            Column("批准机关", lambda d: d.approval_authority),
            Column("批准文号", lambda d: d.approval_number),
            Column("批准日期", lambda d: d.approved_on, "date"),
            Column("是否向社会公布", lambda d: "是" if d.published else "否"),
            Column("状态", lambda d: d.get_status_display()),
            Column("备注", lambda d: d.note),
        ),
        queryset=lambda user, params: selectors.devices_visible_to(
            user, _device_filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def device_export(request):
    _device_filters(request)  # a malformed agency id is a 400, as on the list
    return exports.respond(request, DEVICE_EXPORT)


@login_required
def device_summary(request):
    rows = selectors.device_summary(request.user)
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("total", "in_use", "stopped", "cleared", "unpublished", "unapproved")
    }
    return render(request, "supervision/problems/device_summary.html", {"rows": rows, "totals": totals})


@login_required
def device_new(request):
    if not request.user.has_perm(MANAGE_DEVICE):
        raise Http404("未找到该页面")
    form = forms.DeviceNewForm(request.POST or None, user=request.user)
    saved = submit(
        request,
        form,
        lambda data: services.device_register(
            actor=request.user, agency=data["agency"], data=form.to_input()
        ),
        done="设备已登记",
        then=lambda device: reverse("supervision:device_detail", args=[device.pk]),
    )
    context = {"form": form, "title": "登记电子技术监控设备"}
    return saved or render(request, "supervision/problems/form.html", context)


@login_required
def device_detail(request, pk: int):
    device = selectors.get_device(request.user, pk)
    return render(
        request,
        "supervision/problems/device.html",
        {
            "device": device,
            "records": _records(device),
            "can_edit": access.can(request.user, MANAGE_DEVICE, device),
        },
    )


@login_required
def device_edit(request, pk: int):
    device = selectors.get_device(request.user, pk)
    if not access.can(request.user, MANAGE_DEVICE, device):
        raise PermissionDenied("您无权执行此操作")
    initial = {name: getattr(device, name) for name in services.DEVICE_FIELDS}
    form = forms.DeviceForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda _data: services.device_update(actor=request.user, device=device, data=form.to_input()),
        done="设备信息已更新",
        then=reverse("supervision:device_detail", args=[device.pk]),
    )
    context = {"form": form, "title": f"更新设备信息：{device.name}", "device": device}
    return saved or render(request, "supervision/problems/form.html", context)
