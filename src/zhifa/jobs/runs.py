"""Task runs from django-tasks' signals (sent by every backend: the enqueueing process sends `enqueued`,
the worker `started` and `finished`), so the 任务运行 page shows the same with the database, Redis or
Celery backend. Keeping the row never fails the task: an error here is logged and swallowed."""

import logging
import re

from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued, task_finished, task_started

log = logging.getLogger("zhifa.jobs")

# an exception class as a person reads it; others show as 程序错误
EXCEPTION_LABELS = {
    "ValueError": "数据错误",
    "ValidationError": "校验未通过",
    "PermissionDenied": "无权操作",
    "ObjectDoesNotExist": "对象不存在",
    "DoesNotExist": "对象不存在",
    "IntegrityError": "数据冲突",
    "OperationalError": "数据库不可用",
    "DatabaseError": "数据库错误",
    "TimeoutError": "超时",
    "ConnectionError": "连接失败",
    "OSError": "文件或系统错误",
    "MemoryError": "内存不足",
}
_ASCII_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def error_summary(exception_class_path: str, traceback: str) -> str:
    """One line in Chinese: the kind of error, and its message when the message is Chinese (an English
    message or a code stays in the traceback, which the run's own page, 后台任务结果, shows to the 系统管理员)."""
    name = exception_class_path.rsplit(".", 1)[-1]
    kind = EXCEPTION_LABELS.get(name, "程序错误")
    last = traceback.strip().splitlines()[-1] if traceback.strip() else ""
    message = last.split(":", 1)[1].strip() if ":" in last else ""
    message = message.strip("[]{}'\" ")
    if message and not _ASCII_WORDS.search(message):
        return f"{kind}：{message}"[:500]
    return kind


def _args_of(task_result) -> dict:
    return {"args": list(task_result.args), "kwargs": dict(task_result.kwargs)}


def on_enqueued(sender, task_result, **kwargs) -> None:
    from .models import TaskRun

    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's transaction usable
            TaskRun.objects.update_or_create(
                result_id=str(task_result.id),
                defaults={
                    "task_path": task_result.task.module_path,
                    "args": _args_of(task_result),
                    "backend": task_result.backend,
                    "enqueued_at": task_result.enqueued_at or _now(),
                },
            )
    except Exception:
        log.exception("task run not kept (enqueued %s)", task_result.id)


def on_started(sender, task_result, **kwargs) -> None:
    _update(task_result, status="running", started_at=task_result.started_at or _now())


def on_finished(sender, task_result, **kwargs) -> None:
    from .choices import RunStatus

    failed = task_result.status == TaskResultStatus.FAILED
    error = ""
    if failed and task_result.errors:
        last = task_result.errors[-1]
        error = error_summary(last.exception_class_path, last.traceback)
    _update(
        task_result,
        status=RunStatus.FAILED if failed else RunStatus.SUCCEEDED,
        finished_at=task_result.finished_at or _now(),
        error=error or ("程序错误" if failed else ""),
    )


def _update(task_result, **fields) -> None:
    from .models import TaskRun

    try:
        with transaction.atomic():
            updated = TaskRun.objects.filter(result_id=str(task_result.id)).update(**fields)
            if not updated:  # enqueued before this app kept runs, or its enqueue signal was lost
                TaskRun.objects.create(
                    result_id=str(task_result.id),
                    task_path=task_result.task.module_path,
                    args=_args_of(task_result),
                    backend=task_result.backend,
                    enqueued_at=task_result.enqueued_at or _now(),
                    **fields,
                )
    except Exception:
        log.exception("task run not kept (%s)", task_result.id)


def _now():
    from django.utils import timezone

    return timezone.now()


def connect() -> None:
    task_enqueued.connect(on_enqueued, dispatch_uid="zhifa.jobs.enqueued")
    task_started.connect(on_started, dispatch_uid="zhifa.jobs.started")
    task_finished.connect(on_finished, dispatch_uid="zhifa.jobs.finished")
