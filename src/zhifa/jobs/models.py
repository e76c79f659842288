"""What the background work leaves behind: each task run (whatever backend ran it), each slot of the
schedule taken (so a slot is enqueued once, however many schedulers run), and each background export."""

from django.conf import settings
from django.db import models

from .choices import ExportStatus, ImportStatus, RunStatus


class TaskRun(models.Model):
    """任务运行记录 — one enqueued background task, kept from the django-tasks signals (enqueued, started,
    finished), so the 系统管理员 sees runs and failures with the database, Redis or Celery backend alike.
    System work, not an agency's: the records of a retry go to the admin's agency chain."""

    result_id = models.CharField("任务编号", max_length=64, unique=True)
    task_path = models.CharField("任务", max_length=200, db_index=True)
    args = models.JSONField("参数", default=dict)  # {"args": [...], "kwargs": {...}} as enqueued
    backend = models.CharField("后端", max_length=32, default="default")
    status = models.CharField("状态", max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    enqueued_at = models.DateTimeField("排队时间")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    error = models.TextField("错误摘要", blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name="重试自",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retries",
    )

    class Meta:
        verbose_name = verbose_name_plural = "任务运行记录"
        ordering = ["-enqueued_at", "-id"]
        indexes = [
            models.Index(fields=["-enqueued_at", "-id"], name="jobs_run_list"),
            models.Index(fields=["status", "-enqueued_at"], name="jobs_run_status"),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.get_status_display()}）"

    @property
    def label(self) -> str:
        from .schedule import task_label

        return task_label(self.task_path)

    @property
    def duration(self) -> str:
        """用时 as a person reads it (秒, 分, 小时)."""
        if self.started_at is None or self.finished_at is None:
            return ""
        seconds = max(0.0, (self.finished_at - self.started_at).total_seconds())
        if seconds < 60:
            return f"{seconds:.1f} 秒"
        if seconds < 3600:
            return f"{int(seconds // 60)} 分 {int(seconds % 60)} 秒"
        return f"{int(seconds // 3600)} 小时 {int(seconds % 3600 // 60)} 分"


class ScheduleSlot(models.Model):
    """计划时段 — one due time of one schedule entry, taken by the scheduler that enqueued it. The unique
    pair makes a slot enqueued once even with two schedulers or a restart inside the slot."""

    entry = models.CharField("计划任务", max_length=64)
    slot = models.CharField(
        "时段", max_length=32
    )  # 2026-12-04 (daily), 2026-12 (monthly), 2026-12-04T05 (hourly)
    taken_at = models.DateTimeField("安排时间", auto_now_add=True)
    result_id = models.CharField("任务编号", max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "计划时段"
        constraints = [models.UniqueConstraint(fields=["entry", "slot"], name="jobs_slot_once")]

    def __str__(self) -> str:
        return f"{self.entry} {self.slot}"


class ExportJob(models.Model):
    """后台导出 — a list too large for one request, written by the worker for the user who asked; only
    they see it (another user: 404), and its file is deleted when it expires."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.CASCADE, related_name="+"
    )
    export = models.CharField("导出", max_length=64)  # core.exports key
    filename = models.CharField("文件名", max_length=200)
    params = models.JSONField("筛选条件", default=dict)  # the list's query string, {key: [values]}
    status = models.CharField(
        "状态", max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total = models.PositiveIntegerField("总行数", default=0)
    done = models.PositiveIntegerField("已写行数", default=0)
    file = models.CharField("文件", max_length=300, blank=True)  # storage name
    error = models.TextField("错误摘要", blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    expires_at = models.DateTimeField("保留至", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台导出"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="jobs_export_owner")]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


class ImportJob(models.Model):
    """后台导入 — an Excel import past ZHIFA_IMPORT_SYNC_ROWS rows, run by the worker for the user who
    uploaded it; only they see it (another user: 404). The uploaded file is deleted once it has been
    read: what stays is the outcome (rows imported, or the row errors)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.CASCADE, related_name="+"
    )
    importer = models.CharField("导入程序", max_length=200)  # dotted path of the app's import_xlsx
    agency = models.ForeignKey(
        "core.Agency", verbose_name="机关", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("导入内容", max_length=32)
    label = models.CharField("导入内容名称", max_length=100)
    filename = models.CharField("文件名", max_length=200)
    file = models.CharField("文件", max_length=300, blank=True)  # storage name, until read
    status = models.CharField(
        "状态", max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total = models.PositiveIntegerField("总行数", default=0)
    done = models.PositiveIntegerField("已读行数", default=0)
    created = models.PositiveIntegerField("导入条数", default=0)
    errors = models.JSONField("错误", default=list)  # ["第3行：…", …], at most ERRORS_KEPT
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台导入"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="jobs_import_owner")]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
