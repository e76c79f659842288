from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from ..choices import DelegationForm, DelegationStatus, EvaluationOutcome


class Delegation(models.Model):
    """赋权乡镇 — an item handed from a county department to a township, evaluated one year on
    (seed 002 §(七)); 接不住、监管跟不上 → withdrawn."""

    item_code = models.CharField("事项编码", max_length=32)
    item_name = models.CharField("事项名称", max_length=200)
    from_agency = models.ForeignKey(
        Agency, verbose_name="赋权部门", on_delete=models.PROTECT, related_name="delegations_out"
    )
    to_agency = models.ForeignKey(
        Agency, verbose_name="承接乡镇（街道）", on_delete=models.PROTECT, related_name="delegations_in"
    )
    form = models.CharField("赋权形式", max_length=16, choices=DelegationForm.choices)
    document = models.CharField("赋权文件", max_length=128)
    on = models.DateField("赋权日期")
    staff_transferred = models.PositiveIntegerField("随事项下沉人员数", default=0)
    staff_note = models.TextField("人员下沉情况", blank=True)
    training_note = models.TextField("业务培训情况", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=DelegationStatus.choices, default=DelegationStatus.ACTIVE
    )
    evaluation_due = models.DateField("评估期限")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "from_agency"

    class Meta:
        verbose_name = verbose_name_plural = "赋权乡镇事项"
        ordering = ["evaluation_due", "id"]
        permissions = [("manage_delegation", "赋权乡镇及评估")]
        indexes = [models.Index(fields=["status", "evaluation_due"])]

    def __str__(self) -> str:
        return f"{self.item_name}（{self.from_agency} → {self.to_agency}）"


class DelegationEvaluation(models.Model):
    delegation = models.ForeignKey(
        Delegation, verbose_name="赋权事项", on_delete=models.PROTECT, related_name="evaluations"
    )
    on = models.DateField("评估日期")
    outcome = models.CharField("评估结论", max_length=16, choices=EvaluationOutcome.choices)
    findings = models.TextField("评估意见")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评估人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "delegation__from_agency"

    class Meta:
        verbose_name = verbose_name_plural = "赋权事项评估"
        ordering = ["delegation_id", "on"]

    def __str__(self) -> str:
        return f"{self.delegation} {self.on} {self.get_outcome_display()}"
