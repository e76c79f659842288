"""法制审核: data and invariants. A case has one Review; every submission is a ReviewRound holding the
proposed decision as submitted and the reviewer's opinion on it, so every round stays visible."""

from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Case
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.core import formatting
from zhifa.core.models import Agency

from .choices import AdviserRole, CheckPoint, OpinionResult, ResolutionMethod, ResolutionOutcome, ReviewStatus

money = {
    "max_digits": 14,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0)],
}
user_fk = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class Review(models.Model):
    """法制审核 of a case's major decision (重大执法决定). Its status changes only through
    review.services; the reviewer may belong to the justice bureau's pool (协作机制) of another agency."""

    case = models.OneToOneField(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="review")
    status = models.CharField(
        "状态", max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="法制审核人员", **user_fk)
    from_pool = models.BooleanField("由司法局协作库指派", default=False)
    due_on = models.DateField("审核期限", null=True, blank=True)
    passed_by = models.CharField("通过方式", max_length=16, blank=True)  # "opinion" or a ResolutionMethod
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="送审人", **user_fk)
    created_at = models.DateTimeField("送审时间", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "法制审核"
        ordering = ["-updated_at", "-id"]
        permissions = [
            ("submit_review", "送审、答复、提出异议"),
            ("give_opinion", "出具法制审核意见"),
            ("resolve_dispute", "记录集体讨论或机关负责人决定"),
            ("coordinate_pool", "协调法制审核协作库、预审核"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["reviewer", "status"]),
            models.Index(fields=["-updated_at", "-id"], name="review_updated_desc"),  # the list's sort
            # the list's sortable columns (selectors.REVIEW_SORTS)
            models.Index(fields=["status", "due_on", "id"], name="review_status_due"),
            models.Index(fields=["due_on", "id"], name="review_due"),
            models.Index(fields=["created_at", "id"], name="review_submitted"),
        ]

    def __str__(self) -> str:
        return f"法制审核 {self.case}"

    @property
    def agency(self) -> Agency:
        return self.case.agency

    @property
    def is_open(self) -> bool:
        return self.status != ReviewStatus.PASSED


class ReviewRound(models.Model):
    """One submission (送审) and the opinion on it (法制审核意见). The proposed decision is kept as
    submitted: the decision may later be no heavier than the one a passed round approved."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveIntegerField("轮次")
    kind = models.CharField(
        "拟作决定类型", max_length=16, choices=DecisionKind.choices, default=DecisionKind.PENALTY
    )
    # the measures of 第九条 other than the two with an amount: PenaltyMeasure values (catalog.penalties)
    measures = models.JSONField("拟处罚种类", default=list, blank=True)
    fine = models.DecimalField(f"{PenaltyMeasure.FINE.label}（元）", **money)
    confiscation = models.DecimalField(f"{PenaltyMeasure.CONFISCATE_GAINS.label}（元）", **money)
    other_measures = models.TextField("其他处罚", blank=True)
    deviation_reason = models.TextField("偏离裁量基准的理由", blank=True)
    facts = models.JSONField("裁量情节", default=dict, blank=True, encoder=DjangoJSONEncoder)
    proposal = models.TextField("拟处理意见")
    evidence_list = models.TextField("证据清单", blank=True)
    suspected_crime = models.BooleanField("是否涉嫌犯罪", null=True, blank=True)
    crime_note = models.TextField("涉嫌犯罪情况说明", blank=True)
    answers = models.JSONField("对上一轮问题的答复", default=dict, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="送审人", **user_fk)
    submitted_at = models.DateTimeField("送审时间")
    due_on = models.DateField("审核期限")
    result = models.CharField("审核结论", max_length=16, choices=OpinionResult.choices, blank=True)
    checklist = models.JSONField("逐项审核意见", default=dict, blank=True)
    summary = models.TextField("审核意见", blank=True)
    opinion_number = models.CharField("意见书文号", max_length=64, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", **user_fk)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    jurisdiction_field = "review__case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "审核轮次"
        ordering = ["review_id", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="uniq_review_round")]
        indexes = [models.Index(fields=["reviewed_at"])]

    def __str__(self) -> str:
        return f"第{self.number}轮"

    @property
    def problems(self) -> dict[str, str]:
        """The points the reviewer found a problem with, and why."""
        return {point: row.get("comment", "") for point, row in self.checklist.items() if not row.get("ok")}

    @property
    def problems_labelled(self) -> list[tuple[str, str]]:
        return [(CheckPoint(point).label, comment) for point, comment in self.problems.items()]

    @property
    def overrides_labelled(self) -> list[tuple[str, str, str]]:
        """The points passed although the automatic pre-check marked them ✗: (point, what the pre-check
        found, the reviewer's reason)."""
        return [
            (CheckPoint(point).label, "；".join(row["precheck"]), row.get("comment", ""))
            for point, row in self.checklist.items()
            if row.get("ok") and row.get("precheck")
        ]

    @property
    def answers_labelled(self) -> list[tuple[str, str]]:
        return [(CheckPoint(point).label, text) for point, text in self.answers.items()]

    def penalty_text(self, money: Callable[[Decimal], str] = formatting.money) -> str:
        """The proposal's measures in words, amounts as the pages show them (the 意见书 states them in words)."""
        parts = penalties.parts(self, money=money)
        return "、".join(parts) or self.get_kind_display()


class Dispute(models.Model):
    """承办机构对审核意见有异议: settled by the agency's 集体讨论 or its head, outcome recorded."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="disputes")
    round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="disputes")
    reason = models.TextField("异议理由")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提出人", **user_fk)
    raised_at = models.DateTimeField("提出时间", auto_now_add=True)
    method = models.CharField("处理方式", max_length=16, choices=ResolutionMethod.choices, blank=True)
    outcome = models.CharField("处理结果", max_length=16, choices=ResolutionOutcome.choices, blank=True)
    note = models.TextField("讨论情况（参加人员、意见）", blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", **user_fk)
    resolved_at = models.DateTimeField("决定时间", null=True, blank=True)

    jurisdiction_field = "review__case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "审核异议"
        ordering = ["review_id", "raised_at", "id"]

    def __str__(self) -> str:
        return f"异议（{self.round}）"


class PreReview(models.Model):
    """预审核 of a complex case by the county 司法行政机关 (seed 003 §4(二)1)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="pre_reviews")
    justice = models.ForeignKey(
        Agency, verbose_name="司法行政机关", on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField("提请事项")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提请人", **user_fk)
    requested_at = models.DateTimeField("提请时间", auto_now_add=True)
    opinion = models.TextField("预审核意见", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="预审核人", **user_fk)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    jurisdiction_field = "review__case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "预审核"
        ordering = ["review_id", "requested_at", "id"]

    def __str__(self) -> str:
        return f"预审核（{self.justice}）"


class InvitedOpinion(models.Model):
    """法律顾问、公职律师 invited to give a written opinion on a difficult case."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="invited_opinions")
    author = models.CharField("姓名", max_length=64)
    role = models.CharField("身份", max_length=16, choices=AdviserRole.choices)
    text = models.TextField("书面意见")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    added_at = models.DateTimeField("登记时间", auto_now_add=True)

    jurisdiction_field = "review__case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "法律顾问、公职律师意见"
        ordering = ["review_id", "added_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}{self.author}"


class PoolMember(models.Model):
    """法制审核协作库 (seed 002 §(九)): reviewers the justice bureau coordinates for agencies of its
    region that have no free 法制审核人员 of their own."""

    justice = models.ForeignKey(
        Agency, verbose_name="司法行政机关", on_delete=models.PROTECT, related_name="review_pool"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人员", on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    added_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "justice"

    class Meta:
        verbose_name = verbose_name_plural = "法制审核协作库"
        constraints = [models.UniqueConstraint(fields=["justice", "user"], name="uniq_pool_member")]

    def __str__(self) -> str:
        return f"{self.justice} {self.user}"
