from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from zhifa.core.models import Agency
from zhifa.registry.models import Officer

from .choices import PlanStatus

YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class TrainingPlan(models.Model):
    """年度培训计划 — one agency's training plan for a year: drafted, then reported to the justice bureau."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="training_plans"
    )
    year = models.PositiveSmallIntegerField("年度", validators=YEAR)
    title = models.CharField("计划名称", max_length=128)
    status = models.CharField("状态", max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="编制人", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "年度培训计划"
        permissions = [("manage_trainingplan", "编制和报送年度培训计划")]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="uniq_training_plan_year")]
        indexes = [
            models.Index(fields=["agency", "year", "id"], name="training_plan_agency_year"),
            models.Index(fields=["year", "status", "id"], name="training_plan_year_status"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年度培训计划"


class PlanItem(models.Model):
    """One content item of a plan: what is taught, to whom, in how many hours."""

    plan = models.ForeignKey(
        TrainingPlan, verbose_name="培训计划", on_delete=models.CASCADE, related_name="items"
    )
    content = models.CharField("培训内容", max_length=200)
    audience = models.CharField("参训对象", max_length=100, blank=True)
    hours = models.DecimalField("计划学时", max_digits=5, decimal_places=1)
    month = models.PositiveSmallIntegerField(
        "计划月份", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )

    jurisdiction_field = "plan__agency"

    class Meta:
        verbose_name = verbose_name_plural = "培训计划内容"
        ordering = ["plan_id", "id"]

    def __str__(self) -> str:
        return f"{self.content}（{self.hours}学时）"


class Trainer(models.Model):
    """培训师资库 — a trainer an agency (or a justice bureau for its region) may call on."""

    agency = models.ForeignKey(
        Agency, verbose_name="登记机关", on_delete=models.PROTECT, related_name="trainers"
    )
    name = models.CharField("姓名", max_length=64)
    unit = models.CharField("工作单位", max_length=128)
    specialty = models.CharField("擅长领域", max_length=200)
    title = models.CharField("职称职务", max_length=64, blank=True)
    phone = models.CharField("联系方式", max_length=32, blank=True)
    active = models.BooleanField("在库", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "培训师资"
        permissions = [("manage_trainer", "维护培训师资库")]
        indexes = [
            models.Index(fields=["agency", "name", "id"], name="training_trainer_agency_name"),
            models.Index(fields=["name", "id"], name="training_trainer_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class LeaderStudy(models.Model):
    """领导干部学法 — one session of the leaders' compulsory law course of an agency, with who attended."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="leader_studies"
    )
    held_on = models.DateField("学法日期")
    topic = models.CharField("学法主题", max_length=200)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    lecturer = models.CharField("授课人", max_length=64, blank=True)
    attendees = models.ManyToManyField(Officer, verbose_name="参学人员", related_name="leader_studies")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "领导干部学法"
        permissions = [("manage_leaderstudy", "记录领导干部学法")]
        indexes = [models.Index(fields=["agency", "held_on", "id"], name="training_study_agency_on")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"
