"""The case page's 行刑衔接 card (a cases.panels panel): the case's referrals, the crime flag of its 法制审核, and
the buttons 移送公安机关 and 申请法院强制执行 for whoever may take them."""

from zhifa.core import access

from . import selectors
from .services import flagged_in_review, open_criminal
from .transitions import HANDLE


def case_card(case, user) -> dict:
    may = user.has_perm(HANDLE) and access.can(user, HANDLE, case.agency)
    referrals = selectors.referrals_of_case(user, case)
    return {
        "case_referrals": referrals,
        "crime_flagged": flagged_in_review(case),
        "open_criminal": open_criminal(case) if referrals else None,
        "may_refer": may and case.registered_on is not None,
    }
