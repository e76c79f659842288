"""监督事项 (行政执法监督条例): an item of supervision of one agency — findings with their evidence, the
graded instruments (通知书 → 意见书 → 决定书) with their deadlines, the agency's replies with rectification
files, and the escalation steps when a deadline is missed. Statuses change only through
supervision.actions.services; every row here is reached through the item's supervised agency."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.cases.models import Case, CaseDocument
from zhifa.core.models import Agency, Record
from zhifa.supervision.actions.choices import (
    EscalationStep,
    Grade,
    ItemStatus,
    ProblemCategory,
    ReplyOutcome,
    SupervisionKind,
    TargetKind,
)

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class SupervisionItem(models.Model):
    """监督事项 of one supervised agency (a theme concerning several agencies is one item per agency).
    `due_on` is the deadline the agency must meet now (the latest instrument's or 限期整改's)."""

    bureau = models.ForeignKey(
        Agency, verbose_name="监督机关", on_delete=models.PROTECT, related_name="supervision_given"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="被监督机关", on_delete=models.PROTECT, related_name="supervision_items"
    )
    kind = models.CharField("监督方式", max_length=16, choices=SupervisionKind.choices)
    target_kind = models.CharField("监督对象", max_length=16, choices=TargetKind.choices)
    category = models.CharField("问题类别", max_length=16, choices=ProblemCategory.choices, blank=True)
    title = models.CharField("事项名称", max_length=200)
    theme = models.CharField("专项主题", max_length=200, blank=True)
    reason = models.TextField("监督事由", blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name="监督的案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_items",
    )
    campaign_file = models.ForeignKey(
        "supervision.CampaignFile",
        verbose_name="来源评查案卷",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_items",
    )
    # 来源 (supervision.actions.sources): what the item was opened from — a record of the log, an
    # inspection, a case, a problem … — as the registered model's label and the object's id, with the
    # words shown for it when the item was opened (the source may change later, the item's origin not)
    source_type = models.CharField("来源类型", max_length=64, blank=True)
    source_id = models.CharField("来源编号", max_length=64, blank=True)
    source_label = models.CharField("来源", max_length=300, blank=True)
    status = models.CharField("状态", max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    grade = models.CharField("最高文书等级", max_length=16, choices=Grade.choices, blank=True)
    escalation = models.CharField("升级阶段", max_length=16, choices=EscalationStep.choices, blank=True)
    due_on = models.DateField("整改期限", null=True, blank=True)
    # how `due_on` was computed, so a change of the holiday schedule moves it (supervision.deadlines):
    # `due_workdays` working days after `due_from`; null when a person typed the date (never moved)
    due_from = models.DateField("期限起算日", null=True, blank=True)
    due_workdays = models.PositiveSmallIntegerField("期限工作日数", null=True, blank=True)
    close_note = models.TextField("办结说明", blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="立项人", **user_fk)
    opened_at = models.DateTimeField("立项时间", auto_now_add=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "监督事项"
        ordering = ["-opened_at", "-id"]
        permissions = [
            ("supervise", "开展执法监督（立项、记录问题、制发监督文书、验收整改、升级）"),
            ("reply_supervision", "答复执法监督、提交整改材料"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["bureau", "opened_at"]),
            # the list's orders and filters (benchmarks/supervision_items.py): the newest first, alone
            # or within a status, kind, category or agency; by deadline; the latest updated
            models.Index(fields=["-opened_at", "-id"], name="sv_item_opened"),
            models.Index(fields=["status", "-opened_at", "-id"], name="sv_item_status_opened"),
            models.Index(fields=["kind", "-opened_at", "-id"], name="sv_item_kind_opened"),
            models.Index(fields=["category", "-opened_at", "-id"], name="sv_item_category_opened"),
            models.Index(fields=["agency", "-opened_at", "-id"], name="sv_item_agency_opened"),
            # the count of a region's items of a kind or category reads agency by agency: covering
            models.Index(fields=["agency", "kind"], name="sv_item_agency_kind"),
            models.Index(fields=["agency", "category"], name="sv_item_agency_category"),
            models.Index(fields=["due_on", "-id"], name="sv_item_due"),
            models.Index(fields=["-updated_at", "-id"], name="sv_item_updated"),
            # the list's sortable columns (actions.selectors.ITEM_SORTS) within one agency
            models.Index(fields=["agency", "title", "id"], name="sv_item_agency_title"),
            models.Index(fields=["agency", "due_on", "id"], name="sv_item_agency_due"),
            models.Index(fields=["agency", "updated_at", "id"], name="sv_item_agency_updated"),
            # a source's open items (the duplicate check, the source page's banner)
            models.Index(fields=["source_type", "source_id", "status"], name="sv_item_source"),
        ]

    def __str__(self) -> str:
        return f"监督事项{self.pk}：{self.title}"

    @property
    def is_open(self) -> bool:
        return self.status != ItemStatus.CLOSED


class Finding(models.Model):
    """发现的问题, with links to the supervised agency's own cases, records and documents."""

    item = models.ForeignKey(
        SupervisionItem, verbose_name="监督事项", on_delete=models.PROTECT, related_name="findings"
    )
    text = models.TextField("问题描述")
    cases = models.ManyToManyField(Case, verbose_name="相关案件", blank=True, related_name="+")
    records = models.ManyToManyField(Record, verbose_name="相关执法记录", blank=True, related_name="+")
    documents = models.ManyToManyField(CaseDocument, verbose_name="相关文书", blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", **user_fk)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    jurisdiction_field = "item__agency"

    class Meta:
        verbose_name = verbose_name_plural = "监督发现的问题"
        ordering = ["item_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"问题{self.pk}"


class Instrument(models.Model):
    """监督文书 (通知书、意见书、决定书): numbered, issued in the justice bureau's name, with the reply and
    rectification deadlines; its DOCX/PDF are rendered from this row."""

    item = models.ForeignKey(
        SupervisionItem, verbose_name="监督事项", on_delete=models.PROTECT, related_name="instruments"
    )
    grade = models.CharField("文书种类", max_length=16, choices=Grade.choices)
    number = models.CharField("文号", max_length=64)
    issuer = models.CharField("制发机关（署名）", max_length=200)
    requirements = models.TextField("监督意见和整改要求")
    findings = models.ManyToManyField(Finding, verbose_name="所依据的问题", related_name="instruments")
    reply_due = models.DateField("答复期限")
    rectify_due = models.DateField("整改期限")
    # the deadlines' start and their working days when computed (null: typed by the supervisor, never moved)
    issued_on = models.DateField("制发日期", null=True, blank=True)
    reply_workdays = models.PositiveSmallIntegerField("答复期限工作日数", null=True, blank=True)
    rectify_workdays = models.PositiveSmallIntegerField("整改期限工作日数", null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="制发人", **user_fk)
    issued_at = models.DateTimeField("制发时间", default=timezone.now)

    jurisdiction_field = "item__agency"

    class Meta:
        verbose_name = verbose_name_plural = "监督文书"
        ordering = ["item_id", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} {self.number}"

    @property
    def agency(self) -> Agency:
        """The supervised agency (whose chain records a move of the deadlines)."""
        return self.item.agency


class Reply(models.Model):
    """被监督机关的答复和整改情况, and the supervisor's verdict on it."""

    item = models.ForeignKey(
        SupervisionItem, verbose_name="监督事项", on_delete=models.PROTECT, related_name="replies"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name="答复的监督文书", on_delete=models.PROTECT, related_name="replies"
    )
    text = models.TextField("答复和整改情况")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复人", **user_fk)
    submitted_at = models.DateTimeField("答复时间", auto_now_add=True)
    outcome = models.CharField(
        "审查结果", max_length=16, choices=ReplyOutcome.choices, default=ReplyOutcome.PENDING
    )
    review_note = models.TextField("审查意见", blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", **user_fk)
    reviewed_at = models.DateTimeField("审查时间", null=True, blank=True)

    jurisdiction_field = "item__agency"

    class Meta:
        verbose_name = verbose_name_plural = "整改答复"
        ordering = ["item_id", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"答复{self.pk}"


class ReplyFile(models.Model):
    """整改材料: a file of a reply, kept in the content-addressed store of cases.evidence."""

    reply = models.ForeignKey(Reply, verbose_name="整改答复", on_delete=models.PROTECT, related_name="files")
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("文件类型", max_length=128)

    jurisdiction_field = "reply__item__agency"

    class Meta:
        verbose_name = verbose_name_plural = "整改材料"
        ordering = ["reply_id", "id"]

    def __str__(self) -> str:
        return self.name


class Escalation(models.Model):
    """一级升级: 限期整改 (with its new deadline), 约谈, 通报 or 报告本级政府."""

    item = models.ForeignKey(
        SupervisionItem, verbose_name="监督事项", on_delete=models.PROTECT, related_name="escalations"
    )
    step = models.CharField("升级措施", max_length=16, choices=EscalationStep.choices)
    note = models.TextField("情况说明")
    due_on = models.DateField("整改期限", null=True, blank=True)
    due_from = models.DateField("期限起算日", null=True, blank=True)
    due_workdays = models.PositiveSmallIntegerField("期限工作日数", null=True, blank=True)  # null: typed
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", **user_fk)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    jurisdiction_field = "item__agency"

    class Meta:
        verbose_name = verbose_name_plural = "监督升级措施"
        ordering = ["item_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.get_step_display()

    @property
    def agency(self) -> Agency:
        return self.item.agency
