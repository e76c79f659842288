"""行刑衔接 and the other referrals (seed 002 (八); seed 004 六(三); 国务院令第310号; 行政强制法)."""

from django.db import models


class ReferralKind(models.TextChoices):
    CRIMINAL = "criminal", "涉嫌犯罪案件移送公安机关"
    REVERSE = "reverse", "公安、检察机关移送（反向移送）"
    CLUE = "clue", "问题线索移送纪检监察机关"
    COURT = "court", "申请人民法院强制执行"


class ReferralStatus(models.TextChoices):
    REPORTED = "reported", "待负责人审批"
    APPROVED = "approved", "已批准待移送"
    REJECTED = "rejected", "不批准移送"
    TRANSFERRED = "transferred", "已移送"
    RECEIVED = "received", "已接收待处理"
    ACCEPTED = "accepted", "已立案（受理）"
    NOT_FILED = "not_filed", "不予立案（不予受理）"
    RETURNED = "returned", "退回"
    APPLIED = "applied", "已申请待裁定"
    CONCLUDED = "concluded", "已办结"


# a criminal referral in these states is open: the case cannot be closed with only a fine (不得以罚代刑)
OPEN_STATUSES = (
    ReferralStatus.REPORTED,
    ReferralStatus.APPROVED,
    ReferralStatus.TRANSFERRED,
    ReferralStatus.ACCEPTED,
)

ORGAN_LABELS = {
    ReferralKind.CRIMINAL: "公安机关",
    ReferralKind.REVERSE: "移送机关（公安机关或人民检察院）",
    ReferralKind.CLUE: "纪检监察机关",
    ReferralKind.COURT: "人民法院",
}
