from django.conf import settings
from django.db import models

from zhifa.core.models import Agency
from zhifa.registry.models import Officer

from .choices import AwardeeKind, AwardKind, AwardLevel


class Award(models.Model):
    """表彰奖励 — one commendation of an officer (个人) or of an agency (集体), with its granting body,
    date, reason and document number. `agency` is the commended agency, or the officer's agency."""

    awardee_kind = models.CharField("表彰对象类别", max_length=16, choices=AwardeeKind.choices)
    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="awards"
    )
    officer = models.ForeignKey(
        Officer,
        verbose_name="受表彰人员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    kind = models.CharField("表彰种类", max_length=16, choices=AwardKind.choices)
    level = models.CharField("表彰级别", max_length=16, choices=AwardLevel.choices)
    granted_by = models.CharField("授予机关", max_length=128)
    granted_on = models.DateField("授予日期")
    reason = models.TextField("表彰事由")
    document_number = models.CharField("文号", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "表彰奖励"
        permissions = [("manage_award", "录入表彰奖励")]
        indexes = [
            models.Index(fields=["agency", "granted_on", "id"], name="recognition_award_agency_on"),
            models.Index(fields=["officer", "granted_on", "id"], name="recognition_award_officer_on"),
            models.Index(fields=["granted_on", "id"], name="recognition_award_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(awardee_kind=AwardeeKind.OFFICER, officer__isnull=False)
                    | models.Q(awardee_kind=AwardeeKind.AGENCY, officer__isnull=True)
                ),
                name="recognition_award_awardee",
            )
        ]

    def __str__(self) -> str:
        who = self.officer.name if self.officer_id else self.agency.name
        return f"{who} {self.get_kind_display()}（{self.granted_on:%Y-%m-%d}）"

    @property
    def awardee_name(self) -> str:
        return self.officer.name if self.officer_id else self.agency.name
