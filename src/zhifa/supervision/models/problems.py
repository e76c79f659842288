"""突出问题清单与专项整治 (seed 001 §14–17; seed 002 (四)): each agency's list of problems per year, the
rectification tasks of each problem with their progress reports and the 回头看 reviews, and the register of
电子技术监控设备. Statuses change only through supervision.problems.services; every row is reached through
its agency."""

from typing import Any

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case, CaseDocument
from zhifa.core.models import Agency
from zhifa.supervision.models.actions import SupervisionItem
from zhifa.supervision.problems.choices import (
    Category,
    DeviceStatus,
    ProblemStatus,
    ReportKind,
    Source,
    TaskStatus,
)

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class ProblemList(models.Model):
    """突出问题清单 of one agency for one year (made with its first problem)."""

    agency = models.ForeignKey(
        Agency, verbose_name="行政执法机关", on_delete=models.PROTECT, related_name="problem_lists"
    )
    year = models.PositiveSmallIntegerField("年度")
    created_at = models.DateTimeField("建立时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "突出问题清单"
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="problem_list_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年突出问题清单"


class Problem(models.Model):
    """一个突出问题: recorded by the agency (自查) or added by the justice bureau (监督发现)."""

    problem_list = models.ForeignKey(
        ProblemList, verbose_name="所属清单", on_delete=models.PROTECT, related_name="problems"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="行政执法机关", on_delete=models.PROTECT, related_name="problems"
    )
    category = models.CharField("问题类别", max_length=16, choices=Category.choices)
    title = models.CharField("问题名称", max_length=200)
    description = models.TextField("问题表现")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    status = models.CharField(
        "状态", max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    supervision_item = models.ForeignKey(
        SupervisionItem,
        verbose_name="监督事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", **user_fk)
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "突出问题"
        ordering = ["-recorded_at", "-id"]
        permissions = [
            ("record_problem", "录入突出问题、下达整改任务"),
            ("rectify_problem", "报告突出问题整改进展和完成情况"),
            ("review_problem", "突出问题整改回头看"),
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["category", "status"]),
            models.Index(fields=["-recorded_at", "-id"], name="sv_problem_recorded"),  # the list's sort
            # the list's sortable columns (problems.selectors.PROBLEM_SORTS) within one agency
            models.Index(fields=["agency", "title", "id"], name="sv_problem_agency_title"),
            models.Index(fields=["agency", "category", "id"], name="sv_problem_agency_category"),
            models.Index(fields=["agency", "recorded_at", "id"], name="sv_problem_agency_recorded"),
        ]

    def __str__(self) -> str:
        return self.title


class RectificationTask(models.Model):
    """整改任务 of a problem: the measures and the deadline (working-day clock), then progress reports, the
    completion report and the supervisor's 回头看."""

    problem = models.ForeignKey(
        Problem, verbose_name="突出问题", on_delete=models.PROTECT, related_name="tasks"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="整改机关", on_delete=models.PROTECT, related_name="rectification_tasks"
    )
    measures = models.TextField("整改措施")
    due_on = models.DateField("整改期限")
    # how `due_on` was computed (supervision.deadlines); null `due_workdays`: a typed date, never moved
    due_from = models.DateField("期限起算日", null=True, blank=True)
    due_workdays = models.PositiveSmallIntegerField("期限工作日数", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=TaskStatus.choices, default=TaskStatus.RECTIFYING
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="下达人", **user_fk)
    created_at = models.DateTimeField("下达时间", auto_now_add=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "整改任务"
        ordering = ["problem_id", "created_at", "id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"整改任务{self.pk}"


class TaskReport(models.Model):
    """整改进展 or 整改完成报告, with its evidence: the agency's cases and documents, and files."""

    task = models.ForeignKey(RectificationTask, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField("报告类型", max_length=16, choices=ReportKind.choices)
    text = models.TextField("整改情况")
    cases = models.ManyToManyField(Case, verbose_name="相关案件", blank=True, related_name="+")
    documents = models.ManyToManyField(CaseDocument, verbose_name="相关文书", blank=True, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报告人", **user_fk)
    submitted_at = models.DateTimeField("报告时间", auto_now_add=True)

    jurisdiction_field = "task__agency"

    class Meta:
        verbose_name = verbose_name_plural = "整改情况报告"
        ordering = ["task_id", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.pk}"


class TaskFile(models.Model):
    """整改材料: a file of a report, kept in the content-addressed store of cases.evidence."""

    report = models.ForeignKey(TaskReport, on_delete=models.PROTECT, related_name="files")
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=128)

    jurisdiction_field = "report__task__agency"

    class Meta:
        verbose_name = verbose_name_plural = "突出问题整改材料"
        ordering = ["report_id", "id"]

    def __str__(self) -> str:
        return self.name


class FollowUp(models.Model):
    """回头看: the supervisor's review of a completed task — passed (销号) or not (退回整改, with the reason
    and, when set, a new deadline)."""

    task = models.ForeignKey(RectificationTask, on_delete=models.PROTECT, related_name="follow_ups")
    passed = models.BooleanField("是否通过")
    note = models.TextField("回头看意见")
    new_due_on = models.DateField("新的整改期限", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="回头看人员", **user_fk)
    reviewed_at = models.DateTimeField("回头看时间", auto_now_add=True)

    jurisdiction_field = "task__agency"

    class Meta:
        verbose_name = verbose_name_plural = "回头看"
        ordering = ["task_id", "reviewed_at", "id"]

    def __str__(self) -> str:
        return f"回头看{self.pk}"


class MonitoringDevice(models.Model):
    """执法类电子技术监控设备 (seed 001 §17: 清理和规范, 清理结果报本级政府、上级政府并抄送司法行政部门)."""

    agency = models.ForeignKey(
        Agency, verbose_name="设置机关", on_delete=models.PROTECT, related_name="monitoring_devices"
    )
    name = models.CharField("设备名称", max_length=200)
    location = models.CharField("设置地点", max_length=300)
    purpose = models.CharField("监控的违法行为", max_length=300, blank=True)
    legal_basis = models.TextField("设置依据")
    approval_authority = models.CharField("批准机关", max_length=200, blank=True)
    approval_number = models.CharField("批准文号", max_length=100, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    published = models.BooleanField("是否向社会公布", default=False)
    status = models.CharField(
        "状态", max_length=16, choices=DeviceStatus.choices, default=DeviceStatus.IN_USE
    )
    note = models.TextField("备注", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "电子技术监控设备"
        ordering = ["agency_id", "name", "id"]
        permissions = [("manage_monitoringdevice", "登记和更新电子技术监控设备")]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.name
