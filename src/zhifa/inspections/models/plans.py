"""抽查计划 and 抽取 (draws)."""

from datetime import date

from django.conf import settings
from django.db import models

from zhifa.core.models import Agency
from zhifa.registry.models import EnforcementField

from ..choices import DEFAULT_RATIOS, DrawStatus, PlanKind, PlanStatus


def default_ratios() -> dict:
    return dict(DEFAULT_RATIOS)


class Plan(models.Model):
    """抽查计划 — an agency's yearly plan, or a 跨部门联合抽查 plan led by `agency` in which every
    department of its items takes part (one visit per subject: 综合查一次)."""

    agency = models.ForeignKey(Agency, verbose_name="牵头机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("计划类型", max_length=16, choices=PlanKind.choices, default=PlanKind.YEARLY)
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=128)
    ratios = models.JSONField("各风险等级抽查比例（%）", default=default_ratios)
    frequency = models.PositiveSmallIntegerField("年度抽查次数", default=1)
    per_subject = models.PositiveSmallIntegerField("每个对象每部门检查人员数", default=2)
    subject_kinds = models.JSONField("对象类别", default=list, blank=True)
    industry = models.CharField("行业", max_length=64, blank=True)
    file_by = models.DateField("制定期限")
    ends_on = models.DateField("检查完成期限")
    status = models.CharField("状态", max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    published_on = models.DateField("公布日期", null=True, blank=True)
    late_reason = models.CharField("逾期制定理由", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "抽查计划"
        ordering = ["-year", "-id"]
        permissions = [("manage_plan", "编制抽查计划、抽取")]
        indexes = [
            models.Index(fields=["agency", "year"]),
            # the plan list's sortable columns (selectors.PLAN_SORTS) within one agency
            models.Index(fields=["agency", "title", "id"], name="insp_plan_agency_title"),
            models.Index(fields=["agency", "ends_on", "id"], name="insp_plan_agency_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"

    @staticmethod
    def default_file_by(year: int) -> date:
        return date(year, 3, 31)


class PlanItem(models.Model):
    """One 抽查事项 of a plan and the department that checks it (一表通查: a joint task's form lists the
    items of every department)."""

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="items")
    agency = models.ForeignKey(Agency, verbose_name="实施部门", on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField("事项编码", max_length=32)
    item_name = models.CharField("事项名称", max_length=200)
    field = models.ForeignKey(
        EnforcementField, verbose_name="执法领域", on_delete=models.PROTECT, related_name="+"
    )
    inspection_method = models.CharField("抽查方式", max_length=128, blank=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "计划抽查事项"
        ordering = ["plan_id", "agency_id", "item_code"]
        constraints = [models.UniqueConstraint(fields=["plan", "agency", "item_code"], name="uniq_plan_item")]

    def __str__(self) -> str:
        return f"{self.item_code} {self.item_name}"


class Draw(models.Model):
    """抽取 — one commit–reveal draw of a plan (see inspections.drawing). `input` is fixed at commit
    with its hash; the seed is either kept sealed by the system or held by the agency, which then
    brings it to the draw; `seed` is empty until the reveal."""

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.PROTECT, related_name="draws")
    number = models.PositiveSmallIntegerField("批次")
    status = models.CharField("状态", max_length=16, choices=DrawStatus.choices, default=DrawStatus.COMMITTED)
    input = models.JSONField("抽取输入", editable=False)
    candidate_hash = models.CharField("候选名单哈希", max_length=64, editable=False)
    seed_commitment = models.CharField("种子承诺", max_length=64, editable=False)
    sealed_seed = models.CharField(max_length=64, blank=True, editable=False)
    seed = models.CharField("随机种子", max_length=64, blank=True, editable=False)
    result = models.JSONField("抽取结果", null=True, blank=True, editable=False)
    committed_at = models.DateTimeField("承诺公布时间")
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    revealed_at = models.DateTimeField("种子公开时间", null=True, blank=True)

    jurisdiction_field = "plan__agency"

    class Meta:
        verbose_name = verbose_name_plural = "抽取"
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="uniq_draw_number")]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}批"

    @property
    def subject_count(self) -> int:
        return sum(len(codes) for codes in (self.input or {}).get("candidates", {}).values())
