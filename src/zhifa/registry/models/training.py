from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..choices import AssessmentGrade, TrainingKind
from .officers import Officer


class TrainingRecord(models.Model):
    """培训记录 — hours count towards the yearly target (60) and the 30-hour public-law course."""

    officer = models.ForeignKey(
        Officer, verbose_name="人员", on_delete=models.CASCADE, related_name="trainings"
    )
    on = models.DateField("培训日期")
    hours = models.DecimalField(
        "学时", max_digits=5, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(200)]
    )
    kind = models.CharField("培训类别", max_length=16, choices=TrainingKind.choices)
    title = models.CharField("培训名称", max_length=128)
    provider = models.CharField("组织单位", max_length=128, blank=True)
    certificate_file = models.FileField("结业证明", upload_to="training/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "officer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "培训记录"
        ordering = ["officer_id", "-on"]
        indexes = [models.Index(fields=["officer", "on"])]

    def __str__(self) -> str:
        return f"{self.officer} {self.on} {self.title}（{self.hours}学时）"


class Assessment(models.Model):
    """年度考核 of one officer."""

    officer = models.ForeignKey(
        Officer, verbose_name="人员", on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    grade = models.CharField("考核等次", max_length=16, choices=AssessmentGrade.choices)
    note = models.TextField("评语", blank=True)

    jurisdiction_field = "officer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "年度考核"
        ordering = ["officer_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["officer", "year"], name="uniq_assessment_year")]

    def __str__(self) -> str:
        return f"{self.officer} {self.year} {self.get_grade_display()}"
