"""后台任务's reads: the runs (系统管理员) and each user's own exports."""

from django.db.models import QuerySet
from django.http import Http404

from .choices import RunStatus
from .models import ExportJob, ImportJob, TaskRun

VIEW_RUNS = "jobs.view_taskrun"


def may_see_runs(user) -> bool:
    """Task runs are the instance's work, not an agency's (their arguments name any agency, and a retry
    runs it again for all): only a 系统管理员 whose scope is the whole instance — of an agency in a top
    region — sees and retries them; a county's gets 404."""
    if not user.has_perm(VIEW_RUNS) or user.agency_id is None:
        return False
    return user.agency.region.parent_id is None


def runs(status: str = "") -> QuerySet[TaskRun]:
    """Every run, newest first; `status` one of RunStatus (another value: all)."""
    queryset = TaskRun.objects.select_related("retry_of").prefetch_related("retries")
    if status in RunStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-enqueued_at", "-id")


def status_counts() -> dict[str, int]:
    """Runs per status, one grouped query."""
    from django.db.models import Count

    counted = dict(TaskRun.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counted.get(status, 0) for status in RunStatus.values}


def get_run(pk) -> TaskRun:
    try:
        return TaskRun.objects.get(pk=pk)
    except (TaskRun.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该任务运行记录") from exc


def exports_of(user) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(owner=user).order_by("-created_at", "-id")


def get_export(user, pk) -> ExportJob:
    """The user's own export; anyone else's is a 404, never a hint that it exists."""
    try:
        return exports_of(user).get(pk=pk)
    except (ExportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该导出") from exc


def imports_of(user) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(owner=user).order_by("-created_at", "-id")


def get_import(user, pk) -> ImportJob:
    """The user's own background import; anyone else's is a 404."""
    try:
        return imports_of(user).select_related("agency").get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该导入") from exc


def run_errors(run: TaskRun) -> list[tuple[str, str]]:
    """The errors the task backend kept for a failed run — (exception class, traceback) — for the run's own
    page (后台任务结果): the full traceback is for the 系统管理员 only. Empty when the backend no longer
    holds the result (purged) or cannot look one up."""
    from django_tasks import task_backends
    from django_tasks.exceptions import InvalidTaskBackendError, TaskResultDoesNotExist

    try:
        result = task_backends[run.backend].get_result(run.result_id)
    except (InvalidTaskBackendError, TaskResultDoesNotExist, NotImplementedError, ValueError):
        return []
    return [(error.exception_class_path, error.traceback) for error in result.errors]
