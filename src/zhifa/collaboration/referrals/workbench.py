"""工作台 of referrals: the leader's referrals to approve (3 days), the handler's approved ones to transfer
(24 hours), overdue first."""

from django.urls import reverse

from zhifa.collaboration.models import Referral
from zhifa.core import access
from zhifa.core.workbench import PendingItem

from .choices import ReferralStatus
from .transitions import APPROVE, HANDLE, is_overdue

LIMIT = 50


def _item(r: Referral, what: str, due) -> PendingItem:
    return PendingItem(
        "协同执法",
        f"{r.get_kind_display()}（{r.organ}）：{r.party or r.facts[:20]}（{what}）",
        reverse("collaboration:referral_detail", args=[r.pk]),
        due=due,
        overdue=is_overdue(r),
    )


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    found = []
    rows = Referral.objects.select_related("agency").filter(agency_id=user.agency_id)
    if user.has_perm(APPROVE):
        waiting = access.visible_to(user, rows, APPROVE).filter(status=ReferralStatus.REPORTED)
        found += [_item(r, "待审批", r.approval_due) for r in waiting.order_by("approval_due")[:LIMIT]]
    if user.has_perm(HANDLE):
        approved = access.visible_to(user, rows, HANDLE).filter(status=ReferralStatus.APPROVED)
        found += [
            _item(r, "已批准待移送", r.transfer_due_at.date() if r.transfer_due_at else None)
            for r in approved.order_by("transfer_due_at")[:LIMIT]
        ]
    return found
