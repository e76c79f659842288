"""责任追究案件 (seed 000 §21; seed 002 (十); seed 003 四(二)2): a proceeding against one officer, from its
source (a supervision finding, a decision corrected on 复议 or lost in court, a complaint, an overdue duty)
through 立案、调查、告知、听取陈述申辩 to the decision — a sanction, or 尽职免责 / 容错 with its reasons.
Statuses change only through supervision.accountability.services; a certificate outcome changes the
officer's certificates through the registry's own service. Reached through the officer's agency."""

from typing import Any

from django.conf import settings
from django.db import models

from zhifa.cases.models import Challenge
from zhifa.core.models import Agency
from zhifa.registry.models import Certificate, Officer
from zhifa.supervision.accountability.choices import EXEMPTIONS, Outcome, ProceedingStatus, SourceKind

from .actions import Finding

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class AccountabilityCase(models.Model):
    """责任追究案件 of one officer (several officers responsible for one source: one proceeding each).
    `agency` is the officer's agency when the proceeding was filed (who sees it)."""

    bureau = models.ForeignKey(
        Agency, verbose_name="追责机关", on_delete=models.PROTECT, related_name="accountability_given"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="责任人员所在机关", on_delete=models.PROTECT, related_name="accountability_cases"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="责任人员", on_delete=models.PROTECT, related_name="accountability_cases"
    )
    source_kind = models.CharField("案件来源", max_length=16, choices=SourceKind.choices)
    finding = models.ForeignKey(
        Finding,
        verbose_name="监督发现的问题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    challenge = models.ForeignKey(
        Challenge,
        verbose_name="被纠错的行政行为",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_text = models.TextField("来源说明", blank=True)
    source_reference = models.CharField("来源编号", max_length=100, blank=True)
    facts = models.TextField("立案事由")
    status = models.CharField(
        "状态", max_length=16, choices=ProceedingStatus.choices, default=ProceedingStatus.FILED
    )
    due_on = models.DateField("办理期限", null=True, blank=True)
    # how `due_on` was computed (supervision.deadlines): `due_workdays` working days after `due_from`
    due_from = models.DateField("期限起算日", null=True, blank=True)
    due_workdays = models.PositiveSmallIntegerField("期限工作日数", null=True, blank=True)
    investigation = models.TextField("调查情况", blank=True)
    notice = models.TextField("告知的拟处理意见", blank=True)
    statement = models.TextField("陈述申辩情况", blank=True)
    outcome = models.CharField("处理决定", max_length=16, choices=Outcome.choices, blank=True)
    reason = models.TextField("决定理由", blank=True)
    suspended_until = models.DateField("暂扣至", null=True, blank=True)
    certificates = models.ManyToManyField(
        Certificate, verbose_name="暂扣或收回的执法证", blank=True, related_name="+"
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_number = models.CharField("决定书文号", max_length=64, blank=True)  # 责任追究决定书
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", **user_fk)
    restored_on = models.DateField("恢复执法证日期", null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="立案人", **user_fk)
    opened_at = models.DateTimeField("立案时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "责任追究案件"
        ordering = ["-opened_at", "-id"]
        permissions = [("pursue_accountability", "开展责任追究（立案、调查、告知、听取陈述申辩、作出决定）")]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["officer", "opened_at"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["-opened_at", "-id"], name="sv_acc_opened"),  # the list's sort
        ]

    def __str__(self) -> str:
        return f"责任追究案件{self.pk}：{self.officer.name}"

    @property
    def is_open(self) -> bool:
        return self.status != ProceedingStatus.DECIDED

    @property
    def is_exemption(self) -> bool:
        return self.outcome in EXEMPTIONS
