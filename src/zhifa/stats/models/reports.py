"""报送 (seed 001 (二)5、(五)14, seed 003 二(二)8): a justice bureau issues a round (`ReportRound`, 报送任务) of
one kind of report for one period; each agency that sends to it gets a `Submission` with its own deadline,
fills its figures (pre-filled from the platform's data where it can, a changed figure with its reason),
sends it, and the bureau accepts it or returns it with a reason. A county bureau's accepted totals can be
forwarded as its own submission in the city's round of the same kind and period."""

from django.conf import settings
from django.db import models

from zhifa.stats.reports.choices import SubmissionStatus
from zhifa.stats.reports.kinds import ReportKind

USER = settings.AUTH_USER_MODEL


class ReportRound(models.Model):
    """报送任务 — one kind of report for one period, issued by a justice bureau to the agencies of its region."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name="发起机关", on_delete=models.PROTECT, related_name="report_rounds"
    )
    kind = models.CharField("报送事项", max_length=16, choices=ReportKind.choices)
    period = models.CharField("报送期间", max_length=16)
    period_label = models.CharField("报送期间名称", max_length=64)
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    due_on = models.DateField("报送期限")
    due_workdays = models.PositiveSmallIntegerField("报送期限（工作日）", null=True, blank=True)
    note = models.TextField("报送要求", blank=True)
    issued_by = models.ForeignKey(
        USER, verbose_name="发起人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField("发起日期")
    forwarded_at = models.DateTimeField("汇总上报时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "报送任务"
        ordering = ["-created_at", "-id"]
        permissions = [("manage_reportround", "发起报送任务、审核报送")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "period"], name="one_report_round_per_period")
        ]
        indexes = [models.Index(fields=["agency", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.period_label}{self.get_kind_display()}"


class Submission(models.Model):
    """报送 — one agency's report in one round. `figures` holds what the agency sent (text: whole numbers or
    money with two decimals), `computed` what the platform counted when it was sent, `reasons` why a figure
    differs from it."""

    round = models.ForeignKey(
        ReportRound, verbose_name="报送任务", on_delete=models.CASCADE, related_name="submissions"
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name="报送单位", on_delete=models.PROTECT, related_name="report_submissions"
    )
    status = models.CharField(
        "状态", max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    due_on = models.DateField("报送期限")
    due_from = models.DateField("期限起算日", null=True, blank=True)
    due_workdays = models.PositiveSmallIntegerField("报送期限（工作日）", null=True, blank=True)
    figures = models.JSONField("报送数据", default=dict)
    computed = models.JSONField("系统统计值", default=dict)
    reasons = models.JSONField("调整原因", default=dict)
    note = models.TextField("情况说明", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_submitted_on = models.DateField("首次报送日期", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        USER, verbose_name="审核人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField("退回理由", blank=True)
    returned = models.JSONField("退回时的报送内容", default=dict)
    forwarded_from = models.ForeignKey(
        ReportRound, verbose_name="汇总自", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "报送"
        ordering = ["-created_at", "-id"]
        permissions = [("submit_submission", "填报报送")]
        constraints = [models.UniqueConstraint(fields=["round", "agency"], name="one_submission_per_agency")]
        indexes = [
            models.Index(fields=["agency", "-created_at", "-id"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["agency", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.round}（{self.agency.name}）"
