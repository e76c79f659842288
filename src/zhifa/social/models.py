"""社会监督的登记、反馈与测评. Every row reaches an agency through `jurisdiction_field`: the register and the
survey campaigns are the appointing justice bureau's; a feedback and a survey response are the agency's they
concern (so that agency reads them, and the bureau's supervisors read them over their region's subtree).
Rows change only through `zhifa.social.services`; each change is a record in the record log."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from zhifa.cases.models import Case
from zhifa.core.models import Agency, Region
from zhifa.core.validators import validate_credit_code
from zhifa.supervision.models import SupervisionItem

from .choices import (
    FeedbackSource,
    FeedbackStatus,
    PersonCategory,
    PointKind,
    PointStatus,
    Rating,
    RespondentKind,
    SupervisorStatus,
    SurveyMethod,
    SurveyStatus,
)

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}
SCORE_MIN, SCORE_MAX = 0, 100


class Supervisor(models.Model):
    """行政执法监督员: a person outside the administration the justice bureau appoints for a term to watch
    the agencies (or fields) named (seed 001 §13; 《行政执法监督条例》)."""

    bureau = models.ForeignKey(
        Agency, verbose_name="聘任机关", on_delete=models.PROTECT, related_name="social_supervisors"
    )
    name = models.CharField("姓名", max_length=64)
    category = models.CharField("身份类别", max_length=16, choices=PersonCategory.choices)
    unit = models.CharField("工作单位及职务", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    fields_followed = models.CharField("关注领域", max_length=200, blank=True)
    agencies = models.ManyToManyField(Agency, verbose_name="联系的行政执法机关", blank=True, related_name="+")
    term_start = models.DateField("任期开始")
    term_end = models.DateField("任期结束")
    status = models.CharField(
        "状态", max_length=16, choices=SupervisorStatus.choices, default=SupervisorStatus.APPOINTED
    )
    ended_on = models.DateField("解聘日期", null=True, blank=True)
    end_reason = models.TextField("解聘理由", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "bureau"

    class Meta:
        verbose_name = verbose_name_plural = "行政执法监督员"
        ordering = ["-term_end", "id"]
        permissions = [("manage_supervisor", "聘任、续聘、解聘行政执法监督员")]
        indexes = [
            models.Index(fields=["bureau", "status", "term_end"]),
            models.Index(fields=["status", "term_end"]),
            models.Index(fields=["name"]),
            models.Index(fields=["category"]),
            # the list's sortable columns (selectors.SUPERVISOR_SORTS) within one bureau
            models.Index(fields=["bureau", "name", "id"], name="supervisor_bureau_name"),
            models.Index(fields=["bureau", "category", "name", "id"], name="supervisor_bureau_category"),
            models.Index(fields=["bureau", "term_end", "id"], name="supervisor_bureau_term"),
            models.Index(fields=["bureau", "created_at", "id"], name="supervisor_bureau_created"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def agency(self) -> Agency:
        """The record log's chain of this row: the justice bureau's."""
        return self.bureau


class ContactPoint(models.Model):
    """监督联系点: an enterprise, association or community the justice bureau names for a term as a place
    where the agencies' enforcement is watched from outside (seed 002 (十五))."""

    bureau = models.ForeignKey(
        Agency, verbose_name="设立机关", on_delete=models.PROTECT, related_name="social_contact_points"
    )
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=16, choices=PointKind.choices)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    address = models.CharField("地址", max_length=300)
    liaison = models.CharField("联络人", max_length=64)
    liaison_phone = models.CharField("联络人电话", max_length=32, blank=True)
    agencies = models.ManyToManyField(Agency, verbose_name="联系的行政执法机关", blank=True, related_name="+")
    term_start = models.DateField("设立期限开始")
    term_end = models.DateField("设立期限结束")
    status = models.CharField("状态", max_length=16, choices=PointStatus.choices, default=PointStatus.ACTIVE)
    ended_on = models.DateField("撤销日期", null=True, blank=True)
    end_reason = models.TextField("撤销理由", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "bureau"

    class Meta:
        verbose_name = verbose_name_plural = "监督联系点"
        ordering = ["-term_end", "id"]
        permissions = [("manage_contactpoint", "设立、续期、撤销监督联系点")]
        indexes = [
            models.Index(fields=["bureau", "status", "term_end"]),
            models.Index(fields=["status", "term_end"]),
            models.Index(fields=["name"]),
            models.Index(fields=["kind"]),
            # the list's sortable columns (selectors.POINT_SORTS) within one bureau
            models.Index(fields=["bureau", "name", "id"], name="point_bureau_name"),
            models.Index(fields=["bureau", "kind", "name", "id"], name="point_bureau_kind"),
            models.Index(fields=["bureau", "term_end", "id"], name="point_bureau_term"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def agency(self) -> Agency:
        """The record log's chain of this row: the justice bureau's."""
        return self.bureau


class Feedback(models.Model):
    """A supervisor's or contact point's feedback about an agency (optionally one of its cases): an intake
    the justice bureau acknowledges, answers, or turns into a 监督事项."""

    bureau = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="social_feedback_received"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="反映的行政执法机关", on_delete=models.PROTECT, related_name="social_feedback"
    )
    source = models.CharField("来源", max_length=16, choices=FeedbackSource.choices)
    supervisor = models.ForeignKey(
        Supervisor, verbose_name="监督员", null=True, blank=True, on_delete=models.PROTECT,
        related_name="feedback",
    )  # fmt: skip
    contact_point = models.ForeignKey(
        ContactPoint, verbose_name="监督联系点", null=True, blank=True, on_delete=models.PROTECT,
        related_name="feedback",
    )  # fmt: skip
    case = models.ForeignKey(
        Case, verbose_name="涉及的案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("反馈事项", max_length=200)
    text = models.TextField("反馈内容")
    received_on = models.DateField("收到日期")
    answer_due = models.DateField("答复期限")
    status = models.CharField(
        "状态", max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    answer = models.TextField("答复内容", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    acknowledged_at = models.DateTimeField("受理时间", null=True, blank=True)
    supervision_item = models.ForeignKey(
        SupervisionItem, verbose_name="监督事项", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    complaint = models.OneToOneField(
        "complaints.Complaint", verbose_name="转为的投诉举报", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", **user_fk)
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "社会监督反馈"
        ordering = ["-received_on", "-id"]
        permissions = [("handle_feedback", "录入和办理社会监督反馈")]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "answer_due"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["-received_on", "-id"], name="feedback_received_desc"),  # the list's sort
            models.Index(fields=["source"]),
            # the list's sortable columns (selectors.FEEDBACK_SORTS), by the agency concerned and the bureau
            models.Index(fields=["agency", "received_on", "id"], name="feedback_agency_received"),
            models.Index(fields=["agency", "answer_due", "id"], name="feedback_agency_due"),
            models.Index(fields=["bureau", "received_on", "id"], name="feedback_bureau_received"),
            models.Index(fields=["bureau", "answer_due", "id"], name="feedback_bureau_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(supervisor__isnull=False, contact_point__isnull=True))
                | (models.Q(supervisor__isnull=True, contact_point__isnull=False)),
                name="social_feedback_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def sender(self) -> Supervisor | ContactPoint | None:
        return self.supervisor or self.contact_point


class FeedbackFile(models.Model):
    """A file sent with a feedback, kept in the content-addressed store of cases.evidence."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="files")
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=128)

    jurisdiction_field = "feedback__agency"

    class Meta:
        verbose_name = verbose_name_plural = "社会监督反馈材料"
        ordering = ["feedback_id", "id"]

    def __str__(self) -> str:
        return self.name


class SurveyCampaign(models.Model):
    """回访或满意度测评 of one region for one year (seed 002 (十八) 第三方测评): the justice bureau enters or
    imports the respondents' ratings per agency, then closes it; only closed campaigns count as results."""

    bureau = models.ForeignKey(
        Agency, verbose_name="组织机关", on_delete=models.PROTECT, related_name="social_surveys"
    )
    region = models.ForeignKey(Region, verbose_name="测评区域", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    method = models.CharField("方式", max_length=16, choices=SurveyMethod.choices)
    conducted_by = models.CharField("实施单位", max_length=200, blank=True)
    status = models.CharField("状态", max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "bureau"

    class Meta:
        verbose_name = verbose_name_plural = "回访与满意度测评"
        ordering = ["-year", "-id"]
        permissions = [("manage_survey", "组织回访与满意度测评、录入和导入结果")]
        indexes = [
            models.Index(fields=["year", "status"]),
            models.Index(fields=["bureau", "year"]),
            # the list's sortable columns (selectors.SURVEY_SORTS) within one bureau
            models.Index(fields=["bureau", "year", "id"], name="survey_bureau_year"),
            models.Index(fields=["bureau", "title", "id"], name="survey_bureau_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self) -> Agency:
        """The record log's chain of this row: the justice bureau's."""
        return self.bureau


class SurveyResponse(models.Model):
    """One respondent's opinion of one agency in a campaign: a rating, a 0–100 score, or both."""

    campaign = models.ForeignKey(
        SurveyCampaign, verbose_name="测评", on_delete=models.PROTECT, related_name="responses"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="被测评机关", on_delete=models.PROTECT, related_name="social_survey_responses"
    )
    respondent_kind = models.CharField("受访者类别", max_length=16, choices=RespondentKind.choices)
    respondent = models.CharField("受访者", max_length=100, blank=True)
    rating = models.CharField("满意度评价", max_length=16, choices=Rating.choices, blank=True)
    score = models.PositiveSmallIntegerField(
        "评分", null=True, blank=True,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )  # fmt: skip
    comment = models.TextField("意见建议", blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", **user_fk)
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "测评结果"
        ordering = ["campaign_id", "agency_id", "id"]
        indexes = [models.Index(fields=["campaign", "agency"]), models.Index(fields=["agency", "rating"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="social_response_score_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(rating="") | models.Q(score__isnull=False),
                name="social_response_rated_or_scored",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name}：{self.get_rating_display() or self.score}"
