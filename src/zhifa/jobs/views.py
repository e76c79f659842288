"""后台任务's pages: 任务运行 (系统管理员: runs, failures, retry, the schedule) and 我的导出 (each user's
background exports: progress, download)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.audit.choices import AuditAction
from zhifa.audit.services import audit_event
from zhifa.core import exports
from zhifa.core.pagination import paginate

from . import schedule, selectors, services
from .choices import ExportStatus, ImportStatus, RunStatus


@login_required
def run_list(request):
    if not request.user.has_perm(selectors.VIEW_RUNS):
        raise PermissionDenied
    if not selectors.may_see_runs(request.user):
        raise Http404("未找到后台任务页面")
    status = request.GET.get("status", "").strip()
    status = status if status in RunStatus.values else ""
    page = paginate(request, selectors.runs(status))
    now = timezone.now()
    context = {
        "page": page,
        "filters": {"status": status},
        "statuses": RunStatus.choices,
        "counts": [(label, selectors.status_counts()[code]) for code, label in RunStatus.choices],
        "schedule": [
            {
                "entry": entry,
                "cadence": schedule.CADENCES[entry.cadence],
                "next": schedule.next_time(entry, now),
            }
            for entry in schedule.entries()
        ],
        "can_retry": request.user.has_perm(services.RETRY),
    }
    return render(request, "jobs/run_list.html", context)


@login_required
def run_detail(request, pk: int):
    """后台任务结果: one run with its arguments and, when it failed, the error with its full traceback."""
    if not selectors.may_see_runs(request.user):
        raise Http404("未找到该任务运行记录")
    run = selectors.get_run(pk)
    context = {
        "run": run,
        "errors": selectors.run_errors(run) if run.status == RunStatus.FAILED else [],
        "can_retry": request.user.has_perm(services.RETRY),
    }
    return render(request, "jobs/run_detail.html", context)


@login_required
@require_POST
def run_retry(request, pk: int):
    if not selectors.may_see_runs(request.user):
        raise Http404("未找到该任务运行记录")
    run = selectors.get_run(pk)
    try:
        services.task_retry(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已重新排队。")
    return redirect("jobs:runs")


def offer(request, export: exports.ListExport, count: int) -> HttpResponse:
    """core.exports' answer to a list past ZHIFA_EXPORT_STREAM_ROWS rows: a page offering the background
    export (a POST: asking writes a job), or the CSV streamed at once."""
    query = request.GET.copy()
    for key in ("now", "format", "page"):
        query.pop(key, None)
    return render(
        request,
        "jobs/export_offer.html",
        {
            "export": export,
            "count": count,
            "query": query.urlencode(),
            "csv_url": f"{request.path}?{urlencode({**query.dict(), 'format': 'csv'})}",
        },
    )


@login_required
@require_POST
def export_start(request):
    export = exports.registered(request.POST.get("export", ""))
    if export is None:
        raise Http404("未找到该导出")
    if export.perm and not request.user.has_perm(export.perm):
        raise PermissionDenied("您无权导出该列表")
    if (refusal := exports.guard_personal_data(request, export)) is not None:
        return refusal
    params = QueryDict(request.POST.get("query", ""))
    total = export.queryset(request.user, params).order_by().count()
    job = services.export_start(actor=request.user, export=export, params=params, total=total)
    return redirect("jobs:export_detail", pk=job.pk)


@login_required
def export_list(request):
    page = paginate(request, selectors.exports_of(request.user))
    imports = selectors.imports_of(request.user)[:20]
    return render(request, "jobs/export_list.html", {"page": page, "filters": {}, "imports": imports})


@login_required
def export_detail(request, pk: int):
    job = selectors.get_export(request.user, pk)
    return render(request, "jobs/export_detail.html", {"job": job, "finished": _finished(job)})


@login_required
def export_progress(request, pk: int):
    """The progress bar alone (htmx polls it every second until the export is finished)."""
    job = selectors.get_export(request.user, pk)
    return render(request, "jobs/_export_progress.html", {"job": job, "finished": _finished(job)})


@login_required
def export_download(request, pk: int):
    job = selectors.get_export(request.user, pk)
    audit_event(AuditAction.EXPORT, request=request, obj=job, object_repr=job.filename, detail="后台导出下载")
    response = FileResponse(services.export_file(actor=request.user, job=job), content_type=exports.XLSX_TYPE)
    return exports.attachment(response, job.filename)


def _finished(job) -> bool:
    return job.status in (ExportStatus.DONE, ExportStatus.FAILED, ExportStatus.EXPIRED)


@login_required
def import_detail(request, pk: int):
    job = selectors.get_import(request.user, pk)
    return render(request, "jobs/import_detail.html", {"job": job, "finished": _import_finished(job)})


@login_required
def import_progress(request, pk: int):
    """The progress and the outcome alone (htmx polls it every second until the import is finished)."""
    job = selectors.get_import(request.user, pk)
    return render(request, "jobs/_import_progress.html", {"job": job, "finished": _import_finished(job)})


def _import_finished(job) -> bool:
    return job.status in (ImportStatus.DONE, ImportStatus.FAILED)
