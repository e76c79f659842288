"""What 典型案例 adds to earlier apps' pages: a card on the case page (推荐 when the case is closed) and
the list of published 指导案例 on the catalogue item's public page (slot "public_item")."""

from django.core.exceptions import PermissionDenied

from zhifa.core import access

from . import selectors
from .models import Exemplar
from .services import CLOSED
from .transitions import PROPOSE, VIEW


def _may_propose(user, case) -> bool:
    try:
        access.require_for_agency(user, PROPOSE, case.agency)
    except PermissionDenied:
        return False
    return True


def case_panel(case, user) -> dict:
    exemplar = access.visible_to(user, Exemplar.objects.filter(case=case), VIEW).first()
    can_propose = exemplar is None and case.status in CLOSED and _may_propose(user, case)
    return {"exemplar": exemplar, "can_propose": can_propose}


def item_panel(item, user) -> dict:
    return {"guiding_cases": selectors.published_for_item(item.code)}
