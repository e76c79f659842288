from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from ..models import Disclosure
from .choices import RepairOutcome, RepairStatus, Severity


class CreditRepair(models.Model):
    """信用修复申请 — a party's request that a published penalty come down early, registered by staff
    (the party applies offline) and decided by the agency that published it."""

    agency = models.ForeignKey(Agency, verbose_name="执法机关", on_delete=models.PROTECT, related_name="+")
    disclosure = models.ForeignKey(
        Disclosure, verbose_name="公示条目", on_delete=models.PROTECT, related_name="credit_repairs"
    )
    status = models.CharField(
        "状态", max_length=16, choices=RepairStatus.choices, default=RepairStatus.PENDING
    )
    applicant = models.CharField("申请人", max_length=128)
    applied_on = models.DateField("申请日期")
    severity = models.CharField("失信程度", max_length=16, choices=Severity.choices)
    performed_on = models.DateField("处罚履行完毕日期")
    # the minimum publication period the request was held to (repair.clocks.minimum_period), from the
    # day of the decision: its length, why (the 失信程度, or the penalty's 执法领域), and its last day
    minimum_months = models.PositiveSmallIntegerField("最短公示期（月）")
    minimum_basis = models.CharField("最短公示期依据", max_length=200)
    earliest_on = models.DateField("可申请修复日期")
    statement = models.TextField("申请事由及信用承诺")
    outcome = models.CharField("修复方式", max_length=16, choices=RepairOutcome.choices, blank=True)
    end_on = models.DateField("公示结束日期", null=True, blank=True)
    decision_reason = models.TextField("决定理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "信用修复申请"
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "applied_on", "id"], name="repair_agency_status"),
            models.Index(fields=["agency", "applied_on", "id"], name="repair_agency_applied"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant}的信用修复申请"
