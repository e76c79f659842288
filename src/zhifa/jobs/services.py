"""后台任务's writes: retrying a failed run (系统管理员), and the background export (start, run in the
worker, purge when expired)."""

import logging
import tempfile
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.module_loading import import_string

from zhifa.core import exports, kit, records

from .choices import ExportStatus, ImportStatus, RunStatus
from .models import ExportJob, ImportJob, TaskRun

log = logging.getLogger("zhifa.jobs")

RETRY = "jobs.change_taskrun"
KEEP_HOURS = 24  # default; setting ZHIFA_EXPORT_KEEP_HOURS — how long a finished export can be downloaded


def task_retry(*, actor: kit.Person, run: TaskRun) -> TaskRun:
    """重试: the failed run's task enqueued again with the same arguments, linked to the failed run and
    recorded in the admin's agency chain (action task.retry)."""
    if not actor.has_perm(RETRY):
        raise PermissionDenied("只有系统管理员可以重试后台任务")
    with transaction.atomic():
        run = TaskRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.FAILED:
            kit.refuse("status", "只有失败的任务可以重试")
        if run.retries.exists():
            kit.refuse("status", "该任务已重试，请查看重试的运行记录")
        if actor.agency_id is None:
            kit.refuse("status", "账号未关联机关，不能记录重试操作")
        task = import_string(run.task_path)
        result = task.enqueue(*run.args.get("args", []), **run.args.get("kwargs", {}))
        retry, _ = TaskRun.objects.get_or_create(
            result_id=str(result.id),
            defaults={"task_path": run.task_path, "args": run.args, "enqueued_at": timezone.now()},
        )
        TaskRun.objects.filter(pk=retry.pk).update(retry_of=run)
        records.append(
            subject=run,
            agency=actor.agency,
            action="task.retry",
            actor=actor,
            payload={"task": run.task_path, "failed_run": run.result_id, "retry_run": retry.result_id},
        )
    retry.refresh_from_db()
    return retry


def export_start(
    *, actor: kit.Person, export: exports.ListExport, params: QueryDict, total: int
) -> ExportJob:
    """后台导出: the list as the user filtered it, written by the worker (`tasks.run_export`)."""
    job = ExportJob.objects.create(
        owner=actor,
        export=export.key,
        filename=export.filename,
        params={key: params.getlist(key) for key in params if key not in ("now", "format", "page")},
        total=total,
    )
    from .tasks import run_export

    run_export.enqueue(job_id=job.pk)  # after the row is committed (pages run in autocommit)
    return job


def export_run(*, job_id: int) -> int:
    """Write the job's rows into a temporary file, updating its progress every chunk, then store it;
    the rows written. A job already done is not written again."""
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    if job.status in (ExportStatus.DONE, ExportStatus.EXPIRED):
        return job.done
    export = exports.registered(job.export)
    if export is None:
        return _fail(job, "导出类型不存在")
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, done=0)
    params = QueryDict(mutable=True)
    for key, values in job.params.items():
        params.setlist(key, values)
    try:
        queryset = export.queryset(job.owner, params)
        with tempfile.TemporaryFile() as out:
            done = exports.write_xlsx(
                out,
                export,
                queryset,
                progress=lambda n: ExportJob.objects.filter(pk=job.pk).update(done=n),
                user=job.owner,
            )
            out.seek(0)
            name = default_storage.save(f"exports/{job.owner_id}/{uuid.uuid4().hex}.xlsx", File(out))
    except Exception:
        _fail(job, "导出失败，请稍后重试")
        raise
    now = timezone.now()
    hours = int(getattr(settings, "ZHIFA_EXPORT_KEEP_HOURS", KEEP_HOURS))
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        done=done,
        total=max(done, job.total),
        file=name,
        finished_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    return done


def _fail(job: ExportJob, message: str) -> int:
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
    )
    return 0


def exports_purge(now=None) -> int:
    """Delete the files of the exports past their time (the row stays, marked 已过期); idempotent."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(status=ExportStatus.DONE, expires_at__lte=now):
        if job.file:
            default_storage.delete(job.file)
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.EXPIRED, file="")
        count += 1
    return count


def export_file(*, actor, job: ExportJob):
    """The stored file of the user's own finished export (another user's, or an expired one: 404)."""
    if job.owner_id != actor.pk or job.status != ExportStatus.DONE or not job.file:
        raise Http404("未找到该导出文件，或已过期")
    if not default_storage.exists(job.file):  # removed from the storage by hand
        raise Http404("未找到该导出文件，或已过期")
    return default_storage.open(job.file, "rb")


# ---- background import ------------------------------------------------------------------------------

ERRORS_KEPT = 500  # row errors kept on the job (the page lists them; a file with more has bigger problems)


def import_start(*, actor: kit.Person, importer: str, agency, kind: str, label: str, file) -> ImportJob:
    """后台导入: the upload kept in the storage until the worker (`tasks.run_import`) has read it."""
    name = default_storage.save(f"imports/{actor.pk}/{uuid.uuid4().hex}.xlsx", File(file))
    job = ImportJob.objects.create(
        owner=actor,
        importer=importer,
        agency=agency,
        kind=kind,
        label=label,
        filename=str(getattr(file, "name", "") or "导入.xlsx")[:200],
        file=name,
    )
    from .tasks import run_import

    run_import.enqueue(job_id=job.pk)
    return job


def import_run(*, job_id: int) -> int:
    """Run the app's own import (all or nothing, as in a request) on the stored file as the user who
    uploaded it, with the rows read as progress; then delete the file. Returns the rows imported."""
    from zhifa.core import import_limits, xlsx_import

    job = ImportJob.objects.select_related("owner", "agency").get(pk=job_id)
    if job.status != ImportStatus.QUEUED or not job.file:
        return job.created
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    progress = xlsx_import.progress.set(lambda n: ImportJob.objects.filter(pk=job.pk).update(done=n))
    try:
        with default_storage.open(job.file, "rb") as stored:
            total = xlsx_import.data_rows(stored, label=job.label, at_most=import_limits.max_rows())
            ImportJob.objects.filter(pk=job.pk).update(total=total)
            result = import_string(job.importer)(
                actor=job.owner, agency=job.agency, kind=job.kind, file=stored
            )
    except (
        ValidationError,
        PermissionDenied,
    ) as refused:  # the app's refusal (rights lost since): its reason
        messages = getattr(refused, "messages", None) or [str(refused)]
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, errors=[str(m) for m in messages], finished_at=timezone.now()
        )
        return 0
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, errors=["导入失败，请稍后重试"], finished_at=timezone.now()
        )
        raise
    finally:
        xlsx_import.progress.reset(progress)
        default_storage.delete(job.file)
        ImportJob.objects.filter(pk=job.pk).update(file="")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE if result.ok else ImportStatus.FAILED,
        done=total,
        created=result.created,
        errors=[str(error) for error in result.errors[:ERRORS_KEPT]],
        finished_at=timezone.now(),
    )
    return result.created
