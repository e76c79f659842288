"""The referrals' one table (record prefix "referral"):

涉嫌犯罪、问题线索: 报批 → 待负责人审批 —批准（3日内）→ 已批准待移送 —移送（24小时内）→ 已移送 —登记立案→ 已立案 —办结→
已办结; 不批准 / 不予立案 / 退回 each with its reason.
反向移送: 接收 → 已接收待处理 —受理→ 已立案（受理） / —不予受理（理由）→ 不予立案（不予受理）.
申请人民法院强制执行: 申请 → 已申请待裁定 —登记裁定结果→ 已办结."""

from zhifa.cases.machine import START, Machine, Transition

from . import clocks
from .choices import ReferralStatus

HANDLE = "collaboration.handle_referral"
APPROVE = "collaboration.approve_referral"
VIEW = "collaboration.view_referral"

S = ReferralStatus
T = Transition


def is_overdue(referral, on=None) -> bool:
    from django.utils import timezone

    day = on or clocks.today()
    if referral.status == S.REPORTED and referral.approval_due:
        return day > referral.approval_due
    if referral.status == S.APPROVED and referral.transfer_due_at:
        return timezone.now() > referral.transfer_due_at
    return False


TABLE: tuple[Transition, ...] = (
    T("report", "报请移送", HANDLE, (START,), S.REPORTED, rule="涉嫌犯罪案件、问题线索报机关负责人审批"),
    T("receive", "接收反向移送", HANDLE, (START,), S.RECEIVED, rule="公安机关、人民检察院移送的案件"),
    T("apply", "申请人民法院强制执行", HANDLE, (START,), S.APPLIED,
      rule=f"复议、诉讼期限届满之日起{clocks.APPLY_MONTHS}个月内；催告书送达{clocks.REMINDER_DAYS}日后"),
    T("approve", "批准移送", APPROVE, (S.REPORTED,), S.APPROVED, rule=f"接到报告之日起{clocks.APPROVAL_DAYS}日内"),
    T("reject", "不批准移送", APPROVE, (S.REPORTED,), S.REJECTED, rule="须将不予批准的理由记录在案"),
    T("transfer", "移送", HANDLE, (S.APPROVED,), S.TRANSFERRED, rule=f"批准后{clocks.TRANSFER_HOURS}小时内"),
    T("accept", "登记立案（受理）", HANDLE, (S.TRANSFERRED, S.RECEIVED), S.ACCEPTED),
    T("not-file", "登记不予立案（不予受理）", HANDLE, (S.TRANSFERRED, S.RECEIVED), S.NOT_FILED, rule="须写明理由"),
    T("return", "登记退回", HANDLE, (S.TRANSFERRED,), S.RETURNED, rule="须写明理由"),
    T("conclude", "登记处理结果", HANDLE, (S.ACCEPTED, S.APPLIED), S.CONCLUDED),
)  # fmt: skip

MACHINE = Machine(ReferralStatus, TABLE, record_prefix="referral", subject="移送", start_label="发现")


def offered(user, referral) -> list[str]:
    from zhifa.core import access

    perms = {p for p in (HANDLE, APPROVE) if access.can(user, p, referral)}
    return MACHINE.offered(referral, perms)
