from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from zhifa.core.models import Agency
from zhifa.core.validators import validate_id_number

from ..choices import CertificateKind, CertificateStatus, PersonKind, PersonStatus
from .fields import EnforcementField

certificate_number_validator = RegexValidator(
    r"^[A-Z0-9]{8,20}$", "执法证号应为8至20位数字或大写字母", code="invalid_certificate_number"
)


class Officer(models.Model):
    """执法人员 / 执法辅助人员 — a person of an agency's enforcement staff. Whether they may enforce is
    derived from their certificates (registry.selectors.can_enforce), never typed in."""

    agency = models.ForeignKey(
        Agency, verbose_name="所在机关", on_delete=models.PROTECT, related_name="officers"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    name = models.CharField("姓名", max_length=32)
    name_initials = models.CharField("姓名拼音首字母", max_length=32, editable=False, db_index=True)
    id_number = models.CharField("身份证号码", max_length=18, unique=True, validators=[validate_id_number])
    kind = models.CharField("人员类别", max_length=16, choices=PersonKind.choices, default=PersonKind.OFFICER)
    status = models.CharField(
        "状态", max_length=16, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    post = models.CharField("岗位", max_length=64, blank=True)
    is_key_post = models.BooleanField("重要执法岗位", default=False)
    post_since = models.DateField("任现岗位日期", null=True, blank=True)
    enforcing_since = models.DateField("首次从事执法日期", null=True, blank=True)
    # 国家法律职业资格 (seed 003 四(二)2: its share among the 法制审核人员 is held to a standard)
    legal_qualification_number = models.CharField("法律职业资格证书编号", max_length=32, blank=True)
    legal_qualification_on = models.DateField("取得法律职业资格日期", null=True, blank=True)
    fields = models.ManyToManyField(
        EnforcementField, verbose_name="执法领域", blank=True, related_name="officers"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法人员"
        ordering = ["agency_id", "name", "id"]
        permissions = [("manage_officer", "维护执法人员、培训与考核")]
        indexes = [
            models.Index(fields=["agency", "kind", "status"]),
            # the officer list's sort and the officer picker's (core.pickers) first page
            models.Index(fields=["agency", "name", "id"], name="officer_agency_name"),
            # the list's other sortable columns (selectors.OFFICER_SORTS): a region's list, one agency's
            models.Index(fields=["name", "id"], name="officer_name"),
            models.Index(fields=["agency", "kind", "name", "id"], name="officer_agency_kind"),
            models.Index(fields=["agency", "post", "name", "id"], name="officer_agency_post"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_auxiliary(self) -> bool:
        return self.kind == PersonKind.AUXILIARY


def in_force_q(on: Any) -> Q:
    """Status in force on `on` (a date, or an expression giving one, e.g. OuterRef("decided_on")): valid,
    or suspended until a day before `on` (a 暂扣 with an end date ends by itself: the right to enforce is
    back the day after, whether or not anyone has restored it yet), or suspended or revoked only after `on`
    (`status_since`: an act before the 暂扣 or 吊销 was done with a certificate then in force)."""
    return (
        Q(status=CertificateStatus.VALID)
        | Q(status=CertificateStatus.SUSPENDED, suspended_until__lt=on)
        | Q(status_since__gt=on)
    )


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, on: date) -> "CertificateQuerySet":
        """Certificates usable on `on`: in force (in_force_q) and `on` within their term."""
        return self.filter(in_force_q(on), issued_on__lte=on, expires_on__gte=on)

    def suspended_on(self, on: date) -> "CertificateQuerySet":
        """Certificates suspended on `on`: without an end date, or until `on` or later."""
        return self.filter(status=CertificateStatus.SUSPENDED).exclude(suspended_until__lt=on)


class Certificate(models.Model):
    """执法证 / 执法监督证 — issued by the 司法行政部门, covering one or more 执法领域."""

    officer = models.ForeignKey(
        Officer, verbose_name="持证人", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(
        "证件编号", max_length=20, unique=True, validators=[certificate_number_validator]
    )
    kind = models.CharField(
        "证件类别", max_length=16, choices=CertificateKind.choices, default=CertificateKind.ENFORCEMENT
    )
    issuer = models.CharField("发证机关", max_length=64)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    status = models.CharField(
        "状态", max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    status_reason = models.CharField("状态变更原因", max_length=200, blank=True)
    # the last day of a 暂扣 with an end date (null: until restored); from the next day it is in force again
    suspended_until = models.DateField("暂扣至", null=True, blank=True)
    # the day since which a 暂扣 or 吊销 has kept the certificate out of force (null: valid, or unknown for
    # a status set before this was kept — then it counts as out of force all along)
    status_since = models.DateField("暂扣、吊销生效日期", null=True, blank=True)
    last_checked_on = models.DateField("最近审验日期", null=True, blank=True)
    fields = models.ManyToManyField(EnforcementField, verbose_name="执法领域", related_name="certificates")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CertificateQuerySet.as_manager()

    jurisdiction_field = "officer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法证件"
        ordering = ["officer_id", "-issued_on"]
        permissions = [("manage_certificate", "核发、暂扣、吊销执法证件")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("issued_on")), name="certificate_expires_after_issue"
            )
        ]
        indexes = [models.Index(fields=["status", "expires_on"])]

    def __str__(self) -> str:
        return self.number

    def suspension_over(self, on: date) -> bool:
        """A 暂扣 with an end date before `on`: in force again on `on`."""
        return (
            self.status == CertificateStatus.SUSPENDED
            and self.suspended_until is not None
            and self.suspended_until < on
        )

    def effective_status(self, on: date) -> str:
        if self.suspension_over(on) or (self.status_since is not None and self.status_since > on):
            return CertificateStatus.EXPIRED if self.expires_on < on else CertificateStatus.VALID
        if self.status == CertificateStatus.VALID and self.expires_on < on:
            return CertificateStatus.EXPIRED
        return self.status

    def effective_status_label(self, on: date) -> str:
        return CertificateStatus(self.effective_status(on)).label
