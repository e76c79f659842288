"""协助 (seed 004 五(二); seed 000 §1): a request for 认定、鉴定、咨询 answered in writing within 5 working days
of receipt, on-site help when evidence may be lost, archive access, and requests to another county's
agencies (异地行政执法协助)."""

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.core.models import Agency

from ..assistance.choices import AssistanceKind, AssistanceStatus

USER = settings.AUTH_USER_MODEL


class AssistanceRequest(models.Model):
    """协助函 — seen by the requesting and the assisting agency and the requester's region's supervisors."""

    number = models.CharField("协助函文号", max_length=64, blank=True)
    kind = models.CharField("协助事项", max_length=16, choices=AssistanceKind.choices)
    requester = models.ForeignKey(Agency, verbose_name="请求机关", on_delete=models.PROTECT, related_name="+")
    helper = models.ForeignKey(Agency, verbose_name="协助机关", on_delete=models.PROTECT, related_name="+")
    cross_region = models.BooleanField("异地协助", default=False)
    case = models.ForeignKey(
        Case, verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField("协助事项名称", max_length=200)
    questions = models.TextField("请求协助的内容")
    urgent = models.BooleanField("情况紧急或证据可能灭失", default=False)
    status = models.CharField(
        "状态", max_length=16, choices=AssistanceStatus.choices, default=AssistanceStatus.SENT
    )
    sent_at = models.DateTimeField("发函时间")
    received_on = models.DateField("收函日期", null=True, blank=True)
    # 书面答复 due: receipt + working days (stored with its start and days so a calendar change moves it)
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_from = models.DateField("期限起算日", null=True, blank=True)
    due_workdays = models.PositiveSmallIntegerField("答复期限（工作日）", null=True, blank=True)
    due_at = models.DateTimeField("到场期限", null=True, blank=True)  # on-site help, on the hour clock
    extended_reason = models.TextField("延期理由", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answer = models.TextField("书面答复", blank=True)
    decline_reason = models.TextField("不予协助的理由", blank=True)
    created_by = models.ForeignKey(USER, verbose_name="发函人", null=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "requester"

    class Meta:
        verbose_name = verbose_name_plural = "协助请求"
        ordering = ["-sent_at", "-id"]
        permissions = [("handle_assistance", "办理协助（发函、签收、答复）")]
        indexes = [
            models.Index(fields=["requester", "status", "due_on"]),
            models.Index(fields=["helper", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
            # the list's sortable columns (assistance.selectors.ASSISTANCE_SORTS), by either agency
            models.Index(fields=["requester", "sent_at", "id"], name="assistance_requester_sent"),
            models.Index(fields=["requester", "due_on", "id"], name="assistance_requester_due"),
            models.Index(fields=["helper", "sent_at", "id"], name="assistance_helper_sent"),
            models.Index(fields=["helper", "due_on", "id"], name="assistance_helper_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.subject}"

    @property
    def agency(self) -> Agency:
        return self.requester
