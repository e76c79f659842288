"""管辖争议 over a refused transfer (seed 004 五(三)4: 协商未果的，可提请县司法局决定; 六(四): 职责分工争议
先予协同处置，由县委编办协调，协商不成的提请县政府决定). Opened by either party; the decision — of the
司法局, or of the 县政府 after 编办 — is recorded by the region's justice bureau (执法监督人员), and the
transfer goes to the decided agency."""

from django.db import transaction

from zhifa.core import access, kit
from zhifa.core.kit import Actor

from ..models import Dispute, Transfer
from ..transfers import services as transfers
from ..transfers.choices import DisputeForum, DisputeStatus
from ..transfers.transitions import DECIDE, MACHINE, SEND

SIDES = {"receiver": "接收机关", "sender": "移送机关"}


def _party(actor: Actor, transfer: Transfer) -> Transfer:
    """Either party may bring the dispute: the sender with its send permission, the receiver as receiver."""
    if access.is_system(actor) or actor.agency_id != transfer.receiver_id:
        return kit.locked(transfers.TRANSFERS, transfer, actor=actor, perm=SEND)
    return transfers.receiving(actor, transfer)


@transaction.atomic
def dispute_open(*, actor: Actor, transfer: Transfer, forum: str, reason: str, interim: str = "") -> Dispute:
    """提请管辖争议 after a refusal: to the 司法局, or to 编办 for a duty boundary (first 先予协同处置)."""
    transfer = _party(actor, transfer)
    MACHINE.require(transfer, "dispute")
    if forum not in DisputeForum.values:
        kit.refuse("forum", "请选择提请的机关")
    if not reason.strip():
        kit.refuse("reason", "请填写争议事由")
    if forum == DisputeForum.BIANBAN and not interim.strip():
        kit.refuse("interim", "职责分工争议须先对违法行为予以协同处置，请填写先予协同处置情况")
    dispute = Dispute.objects.create(
        transfer=transfer, forum=forum, reason=reason.strip(), interim=interim.strip(), opened_by=actor
    )
    MACHINE.move(transfer, "dispute", actor=actor, payload={"forum": forum, "reason": dispute.reason})
    return dispute


@transaction.atomic
def dispute_decide(*, actor: Actor, dispute: Dispute, side: str, decision: str, organ: str = "") -> Dispute:
    """录入争议决定: `side` ("receiver"/"sender") gets the matter; for the receiver its case is opened."""
    transfer = kit.locked(transfers.TRANSFERS, dispute.transfer, actor=actor, perm=DECIDE)
    dispute = Dispute.objects.select_for_update(of=("self",)).get(pk=dispute.pk)
    MACHINE.require(transfer, "decide")
    if dispute.status != DisputeStatus.OPEN:
        kit.refuse("status", "该争议已作出决定")
    if side not in SIDES:
        kit.refuse("side", "请选择决定管辖的机关")
    if not decision.strip():
        kit.refuse("decision", "请填写决定内容")
    if dispute.forum == DisputeForum.BIANBAN and not organ.strip():
        kit.refuse("organ", "职责分工争议由县政府决定，请填写作出决定的机关")
    organ = organ.strip() or (actor.agency.name if actor is not None and actor.agency_id else "")
    decided = transfer.receiver if side == "receiver" else transfer.agency
    dispute.status = DisputeStatus.DECIDED
    dispute.decided_agency = decided
    dispute.decision = decision.strip()
    dispute.decided_by_organ = organ
    dispute.decided_by = actor
    dispute.decided_at = transfers.clocks.now()
    dispute.save()
    if side == "receiver":
        transfers.accept_on_decision(transfer, actor=actor)
    MACHINE.move(
        transfer,
        "decide",
        actor=actor,
        variant=side,
        fields=("receiver_case",) if side == "receiver" else (),
        payload={"agency": decided.pk, "organ": organ, "decision": dispute.decision},
    )
    return dispute
