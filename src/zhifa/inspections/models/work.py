"""检查任务 and 检查 (inspections): planned tasks from draws, unplanned inspections after 事前报备, and
the enterprise's anonymous 事后评价."""

import uuid

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.core.models import Agency
from zhifa.registry.models import Officer

from ..choices import InspectionResult, ReportStatus, TaskStatus
from .directory import Subject
from .plans import Draw, Plan


class Task(models.Model):
    """检查任务 — one drawn subject: one visit (综合查一次) by the drawn inspectors of every department."""

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.PROTECT, related_name="tasks")
    draw = models.ForeignKey(Draw, verbose_name="抽取", on_delete=models.PROTECT, related_name="tasks")
    subject = models.ForeignKey(
        Subject, verbose_name="检查对象", on_delete=models.PROTECT, related_name="tasks"
    )
    stratum = models.CharField("风险等级", max_length=1)
    status = models.CharField("状态", max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    due_on = models.DateField("完成期限")

    jurisdiction_field = "plan__agency"

    class Meta:
        verbose_name = verbose_name_plural = "检查任务"
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["draw", "subject"], name="uniq_task_subject")]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # the task list's sortable columns (selectors.TASK_SORTS) within one plan
            models.Index(fields=["plan", "due_on", "id"], name="insp_task_plan_due"),
            models.Index(fields=["plan", "stratum", "id"], name="insp_task_plan_stratum"),
            models.Index(fields=["plan", "status", "due_on", "id"], name="insp_task_plan_status"),
        ]

    def __str__(self) -> str:
        return f"{self.subject.name}（{self.plan.title}）"


class TaskInspector(models.Model):
    """A drawn inspector of a task, per department; `reason` set means a person replaced by hand
    (人工调整: e.g. the drawn inspector is ill), shown as such everywhere."""

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="inspectors")
    agency = models.ForeignKey(Agency, verbose_name="部门", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(Officer, verbose_name="检查人员", on_delete=models.PROTECT, related_name="+")
    replaced = models.ForeignKey(
        Officer, verbose_name="被替换人员", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("人工调整理由", max_length=200, blank=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "任务检查人员"
        ordering = ["task_id", "agency_id", "id"]

    def __str__(self) -> str:
        return f"{self.officer}"


class PriorReport(models.Model):
    """事前报备 — an inspection of an enterprise outside any plan, with its reason, approved by a leader
    before it starts (涉企执法: 事前报备、事中留痕、事后评价)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(Subject, verbose_name="检查对象", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("检查事由")
    item_codes = models.JSONField("检查事项", default=list)
    planned_on = models.DateField("拟检查日期")
    status = models.CharField(
        "状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报备人", on_delete=models.PROTECT, related_name="+"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decided_on = models.DateField("审批日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "事前报备"
        ordering = ["-created_at"]
        permissions = [("approve_priorreport", "审批涉企检查事前报备")]

    def __str__(self) -> str:
        return f"{self.subject.name} {self.planned_on}"


class Inspection(models.Model):
    """检查 — one department's inspection of one subject: its part of a task, or an unplanned inspection
    under a 事前报备. `subject_code` is copied so the repeated-inspection guard finds an enterprise's
    inspections by every department with one indexed query."""

    agency = models.ForeignKey(Agency, verbose_name="检查机关", on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(Subject, verbose_name="检查对象", on_delete=models.PROTECT, related_name="+")
    subject_code = models.CharField("对象编码", max_length=32, editable=False)
    task = models.ForeignKey(
        Task, verbose_name="任务", null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    prior_report = models.OneToOneField(
        PriorReport,
        verbose_name="事前报备",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    item_codes = models.JSONField("检查事项编码", default=list)
    item_names = models.JSONField("检查事项", default=list)
    started_on = models.DateField("检查日期")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="检查人", on_delete=models.PROTECT, related_name="+"
    )
    via_qr = models.BooleanField("扫码入企", default=False)
    guard_reason = models.CharField("重复检查理由", max_length=200, blank=True)
    result = models.CharField("检查结果", max_length=16, choices=InspectionResult.choices, blank=True)
    summary = models.TextField("检查情况", blank=True)
    lenient_note = models.CharField("包容审慎", max_length=200, blank=True)
    case = models.ForeignKey(
        Case, verbose_name="立案案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finished_on = models.DateField("结果录入日期", null=True, blank=True)
    rated = models.BooleanField("企业已评价", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "检查记录"
        ordering = ["-started_on", "-id"]
        permissions = [("inspect", "实施检查、录入结果")]
        indexes = [
            models.Index(fields=["subject_code", "started_on"]),
            models.Index(fields=["agency", "started_on"]),
            # the few inspections that led to a case (线索中心 profit model): with the plain foreign-key index
            # an analysed SQLite counts every NULL as one value and scans the table for each decision
            models.Index(
                fields=["case"], condition=models.Q(case__isnull=False), name="inspection_led_to_case"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "agency"], condition=models.Q(task__isnull=False), name="uniq_task_part"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject.name} {self.started_on}"

    @property
    def planned(self) -> bool:
        return self.task_id is not None


class Rating(models.Model):
    """事后评价 by an enterprise — deliberately with no link to the inspection, the subject or anyone:
    only the agency rated, the month and the score. A random key and a month (not a time) keep the
    rows from being matched to inspections by id or order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, verbose_name="被评价机关", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("月份")
    score = models.PositiveSmallIntegerField("评分（1-5）")
    comment = models.CharField("意见", max_length=500, blank=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "企业评价"
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.month:%Y-%m} {self.score}"
