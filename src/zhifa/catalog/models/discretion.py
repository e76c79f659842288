from django.core.validators import MinValueValidator
from django.db import models

from zhifa.core.models import Agency

from ..choices import CircumstanceLevel, ExemptionKind, FineBasis, PenaltyMeasure
from .catalog import EnforcementItem, LegalBasis
from .immutable import DraftOnlyModel


class Benchmark(DraftOnlyModel):
    """裁量基准 of one penalty item. It lives in the catalogue version, so it is versioned, published and
    frozen with it (同事项同情形同标准, seed 000 §12)."""

    version_path = "item__version"

    item = models.OneToOneField(
        EnforcementItem, verbose_name="事项", on_delete=models.CASCADE, related_name="benchmark"
    )
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name="处罚依据", on_delete=models.PROTECT, related_name="benchmarks"
    )
    fact_label = models.CharField(
        "划分情节的事实",
        max_length=64,
        blank=True,
        help_text="如：违法所得（元）、货值金额（元）；留空则按情节等次选择",
    )
    note = models.TextField("适用说明", blank=True)

    jurisdiction_field = "item__version__agency"

    class Meta:
        verbose_name = verbose_name_plural = "裁量基准"

    def __str__(self) -> str:
        return f"{self.item} 裁量基准"


class BenchmarkLevel(DraftOnlyModel):
    """One circumstance level (轻微/一般/较重/严重): its conditions and its penalty range. Where the
    benchmark names a fact, [fact_min, fact_max) picks the level; ranges of one benchmark never overlap."""

    version_path = "benchmark__item__version"

    benchmark = models.ForeignKey(
        Benchmark, verbose_name="裁量基准", on_delete=models.CASCADE, related_name="levels"
    )
    level = models.CharField("情节", max_length=16, choices=CircumstanceLevel.choices)
    conditions = models.TextField("适用情形")
    fact_min = models.DecimalField("事实下限（含）", max_digits=14, decimal_places=2, null=True, blank=True)
    fact_max = models.DecimalField("事实上限（不含）", max_digits=14, decimal_places=2, null=True, blank=True)
    warning = models.BooleanField("警告", default=False)
    fine_basis = models.CharField("罚款计算方式", max_length=16, choices=FineBasis.choices, blank=True)
    fine_min = models.DecimalField(
        "罚款下限", max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    fine_max = models.DecimalField(
        "罚款上限", max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    confiscate = models.BooleanField(
        f"{PenaltyMeasure.CONFISCATE_GAINS.label}、{PenaltyMeasure.CONFISCATE_PROPERTY.label}", default=False
    )
    suspend = models.BooleanField(PenaltyMeasure.SUSPEND_BUSINESS.label, default=False)
    revoke = models.BooleanField(PenaltyMeasure.REVOKE_LICENCE.label, default=False)

    jurisdiction_field = "benchmark__item__version__agency"

    class Meta:
        verbose_name = verbose_name_plural = "裁量情节"
        ordering = ["benchmark_id", "fact_min", "id"]
        constraints = [models.UniqueConstraint(fields=["benchmark", "level"], name="uniq_benchmark_level")]

    def __str__(self) -> str:
        return self.get_level_display()


class Exemption(DraftOnlyModel):
    """不予处罚 / 从轻 / 减轻 — applies when every listed fact is true (e.g. 首违不罚: first offence,
    harm minor, corrected in time; 行政处罚法 第三十三条)."""

    version_path = "benchmark__item__version"

    benchmark = models.ForeignKey(
        Benchmark, verbose_name="裁量基准", on_delete=models.CASCADE, related_name="exemptions"
    )
    kind = models.CharField("类型", max_length=16, choices=ExemptionKind.choices)
    conditions = models.TextField("适用条件")
    required_facts = models.JSONField("须同时具备的事实", default=list)
    legal_basis = models.CharField("依据", max_length=128, blank=True)

    jurisdiction_field = "benchmark__item__version__agency"

    class Meta:
        verbose_name = verbose_name_plural = "减免责情形"
        ordering = ["benchmark_id", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class BenchmarkEvaluation(models.Model):
    """裁量基准定期评估 (seed 000 §12; 002 (五)): findings on how a benchmark works in practice and the
    conclusion — 继续适用, or 需修订, answered by a revised benchmark in a later catalogue version
    (`revised_in`, linked when that version is published). The next evaluation falls due
    ZHIFA_BENCHMARK_EVALUATION_MONTHS after the last one (catalog.evaluations)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField("事项编码", max_length=32)
    on = models.DateField("评估日期")
    findings = models.TextField("评估意见")
    needs_revision = models.BooleanField("评估结论为需修订", default=False)
    revised_in = models.ForeignKey(
        "catalog.CatalogVersion",
        verbose_name="修订后的清单版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revising_evaluations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "裁量基准评估"
        ordering = ["agency_id", "-on"]
        # the schedule's "last evaluation of each benchmark" (catalog.evaluations) and the page's list
        indexes = [models.Index(fields=["agency", "item_code", "-on"], name="benchmark_eval_last")]

    def __str__(self) -> str:
        return f"{self.item_code} {self.on}"

    @property
    def conclusion(self) -> str:
        return "需修订" if self.needs_revision else "继续适用"
