from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from .choices import FilingKind, FilingStatus


class Filing(models.Model):
    """备案 — an agency's 执法流程图 or 执法工作手册 filed with the justice bureau over it, which
    acknowledges it (备案通过) or returns it with its reason (退回), by `due_on`: `due_workdays` working days
    after `submitted_on` (ZHIFA_FILING_REVIEW_WORKDAYS when filed), kept so that a calendar change computes
    it again with the period it was given (filings.deadlines). Rules: filings.services; moves:
    filings.transitions."""

    agency = models.ForeignKey(
        Agency, verbose_name="报送机关", on_delete=models.PROTECT, related_name="filings"
    )
    bureau = models.ForeignKey(Agency, verbose_name="备案机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("备案材料", max_length=16, choices=FilingKind.choices)
    title = models.CharField("名称", max_length=128)
    note = models.TextField("报送说明", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=FilingStatus.choices, default=FilingStatus.SUBMITTED
    )
    round = models.PositiveSmallIntegerField("报送次数", default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("报送日期")
    due_on = models.DateField("审查期限")
    due_workdays = models.PositiveSmallIntegerField("审查期限工作日数")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("审查日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "流程图与工作手册备案"
        ordering = ["-id"]
        permissions = [("submit_filing", "报送备案"), ("acknowledge_filing", "备案审查（通过或退回）")]
        indexes = [
            models.Index(fields=["agency", "status", "id"], name="filing_agency_status"),
            models.Index(fields=["bureau", "status", "due_on"], name="filing_bureau_due"),
            # the list's sorts (filings.selectors.SORTS), within an agency
            models.Index(fields=["agency", "submitted_on", "id"], name="filing_agency_submitted"),
            models.Index(fields=["agency", "due_on", "id"], name="filing_agency_due"),
        ]

    def __str__(self) -> str:
        return self.title


class FilingFile(models.Model):
    """A file of a filing (the chart, the manual), kept in the content-addressed store of cases.evidence
    through supervision.attachments; `round` is the submission it came with."""

    filing = models.ForeignKey(Filing, verbose_name="备案", on_delete=models.PROTECT, related_name="files")
    round = models.PositiveSmallIntegerField("报送次数", default=1)
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=128)

    jurisdiction_field = "filing__agency"

    class Meta:
        verbose_name = verbose_name_plural = "备案材料"
        ordering = ["filing_id", "round", "id"]

    def __str__(self) -> str:
        return self.name
