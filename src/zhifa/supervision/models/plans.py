"""监督计划、工作台账与督办.

A justice bureau's yearly `SupervisionPlan` holds `PlanTask`s (owner, kind, deadline, target agencies).
Publishing the plan (印发) hands each task to each target as a `LedgerEntry` (工作台账): the target reports
against it (`LedgerReport`, text + attachment). An `Oversight` (督办) follows a major, repeated or serious
case or incident of one agency, with progress reports and extensions."""

from django.conf import settings
from django.db import models

from zhifa.supervision.plans.choices import (
    EntryStatus,
    OversightGround,
    OversightStatus,
    PlanStatus,
    TaskKind,
)


class SupervisionPlan(models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name="制定机关", on_delete=models.PROTECT, related_name="supervision_plans"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("计划名称", max_length=120)
    status = models.CharField("状态", max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    published_on = models.DateField("印发日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "监督计划"
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_supervision_plan_a_year")]
        permissions = [("manage_plan", "制定和印发监督计划")]

    def __str__(self) -> str:
        return self.title


class PlanTask(models.Model):
    plan = models.ForeignKey(
        SupervisionPlan, verbose_name="监督计划", on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField("任务", max_length=200)
    kind = models.CharField("监督类别", max_length=16, choices=TaskKind.choices)
    owner = models.CharField("责任人/责任科室", max_length=64)
    due = models.DateField("完成期限")
    source = models.CharField("依据", max_length=200, blank=True)
    milestone = models.CharField("台账节点", max_length=32, blank=True)  # plans.milestones key, if seeded
    targets = models.ManyToManyField(
        "core.Agency", verbose_name="报送单位", blank=True, related_name="supervision_tasks"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    jurisdiction_field = "plan__agency"

    class Meta:
        verbose_name = verbose_name_plural = "监督计划任务"
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self):
        """The plan's justice bureau (whose chain records a move of the deadline)."""
        return self.plan.agency


class LedgerEntry(models.Model):
    """One task for one reporting agency (the plan's own agency when the task names no target)."""

    task = models.ForeignKey(PlanTask, verbose_name="任务", on_delete=models.CASCADE, related_name="entries")
    agency = models.ForeignKey(
        "core.Agency", verbose_name="报送单位", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    due = models.DateField("报送期限")
    status = models.CharField("状态", max_length=16, choices=EntryStatus.choices, default=EntryStatus.PENDING)
    reported_on = models.DateField("首次报送日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "工作台账"
        ordering = ["due", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "agency"], name="one_ledger_entry_per_agency")]
        indexes = [models.Index(fields=["status", "due"])]
        permissions = [("report_ledger", "报送工作台账")]

    def __str__(self) -> str:
        return f"{self.task.title}（{self.agency.name}）"


class LedgerReport(models.Model):
    entry = models.ForeignKey(
        LedgerEntry, verbose_name="台账事项", on_delete=models.CASCADE, related_name="reports"
    )
    text = models.TextField("报送内容")
    attachment = models.FileField("附件", upload_to="supervision/ledger/%Y/", blank=True)
    attachment_name = models.CharField("附件名称", max_length=200, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_on = models.DateField("报送日期")
    created_at = models.DateTimeField("报送时间", auto_now_add=True)

    jurisdiction_field = "entry__agency"

    class Meta:
        verbose_name = verbose_name_plural = "台账报送"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.entry}：{self.reported_on}报送"


class Oversight(models.Model):
    """督办 (seed 002 (十五))."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name="被督办机关", on_delete=models.PROTECT, related_name="oversights"
    )
    superior = models.ForeignKey(
        "core.Agency",
        verbose_name="上级主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversights_below",
    )
    supervisor_agency = models.ForeignKey(
        "core.Agency", verbose_name="督办机关", on_delete=models.PROTECT, related_name="oversights_opened"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversights",
    )
    title = models.CharField("督办事项", max_length=200)
    ground = models.CharField("督办情形", max_length=16, choices=OversightGround.choices)
    description = models.TextField("督办要求")
    due = models.DateField("办理期限")
    status = models.CharField(
        "状态", max_length=16, choices=OversightStatus.choices, default=OversightStatus.IN_PROGRESS
    )
    opened_on = models.DateField("督办日期")
    # `due` is this many working days after `opened_on` when computed (supervision.deadlines); null when
    # the supervisor typed it or granted an extension (never moved)
    due_workdays = models.PositiveSmallIntegerField("期限工作日数", null=True, blank=True)
    escalation_reason = models.TextField("提级理由", blank=True)
    conclusion = models.TextField("办结意见", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "督办事项"
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["status", "due"])]
        permissions = [("manage_oversight", "督办"), ("report_oversight", "报告督办进展")]

    def __str__(self) -> str:
        return self.title


class OversightReport(models.Model):
    oversight = models.ForeignKey(
        Oversight, verbose_name="督办事项", on_delete=models.CASCADE, related_name="reports"
    )
    text = models.TextField("进展情况")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报告人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_on = models.DateField("报告日期")
    created_at = models.DateTimeField("报告时间", auto_now_add=True)

    jurisdiction_field = "oversight__agency"

    class Meta:
        verbose_name = verbose_name_plural = "督办进展"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.oversight}：{self.reported_on}进展"


class OversightExtension(models.Model):
    oversight = models.ForeignKey(
        Oversight, verbose_name="督办事项", on_delete=models.CASCADE, related_name="extensions"
    )
    old_due = models.DateField("原期限")
    new_due = models.DateField("延长至")
    reason = models.TextField("延期理由")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("批准时间", auto_now_add=True)

    jurisdiction_field = "oversight__agency"

    class Meta:
        verbose_name = verbose_name_plural = "督办延期"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.oversight}：延长至{self.new_due}"
