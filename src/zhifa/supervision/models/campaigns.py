"""案卷评查 (seed 000 §19, seed 002 (十四)): a justice bureau's yearly campaign over the closed case files
of its region — the scoring template (versioned, published versions immutable), the campaign with its
commit–reveal draw, the drawn files, the reviewers assigned to each and their item-by-item scores."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from zhifa.catalog.models.immutable import DraftOnlyModel
from zhifa.core.models import Agency

from ..campaigns.choices import (
    CampaignStatus,
    FileStatus,
    Grade,
    PreCheck,
    ReviewRole,
    ReviewStatus,
    Section,
    VersionStatus,
)

points: dict[str, Any] = {
    "max_digits": 5,
    "decimal_places": 1,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class ScoringTemplate(models.Model):
    """评查标准 of a justice bureau; its content lives in numbered versions."""

    agency = models.ForeignKey(
        Agency, verbose_name="司法行政机关", on_delete=models.PROTECT, related_name="scoring_templates"
    )
    name = models.CharField("名称", max_length=100)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "评查标准"
        ordering = ["agency_id", "id"]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One version of a 评查标准: the section totals, the grade cut-offs and the disagreement threshold;
    a published version is never changed (a change is a new version)."""

    template = models.ForeignKey(
        ScoringTemplate, verbose_name="评查标准", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("版本号")
    status = models.CharField(
        "状态", max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    form_points = models.DecimalField("形式评查分值", default=20, **points)
    content_points = models.DecimalField("内容评查分值", default=80, **points)
    excellent_from = models.DecimalField("优秀分数线", default=90, **points)
    good_from = models.DecimalField("良好分数线", default=80, **points)
    pass_from = models.DecimalField("合格分数线", default=60, **points)
    disagreement_points = models.DecimalField("分歧分差", default=10, **points)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    jurisdiction_field = "template__agency"

    class Meta:
        verbose_name = verbose_name_plural = "评查标准版本"
        ordering = ["template_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="uniq_template_version")]

    def __str__(self) -> str:
        return f"{self.template.name} 第{self.number}版"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class TemplateItem(DraftOnlyModel):
    """评查项目: a veto item (不合格 outright) or a form/content item with its maximum deduction; `precheck`
    names the automatic pre-scoring that proposes its deduction."""

    version = models.ForeignKey(
        TemplateVersion, verbose_name="评查标准版本", on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField("序号")
    code = models.CharField("编码", max_length=16)
    section = models.CharField("类别", max_length=16, choices=Section.choices)
    title = models.CharField("评查内容", max_length=200)
    max_points = models.DecimalField("最高扣分", default=0, **points)
    unit_points = models.DecimalField("每处扣分", default=0, **points)
    precheck = models.CharField("自动预评", max_length=16, choices=PreCheck.choices, blank=True)

    jurisdiction_field = "version__template__agency"

    class Meta:
        verbose_name = verbose_name_plural = "评查项目"
        ordering = ["version_id", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="uniq_template_item")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_veto(self) -> bool:
        return self.section == Section.VETO


class Campaign(models.Model):
    """评查活动 of a justice bureau over its region for a year. The draw is commit–reveal (see
    supervision.campaigns.drawing): `input` and its hash and the seed commitment are fixed first; the
    seed is revealed with the result."""

    agency = models.ForeignKey(
        Agency, verbose_name="组织机关", on_delete=models.PROTECT, related_name="review_campaigns"
    )
    title = models.CharField("活动名称", max_length=120)
    year = models.PositiveSmallIntegerField("评查年度")
    status = models.CharField(
        "状态", max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    template_version = models.ForeignKey(
        TemplateVersion, verbose_name="评查标准", on_delete=models.PROTECT, related_name="campaigns"
    )
    per_agency = models.PositiveIntegerField("每个机关抽取卷数", null=True, blank=True)
    input = models.JSONField("抽取输入", null=True, blank=True, editable=False)
    candidate_hash = models.CharField("候选案卷哈希", max_length=64, blank=True, editable=False)
    seed_commitment = models.CharField("种子承诺", max_length=64, blank=True, editable=False)
    sealed_seed = models.CharField("封存的随机种子", max_length=64, blank=True, editable=False)
    seed = models.CharField("随机种子", max_length=64, blank=True, editable=False)
    result = models.JSONField("抽取结果", null=True, blank=True, editable=False)
    committed_at = models.DateTimeField("承诺公布时间", null=True, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    concluded_at = models.DateTimeField("结束时间", null=True, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查活动"
        ordering = ["-year", "-id"]
        permissions = [("manage_campaign", "组织案卷评查")]

    def __str__(self) -> str:
        return self.title


class CampaignFile(models.Model):
    """A drawn 案卷 of a campaign: its reviewers' scores and, once they agree (or a third decides), its
    final score and grade."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="评查活动", on_delete=models.PROTECT, related_name="files"
    )
    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, verbose_name="办案机关", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField("抽取顺序")
    status = models.CharField("状态", max_length=16, choices=FileStatus.choices, default=FileStatus.ASSIGNING)
    score = models.DecimalField("得分", null=True, blank=True, **points)
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    vetoed = models.BooleanField("触发否决项", default=False)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "评查案卷"
        ordering = ["campaign_id", "order"]
        permissions = [("score_campaignfile", "评查打分")]
        constraints = [models.UniqueConstraint(fields=["campaign", "case"], name="uniq_campaign_case")]
        indexes = [models.Index(fields=["campaign", "agency", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign} {self.case.number}"


class FileReview(models.Model):
    """One reviewer's 评查 of one file: assigned by the organiser, scored item by item, then submitted."""

    file = models.ForeignKey(
        CampaignFile, verbose_name="评查案卷", on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评查人", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("分工", max_length=16, choices=ReviewRole.choices)
    status = models.CharField(
        "状态", max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    score = models.DecimalField("得分", null=True, blank=True, **points)
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    vetoed = models.BooleanField("触发否决项", default=False)
    assigned_at = models.DateTimeField("分配时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)

    jurisdiction_field = "file__agency"

    class Meta:
        verbose_name = verbose_name_plural = "评查评分"
        ordering = ["file_id", "id"]
        constraints = [models.UniqueConstraint(fields=["file", "reviewer"], name="uniq_file_reviewer")]

    def __str__(self) -> str:
        return f"{self.file} {self.get_role_display()}"


class ItemScore(models.Model):
    """A reviewer's deduction (or veto) on one item, beside what the automatic pre-scoring proposed and
    the evidence it cited; a departure from the proposal carries the reviewer's reason."""

    review = models.ForeignKey(
        FileReview, verbose_name="评查评分", on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        TemplateItem, verbose_name="评查项目", on_delete=models.PROTECT, related_name="+"
    )
    deduction = models.DecimalField("扣分", default=0, **points)
    vetoed = models.BooleanField("否决", default=False)
    proposed = models.DecimalField("预评扣分", null=True, blank=True, **points)
    proposed_veto = models.BooleanField("预评否决", default=False)
    evidence = models.JSONField("预评依据", default=list, blank=True)
    reason = models.TextField("调整理由", blank=True)

    jurisdiction_field = "review__file__agency"

    class Meta:
        verbose_name = verbose_name_plural = "评查项目得分"
        ordering = ["review_id", "item__order"]
        constraints = [models.UniqueConstraint(fields=["review", "item"], name="uniq_review_item")]

    def __str__(self) -> str:
        return f"{self.item.code} 扣{self.deduction}分"
