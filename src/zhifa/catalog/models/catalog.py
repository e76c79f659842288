from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from zhifa.core.models import Agency
from zhifa.registry.models import EnforcementBody, EnforcementField

from ..choices import (
    OPEN_STATUSES,
    ChangeReason,
    FineBasis,
    ItemCategory,
    ItemLevel,
    LegalRank,
    PenaltyMeasure,
    ProcedureStep,
    VersionStatus,
)
from .immutable import DraftOnlyModel, PublishedVersionError

item_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9\-_.]{1,31}$", "事项编码应为2至32位字母、数字或-_."
)


class CatalogVersion(models.Model):
    """A version of one agency's 行政执法事项清单. Edits go into the one open version (draft, or returned
    by a reviewer); submitting freezes its reason and diff, and it is published (takes effect) once
    every competent county reviewer has approved it (seed 003 二(一)2; catalog.transitions)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="catalog_versions"
    )
    number = models.PositiveIntegerField("版本号")
    status = models.CharField(
        "状态", max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    reason = models.CharField("调整原因", max_length=32, choices=ChangeReason.choices, blank=True)
    reason_note = models.TextField("调整说明", blank=True)
    submitted_at = models.DateTimeField("报送审核时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    effective_from = models.DateField("施行日期", null=True, blank=True)
    diff = models.JSONField("与上一版本的差异", default=dict, blank=True)
    content_hash = models.CharField("内容哈希", max_length=64, blank=True)
    # {field: {item code: value}}: what the items held, when the hash was computed, in fields removed since
    # (catalog.versioning.hashed_snapshot), so the hash of a version frozen before still verifies
    retired_fields = models.JSONField("已删除字段在冻结时的值", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "事项清单版本"
        ordering = ["agency_id", "-number"]
        permissions = [("manage_catalog", "编制、发布执法事项清单和裁量基准")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="uniq_catalog_version_number"),
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(status__in=[str(s) for s in OPEN_STATUSES]),
                name="one_catalog_draft_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} 清单第{self.number}版（{self.get_status_display()}）"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    @property
    def is_open(self) -> bool:
        """Still the agency's open version (draft, awaiting review, or returned)."""
        return self.status in OPEN_STATUSES

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, status=VersionStatus.PUBLISHED).exists():
            raise PublishedVersionError(PublishedVersionError.message)
        return super().delete(*args, **kwargs)


class EnforcementItem(DraftOnlyModel):
    """执法事项 — one row of an agency's 行政执法事项清单, with the flags that derive its other lists
    (监管事项, 随机抽查事项, 重大执法决定法制审核目录, 音像记录事项; seed 003 §2(一)2)."""

    version = models.ForeignKey(
        CatalogVersion, verbose_name="清单版本", on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField("事项编码", max_length=32, validators=[item_code_validator])
    name = models.CharField("事项名称", max_length=200)
    category = models.CharField("权力类别", max_length=16, choices=ItemCategory.choices)
    field = models.ForeignKey(
        EnforcementField, verbose_name="执法领域", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("行使层级", max_length=16, choices=ItemLevel.choices)
    implementing_body = models.ForeignKey(
        EnforcementBody,
        verbose_name="实施主体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duties = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    is_supervision = models.BooleanField("监管事项", default=False)
    is_random_inspection = models.BooleanField("随机抽查事项", default=False)
    inspection_object = models.CharField("抽查对象", max_length=128, blank=True)
    inspection_method = models.CharField("抽查方式", max_length=128, blank=True)
    needs_legal_review = models.BooleanField("列入重大执法决定法制审核目录", default=False)
    major_fine_threshold = models.DecimalField(
        "罚款达到该数额为重大（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    major_on_revocation = models.BooleanField(f"{PenaltyMeasure.REVOKE_LICENCE.label}为重大", default=False)
    major_on_suspension = models.BooleanField(f"{PenaltyMeasure.SUSPEND_BUSINESS.label}为重大", default=False)
    av_steps = models.JSONField("须音像记录的环节", default=list, blank=True)
    service_guide = models.TextField("服务指南", blank=True)

    jurisdiction_field = "version__agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法事项"
        ordering = ["version_id", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="uniq_item_code_in_version")]
        indexes = [models.Index(fields=["code"]), models.Index(fields=["version", "category"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def av_step_labels(self) -> list[str]:
        """The steps to record on audio or video, by their Chinese names."""
        return [ProcedureStep(s).label if s in ProcedureStep.values else s for s in self.av_steps or []]

    def clean(self) -> None:
        errors = {}
        unknown = [step for step in self.av_steps or [] if step not in ProcedureStep.values]
        if unknown:
            errors["av_steps"] = f"未知的执法环节：{'、'.join(map(str, unknown))}"
        if self.is_random_inspection and not (
            self.inspection_object.strip() and self.inspection_method.strip()
        ):
            errors["inspection_object"] = "随机抽查事项须写明抽查对象和抽查方式"
        criteria = (
            self.major_fine_threshold is not None,
            self.major_on_revocation,
            self.major_on_suspension,
        )
        if self.needs_legal_review and not any(criteria):
            errors["needs_legal_review"] = "列入法制审核目录的事项须至少设定一项重大执法决定的标准"
        if errors:
            raise ValidationError(errors)


class LegalBasis(DraftOnlyModel):
    """设定依据 — a law, regulation or rule (and article) an item rests on. For penalty clauses the
    statutory range bounds every discretion benchmark of the item."""

    version_path = "item__version"

    item = models.ForeignKey(
        EnforcementItem, verbose_name="事项", on_delete=models.CASCADE, related_name="legal_bases"
    )
    law_name = models.CharField("法律法规名称", max_length=128)
    rank = models.CharField("位阶", max_length=24, choices=LegalRank.choices)
    article = models.CharField("条款", max_length=64)
    text = models.TextField("条文内容")
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_to = models.DateField("失效日期", null=True, blank=True)
    fine_basis = models.CharField("法定罚款计算方式", max_length=16, choices=FineBasis.choices, blank=True)
    statutory_min = models.DecimalField(
        "法定罚款下限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    statutory_max = models.DecimalField(
        "法定罚款上限", max_digits=14, decimal_places=2, null=True, blank=True
    )

    jurisdiction_field = "item__version__agency"

    class Meta:
        verbose_name = verbose_name_plural = "设定依据"
        ordering = ["item_id", "id"]

    def __str__(self) -> str:
        return f"《{self.law_name}》{self.article}"
