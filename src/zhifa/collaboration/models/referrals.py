"""行刑衔接 and the other referrals (seed 002 (八); seed 004 六(三)): a suspected crime to the public security
organ (国务院令第310号: approval within 3 days, transfer within 24 hours of it), cases from the police or the
procuratorate (反向移送), problem clues to 纪检监察, and the application to the court for compulsory execution
(行政强制法 第五十三条、第五十四条). The other side is an organ outside the platform, named on the row."""

from django.conf import settings
from django.db import models

from zhifa.cases.models import Case
from zhifa.core.models import Agency

from ..referrals.choices import ReferralKind, ReferralStatus

USER = settings.AUTH_USER_MODEL


class Referral(models.Model):
    """One referral between an agency and an organ outside it (公安、检察、纪检监察、法院)."""

    kind = models.CharField("移送类别", max_length=16, choices=ReferralKind.choices)
    agency = models.ForeignKey(
        Agency, verbose_name="行政执法机关", on_delete=models.PROTECT, related_name="+"
    )
    organ = models.CharField("对方机关", max_length=128)
    case = models.ForeignKey(
        Case, verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    party = models.CharField("当事人（涉嫌人）", max_length=128, blank=True)
    facts = models.TextField("事实和理由")
    materials = models.TextField("移送材料清单", blank=True)
    flagged_in_review = models.BooleanField("法制审核载明涉嫌犯罪", default=False)
    status = models.CharField("状态", max_length=16, choices=ReferralStatus.choices)
    reported_at = models.DateTimeField("报批（接收）时间")
    approval_due = models.DateField("审批期限", null=True, blank=True)
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, verbose_name="批准人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transfer_due_at = models.DateTimeField("移送期限", null=True, blank=True)
    transferred_at = models.DateTimeField("移送时间", null=True, blank=True)
    outcome_on = models.DateField("结果日期", null=True, blank=True)
    outcome = models.TextField("处理结果", blank=True)
    reason = models.TextField("理由", blank=True)
    # 申请人民法院强制执行 (行政强制法 第五十三条、第五十四条)
    reminded_on = models.DateField("催告书送达日期", null=True, blank=True)
    period_ends_on = models.DateField("复议、诉讼期限届满日", null=True, blank=True)
    apply_due = models.DateField("申请期限", null=True, blank=True)
    applied_on = models.DateField("申请日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="经办人", null=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "移送与衔接"
        ordering = ["-reported_at", "-id"]
        permissions = [
            ("handle_referral", "办理移送（报批、移送、登记结果）"),
            ("approve_referral", "批准移送（机关负责人）"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "reported_at"]),
            models.Index(fields=["case", "kind", "status"]),
            models.Index(fields=["status", "approval_due"]),
            # the list's sortable columns (referrals.selectors.REFERRAL_SORTS) within one agency
            models.Index(fields=["agency", "reported_at", "id"], name="referral_agency_reported"),
            models.Index(fields=["agency", "kind", "reported_at", "id"], name="referral_agency_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.organ}"
