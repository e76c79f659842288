"""The case page's 执法监督 banner: the open 监督事项 about the case (the handling agency sees it while
an item is open), and for a supervisor the one-action 发起监督 button."""

from zhifa.core import access

from . import selectors
from .transitions import SUPERVISE


def case_banner(case, user) -> dict:
    return {
        "supervision_items": selectors.open_items_of_case(user, case),
        "can_supervise_case": access.can(user, SUPERVISE, case.agency) and user.has_perm(SUPERVISE),
    }
