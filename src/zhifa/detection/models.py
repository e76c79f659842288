"""运行记录 and 问题线索. A hit is one subject (a case, an inspection, a certificate holder's act…) that
one model flags; the same model finding the same subject again (its `key`) updates the hit, never adds
a second one, so a nightly run does not bury the supervisor in duplicates."""

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.core.models import Agency, Region

from .choices import FollowUp, HitStatus, RunTrigger


class Run(models.Model):
    """运行记录 — one run of one model: its version and parameters as used, the region it covered (none:
    every region, as the nightly run), when, and what it found. Computation, not a business object of one
    agency: `counts` keeps what it found per agency ({agency id: [found, added]}), so a viewer sees the
    counts of their own jurisdiction (detection.selectors.runs_visible_to)."""

    model = models.CharField("模型", max_length=32, db_index=True)
    version = models.CharField("版本", max_length=16)
    params = models.JSONField("参数", default=dict)
    trigger = models.CharField("运行方式", max_length=16, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="运行人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    found = models.PositiveIntegerField("发现线索", default=0)
    added = models.PositiveIntegerField("新增线索", default=0)
    region = models.ForeignKey(
        Region,
        verbose_name="运行范围",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空：全部区划",
    )
    counts = models.JSONField("各机关线索数", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "运行记录"
        ordering = ["-started_at", "-id"]
        permissions = [("run_model", "运行问题发现模型")]

    def __str__(self) -> str:
        return f"{self.model} {self.version} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class Hit(models.Model):
    """问题线索 — why a subject is a hit (`reason`, a Chinese sentence with the numbers), the evidence
    it links to, and what the supervisor made of it."""

    model = models.CharField("模型", max_length=32)
    version = models.CharField("发现时模型版本", max_length=16)
    key = models.CharField("对象标识", max_length=200)
    agency = models.ForeignKey(Agency, verbose_name="涉及机关", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField("对象", max_length=200)
    reason = models.TextField("线索理由")
    evidence = models.JSONField("证据", default=list)  # [[kind, id], …]: detection.evidence resolves them
    measure = models.DecimalField("偏离程度", max_digits=16, decimal_places=2, default=0)
    first_run = models.ForeignKey(Run, verbose_name="首次发现", on_delete=models.PROTECT, related_name="+")
    last_run = models.ForeignKey(Run, verbose_name="最近发现", on_delete=models.PROTECT, related_name="+")
    found_at = models.DateTimeField("发现时间")
    status = models.CharField("状态", max_length=16, choices=HitStatus.choices, default=HitStatus.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)
    handling_reason = models.TextField("处理理由", blank=True)
    follow_up = models.CharField("转办", max_length=16, choices=FollowUp.choices, blank=True)
    supervision_item = models.ForeignKey(
        "supervision.SupervisionItem",
        verbose_name="监督事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    oversight = models.ForeignKey(
        "supervision.Oversight",
        verbose_name="督办",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "问题线索"
        ordering = ["-found_at", "-id"]
        permissions = [("handle_hit", "核实问题线索（确认、排除、转办）")]
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="detection_hit_once")]
        indexes = [
            models.Index(fields=["model", "status"]),
            models.Index(fields=["agency", "status", "found_at"]),
            models.Index(fields=["status", "-found_at", "-id"], name="detection_hit_status_found"),
            models.Index(fields=["-measure", "-id"], name="detection_hit_measure"),
        ]

    def __str__(self) -> str:
        return self.subject


class ParamSetting(models.Model):
    """模型参数设定 — one region's value of one parameter of one model, set by a 执法监督人员 of the
    region's justice bureau (`bureau`, whose chain records each change with the old and the new value).
    A null value is "not set here": the region takes its parent region's value, else the default."""

    region = models.ForeignKey(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    bureau = models.ForeignKey(Agency, verbose_name="设定机关", on_delete=models.PROTECT, related_name="+")
    model = models.CharField("模型", max_length=32)
    name = models.CharField("参数", max_length=32)
    value = models.JSONField("设定值", null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设定人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField("设定时间")

    jurisdiction_field = "bureau"

    class Meta:
        verbose_name = verbose_name_plural = "模型参数设定"
        ordering = ["region__path", "model", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "model", "name"], name="detection_param_once")
        ]

    def __str__(self) -> str:
        return f"{self.model}.{self.name}"

    @property
    def agency(self) -> Agency:
        """The chain its records go on (core.records): the bureau's."""
        return self.bureau
