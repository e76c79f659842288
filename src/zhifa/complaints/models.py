"""投诉举报 and their attachments. A complaint always has a handling agency (`agency`: the one it is
routed to, or the justice bureau of its region while no competent agency is known), so it is scoped by
core.access and its records join that agency's chain. Statuses change only through
complaints.services; the tracking code is kept only as its SHA-256."""

from typing import Any

from django.conf import settings
from django.db import models

from zhifa.catalog.models import EnforcementItem
from zhifa.core.models import Agency, Region

from .choices import Channel, Kind, Rating, Status, Wish

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}
link_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class Complaint(models.Model):
    """投诉举报: who (named or anonymous, with a contact), about whom and what, where, handled by which
    agency, on which clock; the reply, the complainant's rating and what it led to."""

    number = models.CharField("编号", max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField("来源渠道", max_length=16, choices=Channel.choices)
    hotline_number = models.CharField("12345工单号", max_length=40, blank=True)
    anonymous = models.BooleanField("匿名", default=False)
    name = models.CharField("投诉举报人", max_length=64, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    email = models.CharField("电子邮箱", max_length=128, blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    subject_name = models.CharField("被投诉举报对象", max_length=200)
    title = models.CharField("事项概要", max_length=200)
    content = models.TextField("具体内容")
    place = models.CharField("发生地点", max_length=200, blank=True)
    agency_hint = models.CharField("涉及的执法部门", max_length=200, blank=True)
    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(EnforcementItem, verbose_name="执法事项", **link_fk)
    item_code = models.CharField("事项编码", max_length=32, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name="承办机关", on_delete=models.PROTECT, related_name="complaints"
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    received_on = models.DateField("收到日期")
    routed_on = models.DateField("转至承办机关日期")  # the acknowledge clock runs from here
    clock_from = models.DateField("答复期限起算日")  # receipt, or the day it was reopened
    ack_due = models.DateField("受理期限")
    reply_due = models.DateField("答复期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    extension_workdays = models.PositiveSmallIntegerField("延长工作日", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    transfer_count = models.PositiveSmallIntegerField("转办次数", default=0)
    dispute_reason = models.TextField("争议理由", blank=True)
    progress = models.TextField("办理情况", blank=True)
    reply = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复人", **user_fk)
    rating = models.CharField("评价", max_length=16, choices=Rating.choices, blank=True)
    wish = models.CharField("不满意时的诉求", max_length=16, choices=Wish.choices, blank=True)
    rating_comment = models.TextField("评价意见", blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    conclusion = models.TextField("办结意见", blank=True)
    supervision_opinion = models.TextField("监督意见", blank=True)
    case_due = models.DateField("应立案判断期限", null=True, blank=True)  # 有案不立: accepted, about an item
    closed_on = models.DateField("办结日期", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="合并至", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    case = models.ForeignKey("cases.Case", verbose_name="立案登记的案件", **link_fk)
    supervision_item = models.ForeignKey("supervision.SupervisionItem", verbose_name="监督事项", **link_fk)
    oversight = models.ForeignKey("supervision.Oversight", verbose_name="督办", **link_fk)
    code_hash = models.CharField("查询码摘要", max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "投诉举报"
        ordering = ["-received_on", "-id"]
        permissions = [
            ("handle_complaint", "办理投诉举报（登记、受理、转办、答复、延期、办结）"),
            ("settle_complaint", "投诉举报的转办争议裁定和监督"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "received_on"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["status", "reply_due"]),
            models.Index(fields=["status", "ack_due"]),
            models.Index(fields=["channel", "received_on"]),
            models.Index(fields=["received_on", "id"]),
            models.Index(fields=["subject_name", "received_on"]),
            models.Index(fields=["hotline_number"]),
            models.Index(fields=["item_code", "received_on"]),
            models.Index(fields=["case_due"]),
            # the list's default sort (newest received first), whole scope and one agency
            models.Index(fields=["-received_on", "-id"], name="complaint_received_desc"),
            models.Index(fields=["agency", "-received_on", "-id"], name="complaint_agency_received"),
            # the list's sortable columns (selectors.COMPLAINT_SORTS) within one agency
            models.Index(fields=["agency", "number", "id"], name="complaint_agency_number"),
            models.Index(fields=["agency", "reply_due", "id"], name="complaint_agency_reply_due"),
            models.Index(fields=["agency", "updated_at", "id"], name="complaint_agency_updated"),
        ]

    def __str__(self) -> str:
        return f"投诉举报{self.number or self.pk}：{self.title}"

    @property
    def due_on(self):
        """The clock now running: acceptance before it is accepted, then the reply."""
        from .choices import UNACCEPTED

        return self.ack_due if self.status in UNACCEPTED else self.reply_due

    @property
    def complainant(self) -> str:
        return "匿名" if self.anonymous else (self.name or "—")


class ComplaintFile(models.Model):
    """An attachment, checked like evidence (content sniffed) and kept in the evidence store by SHA-256."""

    complaint = models.ForeignKey(
        Complaint, verbose_name="投诉举报", on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=100)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    jurisdiction_field = "complaint__agency"

    class Meta:
        verbose_name = verbose_name_plural = "投诉举报附件"
        ordering = ["complaint_id", "id"]

    def __str__(self) -> str:
        return self.name


class BulletinPeriod(models.TextChoices):
    MONTH = "month", "月度"
    QUARTER = "quarter", "季度"


class ComplaintBulletin(models.Model):
    """定期通报 (seed 000 §20): the 通报 DOCX of a justice bureau's region for a month or a quarter,
    generated on schedule (complaints.tasks) and kept in the evidence store by SHA-256."""

    bureau = models.ForeignKey(
        Agency, verbose_name="司法行政机关", on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField("通报周期", max_length=8, choices=BulletinPeriod.choices)
    since = models.DateField("起始日期")
    until = models.DateField("截止日期")
    total = models.PositiveIntegerField("投诉举报件数", default=0)
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=100)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    jurisdiction_field = "bureau"

    class Meta:
        verbose_name = verbose_name_plural = "投诉举报定期通报"
        ordering = ["-until", "period", "bureau_id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "period", "since"], name="complaint_bulletin_once")
        ]

    def __str__(self) -> str:
        return self.name
