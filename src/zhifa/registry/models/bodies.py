from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone

from zhifa.core.models import Agency

from ..choices import BodyChangeKind, BodyStatus, GrantKind, LegalStanding


class EnforcementBody(models.Model):
    """执法主体 — an organisation confirmed by the people's government at its level as entitled to
    enforce in its own name, and announced to the public. Rules: registry.services (seed 000 §6-7)."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关/组织", on_delete=models.PROTECT, related_name="body"
    )
    name = models.CharField("主体名称", max_length=128)
    standing = models.CharField("主体资格", max_length=16, choices=LegalStanding.choices)
    legal_basis = models.TextField("依据", blank=True, help_text="法定职责或授权的法律法规条款")
    grant_kind = models.CharField("赋权方式", max_length=24, choices=GrantKind.choices, blank=True)
    grant_document = models.CharField("赋权文件", max_length=128, blank=True)
    entrusting_agency = models.ForeignKey(
        Agency,
        verbose_name="委托机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_bodies",
    )
    entrusted_scope = models.TextField("委托事项与权限", blank=True)
    entrusted_from = models.DateField("委托起始日", null=True, blank=True)
    entrusted_until = models.DateField("委托截止日", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=BodyStatus.choices, default=BodyStatus.PENDING)
    confirmed_by = models.CharField("确认机关", max_length=64, blank=True, help_text="本级人民政府")
    confirmation_document = models.CharField("确认文号", max_length=64, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    announcement = models.TextField("公告内容", blank=True)
    announced_on = models.DateField("公告日期", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="并入主体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法主体"
        ordering = ["agency__region__code", "name"]
        permissions = [("manage_body", "登记、确认、公告执法主体")]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return (
            self.status == BodyStatus.CONFIRMED
            and self.announced_on is not None
            and not self.entrustment_lapsed()
        )

    def entrustment_lapsed(self, on: date | None = None) -> bool:
        """受委托组织 whose 委托期限 does not cover `on` (today): no longer a confirmed enforcement body —
        off the public list, its officers may not enforce in its name (seed 000 §6). Computed from the
        dates, so nothing has to run on the day the entrustment ends."""
        if self.standing != LegalStanding.ENTRUSTED:
            return False
        on = on or timezone.localdate()
        return (self.entrusted_until is not None and self.entrusted_until < on) or (
            self.entrusted_from is not None and self.entrusted_from > on
        )

    @property
    def entrustment_lapsed_today(self) -> bool:
        return self.entrustment_lapsed()


def entrustment_lapsed_q(on: date, prefix: str = "") -> Q:
    """The bodies (through `prefix`, e.g. "agency__body__") that `EnforcementBody.entrustment_lapsed` on
    `on`, as a filter, so lists and the officer search stay one query."""
    entrusted = Q(**{f"{prefix}standing": LegalStanding.ENTRUSTED})
    outside = Q(**{f"{prefix}entrusted_until__lt": on}) | Q(**{f"{prefix}entrusted_from__gt": on})
    return entrusted & outside


class BodyChange(models.Model):
    """One step of a body's life-cycle, shown as its history (the record log keeps the same facts
    tamper-evident)."""

    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField("变动", max_length=16, choices=BodyChangeKind.choices)
    on = models.DateField("日期")
    document = models.CharField("文号", max_length=64, blank=True)
    detail = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "body__agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法主体变动"
        ordering = ["body_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.body} {self.get_kind_display()} {self.on}"
