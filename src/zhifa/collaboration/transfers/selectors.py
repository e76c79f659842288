"""Reads of 案件移送, scoped: both parties see a transfer (the sender by jurisdiction, the receiver by the
view grant of `grant_receivers`), supervisors (司法局) of the sender's region by their REGION scope; nobody
else (404)."""

from django.db.models import Q, QuerySet

from zhifa.core import access
from zhifa.core.sorting import SortColumn, Sorts

from ..models import Dispute, Transfer
from .choices import TransferStatus
from .transitions import APPROVE, DECIDE, MACHINE, RECEIVE, SEND, VIEW

# The list's sortable columns on the core list kit (indexes: collaboration 0005, by the sender and by the
# receiver); the default (no or an unknown `sort`) stays the newest registered first. The former values
# `-created`, `created`, `due`, `-due` still parse.
TRANSFER_SORTS = Sorts(
    SortColumn("created", "登记时间", ("created_at",)),
    SortColumn("due", "移送期限", ("due_on",)),
    SortColumn("status", "状态", ("status", "due_on")),
    default=("-created_at", "-id"),
)


def grant_receivers() -> None:
    """The receiving agency sees what was sent to it — once sent, not while awaiting the sender's approval —
    and its dispute."""
    unsent = [TransferStatus.PENDING, TransferStatus.WITHDRAWN]
    access.grant_view(
        Transfer,
        {VIEW},
        lambda user: (
            Q(receiver_id=user.agency_id) & ~Q(status__in=unsent) if user.agency_id else Q(pk__in=[])
        ),
    )
    access.grant_view(
        Dispute,
        {"collaboration.view_dispute"},
        lambda user: Q(transfer__receiver_id=user.agency_id) if user.agency_id else Q(pk__in=[]),
    )


def transfers_visible_to(user) -> QuerySet[Transfer]:
    return access.visible_to(
        user, Transfer.objects.select_related("agency", "receiver", "case", "receiver_case"), VIEW
    )


def transfer_list(
    user, *, view: str = "", q: str = "", status: str = "", sort: str = ""
) -> QuerySet[Transfer]:
    """`view`: "in" 待接收/收到的, "out" 已发出, else all the user sees."""
    rows = transfers_visible_to(user)
    if view == "in":
        rows = rows.filter(receiver_id=user.agency_id)
    elif view == "out":
        rows = rows.filter(agency_id=user.agency_id)
    if status in TransferStatus.values:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(
            Q(summary__icontains=q)
            | Q(number__icontains=q)
            | Q(party_name__icontains=q)
            | Q(item_code__icontains=q)
        )
    return TRANSFER_SORTS.parse(sort).apply(rows)


def may(user, transfer: Transfer, action: str) -> bool:
    """Whether `user` is the one to take `action` on the transfer, whatever its status (the status is the
    service's to refuse): the receiver's steps to a user of the receiving agency, a dispute to either
    party, the others by the permission on the transfer."""
    if access.is_system(user):
        return True
    perm = MACHINE.first(action).perm
    receiver = user.agency_id == transfer.receiver_id and user.has_perm(RECEIVE)
    if perm == RECEIVE or (action == "dispute" and receiver):
        return receiver
    return user.has_perm(perm) and access.can(user, perm, transfer)


def offered_actions(user, transfer: Transfer) -> list[str]:
    """The actions of the table the user may take on this transfer now (pages and the API): the sender's
    by its permissions on the transfer, the receiver's to a user of the receiving agency; either party
    may bring a refused transfer to a dispute."""
    if access.is_system(user):
        return MACHINE.available(transfer.status, {t.perm for t in MACHINE.table})
    receiver = user.agency_id == transfer.receiver_id and user.has_perm(RECEIVE)
    perms = {RECEIVE} if receiver else set()
    perms |= {p for p in (SEND, APPROVE, DECIDE) if access.can(user, p, transfer)}
    actions = MACHINE.available(transfer.status, perms)
    if receiver and transfer.status == TransferStatus.REFUSED and "dispute" not in actions:
        actions.append("dispute")
    return actions


def disputes_visible_to(user) -> QuerySet[Dispute]:
    return access.visible_to(
        user,
        Dispute.objects.select_related(
            "transfer", "transfer__agency", "transfer__receiver", "decided_agency"
        ),
        "collaboration.view_dispute",
    )
