"""评议考核: the indicator tree (versioned per region and year), manual scores with their source, the
published ranking (a frozen snapshot) and the consequences recorded per agency."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from zhifa.core.models import Agency, Region

from .choices import ConsequenceKind, SchemeStatus

user_fk = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}
points = {"max_digits": 6, "decimal_places": 2}


class FrozenError(Exception):
    """Something tried to change a published scheme version."""

    message = "已发布的考核方案不能修改，请生成新版本后修改"


class Scheme(models.Model):
    """考核方案 — one version of the indicator tree a justice bureau uses for its region in one year."""

    bureau = models.ForeignKey(Agency, verbose_name="考核机关", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, verbose_name="考核区域", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("考核年度")
    version = models.PositiveIntegerField("版本", default=1)
    status = models.CharField("状态", max_length=16, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    note = models.CharField("修订说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="制定人", **user_fk)
    created_at = models.DateTimeField("制定时间", auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "bureau"

    class Meta:
        verbose_name = verbose_name_plural = "考核方案"
        ordering = ["-year", "region__code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "version"], name="evaluation_scheme_version")
        ]
        indexes = [models.Index(fields=["bureau", "-year", "-version"], name="evaluation_scheme_bureau")]

    def __str__(self) -> str:
        return f"{self.region.name}{self.year}年度评议考核方案（第{self.version}版）"

    @property
    def agency(self) -> Agency:
        """The chain its records go on (core.records): the bureau's."""
        return self.bureau

    @property
    def is_published(self) -> bool:
        return self.status == SchemeStatus.PUBLISHED


class Node(models.Model):
    """考核指标 — a node of the tree. Its weight is its share (%) of its parent's score; the weights of
    siblings sum to 100. A leaf is computed when its `indicator` names a registered indicator
    (evaluation.indicators), otherwise scored by hand within [0, max_score]."""

    scheme = models.ForeignKey(
        Scheme, verbose_name="考核方案", on_delete=models.CASCADE, related_name="nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级指标",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    name = models.CharField("指标名称", max_length=64)
    weight = models.DecimalField("权重（%）", max_digits=5, decimal_places=2)
    indicator = models.CharField("计算指标", max_length=64, blank=True)
    max_score = models.DecimalField("满分", default=Decimal(100), **points)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    jurisdiction_field = "scheme__bureau"

    class Meta:
        verbose_name = verbose_name_plural = "考核指标"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # a published version is frozen: read its status from the database, not a stale instance
        if Scheme.objects.filter(pk=self.scheme_id, status=SchemeStatus.PUBLISHED).exists():
            raise FrozenError(FrozenError.message)
        super().save(*args, **kwargs)


class ManualScore(models.Model):
    """人工评分 — a leaf's score for one agency, with where it comes from (a survey, an inspection, a
    report). Entering it again replaces the value; each entry is on the record log."""

    scheme = models.ForeignKey(
        Scheme, verbose_name="考核方案", on_delete=models.CASCADE, related_name="scores"
    )
    node = models.ForeignKey(Node, verbose_name="考核指标", on_delete=models.CASCADE, related_name="scores")
    agency = models.ForeignKey(Agency, verbose_name="被考核机关", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField("得分", **points)
    source = models.TextField("评分依据")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", **user_fk)
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    jurisdiction_field = "scheme__bureau"

    class Meta:
        verbose_name = verbose_name_plural = "人工评分"
        constraints = [models.UniqueConstraint(fields=["node", "agency"], name="evaluation_score_once")]

    def __str__(self) -> str:
        return f"{self.node.name}：{self.agency.name}"


class ScoreFile(models.Model):
    """评分依据附件 — kept in the evidence blob store by its SHA-256."""

    score = models.ForeignKey(
        ManualScore, verbose_name="人工评分", on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=128)

    jurisdiction_field = "score__scheme__bureau"

    class Meta:
        verbose_name = verbose_name_plural = "评分依据附件"

    def __str__(self) -> str:
        return self.name


class Ranking(models.Model):
    """考核结果 — the ranking the supervisor published: the computation frozen as it stood then."""

    scheme = models.OneToOneField(
        Scheme, verbose_name="考核方案", on_delete=models.PROTECT, related_name="ranking"
    )
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", **user_fk)
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    snapshot = models.JSONField("结果快照", default=dict)

    jurisdiction_field = "scheme__bureau"

    class Meta:
        verbose_name = verbose_name_plural = "考核结果"

    def __str__(self) -> str:
        return f"{self.scheme}结果"


class Result(models.Model):
    """One agency's line of a published ranking, so that the agency sees its own result (core.access
    by `agency`) and nothing of the others'."""

    ranking = models.ForeignKey(
        Ranking, verbose_name="考核结果", on_delete=models.PROTECT, related_name="results"
    )
    agency = models.ForeignKey(Agency, verbose_name="被考核机关", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField("名次")
    total = models.DecimalField("总分", **points)
    scores = models.JSONField("各项得分", default=dict)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "机关考核结果"
        ordering = ["rank", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["ranking", "agency"], name="evaluation_result_once")]
        indexes = [models.Index(fields=["agency", "ranking"], name="evaluation_result_agency")]

    def __str__(self) -> str:
        return f"{self.agency.name}：第{self.rank}名"


class Consequence(models.Model):
    """考核结果运用 (seed 000 §19): 表彰, 通报 or 限期整改 of one agency; a 限期整改 may open a 监督事项."""

    result = models.ForeignKey(
        Result, verbose_name="考核结果", on_delete=models.PROTECT, related_name="consequences"
    )
    agency = models.ForeignKey(Agency, verbose_name="被考核机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("运用方式", max_length=16, choices=ConsequenceKind.choices)
    note = models.TextField("情况说明")
    supervision_item = models.ForeignKey(
        "supervision.SupervisionItem",
        verbose_name="整改监督事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", **user_fk)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "考核结果运用"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "-created_at"], name="evaluation_consequence_agency")]

    def __str__(self) -> str:
        return f"{self.agency.name}：{self.get_kind_display()}"
