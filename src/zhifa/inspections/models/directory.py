"""名录库: 检查对象 (subjects), what the registry does not know about inspectors (residence, relations),
and the 包容审慎 lists."""

import secrets

from django.db import models

from zhifa.core.models import Agency, Region
from zhifa.core.validators import validate_credit_code
from zhifa.registry.models import Officer

from ..choices import ENTERPRISE_KINDS, LenientKind, RiskLevel, SubjectKind


def new_qr_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits: a 扫码入企 link cannot be guessed


class Subject(models.Model):
    """检查对象 — one entry of an agency's 检查对象名录库. `code` is what draws and draw files name:
    the 统一社会信用代码 of an organisation or individual business; for a person a pseudonym (the
    public draw file never carries an ID number). `credit_record` is the subject's 信用档案 of
    inspection results (seed 000 §15: results go into the market subject's credit file)."""

    agency = models.ForeignKey(
        Agency, verbose_name="名录库所属机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("对象类别", max_length=24, choices=SubjectKind.choices)
    name = models.CharField("名称", max_length=128)
    code = models.CharField("对象编码", max_length=32)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code]
    )
    industry = models.CharField("行业", max_length=64, blank=True)
    region = models.ForeignKey(
        Region, verbose_name="所在区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField("地址", max_length=200, blank=True)
    risk_level = models.CharField("风险等级", max_length=1, choices=RiskLevel.choices, default=RiskLevel.B)
    yearly_cap = models.PositiveSmallIntegerField(
        "年度检查上限", null=True, blank=True, help_text="不填按系统默认（每年涉企检查次数上限）"
    )
    qr_token = models.CharField(
        "扫码入企令牌", max_length=64, unique=True, default=new_qr_token, editable=False
    )
    credit_record = models.JSONField("信用档案（检查结果）", default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "检查对象"
        ordering = ["agency_id", "code"]
        permissions = [("manage_subject", "管理检查对象名录库")]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="uniq_subject_code")]
        indexes = [models.Index(fields=["agency", "risk_level", "code"]), models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def is_enterprise(self) -> bool:
        return self.kind in ENTERPRISE_KINDS


class InspectorProfile(models.Model):
    """What 回避 needs to know about an inspector beyond the registry: the region they live in."""

    officer = models.OneToOneField(
        Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="inspector_profile"
    )
    residence_region = models.ForeignKey(
        Region, verbose_name="居住地区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    jurisdiction_field = "officer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "检查人员回避信息"

    def __str__(self) -> str:
        return str(self.officer)


class DeclaredRelation(models.Model):
    """申报的利害关系: this inspector must never be drawn for this subject."""

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(Subject, verbose_name="检查对象", on_delete=models.CASCADE, related_name="+")
    note = models.CharField("关系说明", max_length=200)

    jurisdiction_field = "officer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "利害关系申报"
        constraints = [models.UniqueConstraint(fields=["officer", "subject"], name="uniq_declared_relation")]

    def __str__(self) -> str:
        return f"{self.officer} — {self.subject}"


class LenientEntry(models.Model):
    """包容审慎监管清单 row: a subject in its 观察期 (until a date), or an item on the 免罚清单. A finding
    covered by either is corrected (责令整改), not taken to a case, unless a reason is given."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("清单", max_length=16, choices=LenientKind.choices)
    subject = models.ForeignKey(
        Subject, verbose_name="检查对象", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item_code = models.CharField("事项编码", max_length=32, blank=True)
    valid_from = models.DateField("起始日期")
    valid_until = models.DateField("截止日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    # 移出清单: an entry is ended with a reason, never deleted (it explains past findings).
    ended_on = models.DateField("移出日期", null=True, blank=True)
    end_reason = models.CharField("移出理由", max_length=200, blank=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "包容审慎清单"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind=LenientKind.OBSERVATION, subject__isnull=False))
                | (models.Q(kind=LenientKind.NO_PENALTY) & ~models.Q(item_code="")),
                name="lenient_entry_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject or self.item_code}"
