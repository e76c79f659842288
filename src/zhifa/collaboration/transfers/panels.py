"""On the case page (a cases.panels Panel): the transfers of the case — sent from it, or the transfer it was
opened from — and, for whoever may transfer for the case's agency, 移送本案 (at any stage)."""

from django.db.models import Q

from zhifa.core import access

from . import selectors
from .transitions import SEND


def case_panel(case, user) -> dict:
    rows = selectors.transfers_visible_to(user).filter(Q(case=case) | Q(receiver_case=case))
    return {
        "case_transfers": list(rows.order_by("-created_at")[:10]),
        "can_transfer_case": user.has_perm(SEND) and access.can(user, SEND, case.agency),
    }
