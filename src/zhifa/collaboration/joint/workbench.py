"""工作台 of 联合执法: the office sees applications and reports to decide, the leader plans to approve, each
department its shares to register as cases and the hand-overs it was called to."""

from django.urls import reverse

from zhifa.collaboration.models import FindingShare, Handover, JointAction, LeadingGroup
from zhifa.core.workbench import PendingItem

from .choices import ActionStatus, HandoverStatus

LIMIT = 30
CATEGORY = "联合执法"


def _link(action_id: int) -> str:
    return reverse("collaboration:joint_detail", args=[action_id])


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return []
    if not user.has_perm("collaboration.manage_joint"):
        return []
    found: list[PendingItem] = []
    office = JointAction.objects.filter(office_id=user.agency_id)
    for action in office.filter(status__in=[ActionStatus.APPLIED, ActionStatus.REPORTED]).order_by(
        "starts_on"
    )[:LIMIT]:
        what = "专项联合执法申请待审批" if action.status == ActionStatus.APPLIED else "应急联合执法待拟定方案"
        found.append(
            PendingItem(CATEGORY, f"{action.title}（{what}）", _link(action.pk), due=action.starts_on)
        )
    groups = LeadingGroup.objects.filter(leader_id=user.pk).values("office_id")
    for action in JointAction.objects.filter(office_id__in=groups, status=ActionStatus.DRAFTED)[:LIMIT]:
        found.append(PendingItem(CATEGORY, f"{action.title}（应急方案待组长批准）", _link(action.pk)))
    shares = FindingShare.objects.filter(agency_id=user.agency_id, case__isnull=True).select_related(
        "finding"
    )
    for share in shares.order_by("pk")[:LIMIT]:
        found.append(
            PendingItem(
                CATEGORY,
                f"联合执法发现的问题待立案：{share.finding.party_name}",
                _link(share.finding.action_id),
            )
        )
    handovers = Handover.objects.filter(agency_id=user.agency_id).exclude(status=HandoverStatus.HANDED_OVER)
    for handover in handovers.select_related("finding")[:LIMIT]:
        found.append(
            PendingItem(
                CATEGORY,
                f"联合执法现场交接（{handover.get_status_display()}）：{handover.finding.party_name}",
                _link(handover.finding.action_id),
            )
        )
    return found
