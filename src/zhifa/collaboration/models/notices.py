"""抄告 (seed 004 五(一)): an approval decision of a business department told to the 综合行政执法部门 within
10 working days (at once when urgent), and a penalty decision of the 综合行政执法部门 fed back to the business
department competent for it within 10 working days; and the 信息共享 register (seed 004 五(一) 1–7)."""

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case, Decision
from zhifa.catalog.models import EnforcementItem
from zhifa.core.models import Agency

from ..notices.choices import NoticeKind, NoticeStatus, ShareCategory, ShareMethod

USER = settings.AUTH_USER_MODEL


class Notice(models.Model):
    """抄告 — one decision told by its sender to the receiver. Seen by both (core.access: the sender's
    jurisdiction, and a view grant for the receiver) and by the supervisors of the sender's region."""

    kind = models.CharField("抄告类别", max_length=16, choices=NoticeKind.choices)
    sender = models.ForeignKey(Agency, verbose_name="抄告机关", on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey(
        Agency, verbose_name="接收机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.OneToOneField(
        Decision, verbose_name="处罚决定", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        EnforcementItem, verbose_name="执法事项", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    title = models.CharField("决定事项", max_length=200)
    number = models.CharField("决定文号", max_length=64, blank=True)
    party = models.CharField("当事人", max_length=128)
    decided_on = models.DateField("决定日期")
    urgent = models.BooleanField("情况紧急", default=False)
    content = models.TextField("决定内容", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    due_on = models.DateField("抄告期限")
    due_workdays = models.PositiveSmallIntegerField("抄告期限（工作日）", null=True, blank=True)
    note = models.TextField("抄告说明", blank=True)
    sent_at = models.DateTimeField("抄告时间", null=True, blank=True)
    sent_by = models.ForeignKey(USER, verbose_name="抄告人", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")  # fmt: skip
    ack_due = models.DateField("签收期限", null=True, blank=True)
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, verbose_name="签收人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        USER, verbose_name="录入人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "sender"

    class Meta:
        verbose_name = verbose_name_plural = "抄告"
        ordering = ["-created_at", "-id"]
        permissions = [("handle_notice", "办理抄告（抄告、签收）")]
        indexes = [
            models.Index(fields=["sender", "status", "due_on"]),
            models.Index(fields=["receiver", "status", "ack_due"]),
            models.Index(fields=["status", "due_on"]),
            # the list's sortable columns (notices.selectors.NOTICE_SORTS), by the sender and the receiver
            models.Index(fields=["sender", "created_at", "id"], name="notice_sender_created"),
            models.Index(fields=["sender", "due_on", "id"], name="notice_sender_due"),
            models.Index(fields=["sender", "decided_on", "id"], name="notice_sender_decided"),
            models.Index(fields=["receiver", "created_at", "id"], name="notice_receiver_created"),
            models.Index(fields=["receiver", "due_on", "id"], name="notice_receiver_due"),
            models.Index(fields=["receiver", "decided_on", "id"], name="notice_receiver_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    @property
    def agency(self) -> Agency:
        return self.sender


class SharingEntry(models.Model):
    """信息共享登记 — what an agency shares with another, how, and when it last did (seed 004 五(一) 1–7)."""

    provider = models.ForeignKey(Agency, verbose_name="提供机关", on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey(Agency, verbose_name="共享对象", on_delete=models.PROTECT, related_name="+")
    category = models.CharField("共享内容类别", max_length=16, choices=ShareCategory.choices)
    method = models.CharField("共享方式", max_length=16, choices=ShareMethod.choices)
    content = models.CharField("共享内容", max_length=200)
    frequency = models.CharField("共享频次", max_length=64, blank=True)
    last_shared_on = models.DateField("最近共享日期", null=True, blank=True)
    times = models.PositiveIntegerField("共享次数", default=0)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "provider"

    class Meta:
        verbose_name = verbose_name_plural = "信息共享登记"
        ordering = ["provider__name", "category", "id"]
        indexes = [
            # the register's sortable columns (notices.selectors.SHARING_SORTS), by the provider and the receiver
            models.Index(fields=["provider", "content", "id"], name="sharing_provider_content"),
            models.Index(fields=["provider", "last_shared_on", "id"], name="sharing_provider_shared"),
            models.Index(fields=["receiver", "content", "id"], name="sharing_receiver_content"),
            models.Index(fields=["receiver", "last_shared_on", "id"], name="sharing_receiver_shared"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "receiver", "category", "method"], name="sharing_entry_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content}（{self.get_method_display()}）"

    @property
    def agency(self) -> Agency:
        return self.provider
