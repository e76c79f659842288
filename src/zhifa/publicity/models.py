"""行政执法公示: data and invariants.

A Disclosure holds only public text (already masked when it is drafted), never the source record; once
published its `entry` — the exact canonical JSON that is hashed into the publication log — is frozen.
"""

from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from .choices import DisclosureKind, DisclosureStatus, ReportStatus, SubjectKind, WithholdReason


class Disclosure(models.Model):
    """执法决定公示 — one version of the public notice of one decision or inspection result."""

    agency = models.ForeignKey(
        Agency, verbose_name="执法机关", on_delete=models.PROTECT, related_name="disclosures"
    )
    kind = models.CharField("执法类别", max_length=16, choices=DisclosureKind.choices)
    status = models.CharField(
        "状态", max_length=16, choices=DisclosureStatus.choices, default=DisclosureStatus.DRAFT
    )
    source_type = models.CharField("来源类型", max_length=64, blank=True)
    source_id = models.CharField("来源编号", max_length=64, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="更正的版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    number = models.CharField("决定书文号", max_length=64, blank=True)
    subject_kind = models.CharField("执法对象类型", max_length=24, choices=SubjectKind.choices)
    subject_name = models.CharField("执法对象", max_length=128)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    items = models.CharField("执法事项", max_length=500, blank=True)
    conclusion = models.CharField("执法结论", max_length=500)
    basis = models.CharField("处罚依据", max_length=500, blank=True)
    summary = models.TextField("主要事实（已脱敏）", blank=True)
    decided_on = models.DateField("决定日期")
    due_on = models.DateField("公示期限")
    withheld_reason = models.CharField(
        "不予公开理由", max_length=16, choices=WithholdReason.choices, blank=True
    )
    withheld_note = models.TextField("不予公开说明", blank=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True, db_index=True)
    expires_on = models.DateField("公示期满日期", null=True, blank=True)
    entry = models.TextField("公示条目（规范JSON）", blank=True)
    record_hash = models.CharField("记录哈希", max_length=64, blank=True)
    withdraw_due = models.DateField("撤回期限", null=True, blank=True)
    withdraw_reason = models.TextField("撤回理由", blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    search_text = models.TextField("检索文本", blank=True)
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法决定公示"
        ordering = ["-published_on", "-id"]
        permissions = [
            ("draft_disclosure", "编辑公示草稿"),
            ("approve_disclosure", "审核发布、撤回公示"),
        ]
        indexes = [
            models.Index(fields=["status", "published_on"]),
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["status", "kind", "published_on"]),
            models.Index(fields=["status", "withdraw_due"]),
            models.Index(fields=["updated_at"]),  # the portal's Last-Modified
            models.Index(fields=["status", "decided_on"]),  # search by date range
            models.Index(fields=["credit_code"]),
            # the 统计年报: a year of one agency's decisions and publications
            models.Index(fields=["agency", "decided_on"], name="disclosure_agency_decided"),
            models.Index(fields=["agency", "published_on"], name="disclosure_agency_published"),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.get_kind_display()} {self.subject_name}"

    @property
    def is_readable(self) -> bool:
        return self.status in (DisclosureStatus.PUBLISHED, DisclosureStatus.SUPERSEDED)


class LogLeaf(models.Model):
    """One leaf of the publication log (RFC 6962 Merkle tree): a published entry, or the record-chain
    heads at a checkpoint. Leaves are only ever appended; index is the position in the tree."""

    index = models.PositiveBigIntegerField("序号", unique=True)
    leaf_hash = models.CharField("叶哈希", max_length=64)
    disclosure = models.OneToOneField(
        Disclosure, null=True, blank=True, on_delete=models.PROTECT, related_name="leaf"
    )
    data = models.TextField("条目（链头叶）", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公示日志叶"
        ordering = ["index"]

    def __str__(self) -> str:
        return f"#{self.index} {self.leaf_hash[:12]}"


class Checkpoint(models.Model):
    """每日检查点 — the tree head (size, root) of the publication log at the end of a day."""

    day = models.DateField("日期", unique=True)
    size = models.PositiveBigIntegerField("叶数")
    root = models.CharField("根哈希", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "公示检查点"
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} #{self.size} {self.root[:12]}"


class AnnualReport(models.Model):
    """统计年报 — an agency's enforcement figures for one year, public by January 31 of the next."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveIntegerField("年度")
    status = models.CharField("状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    figures = models.JSONField("数据", default=list)
    note = models.TextField("总体情况说明", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record_hash = models.CharField("记录哈希", max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "统计年报"
        ordering = ["-year", "agency_id"]
        permissions = [("publish_annualreport", "编制、公开统计年报")]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="uniq_annual_report")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度统计年报"


# 信用修复 lives in its own package; imported here so that it is one of publicity's models.
from .repair.models import CreditRepair  # noqa: E402

__all__ = ["AnnualReport", "Checkpoint", "CreditRepair", "Disclosure", "LogLeaf"]
