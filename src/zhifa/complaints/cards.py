"""工作台 key figures of 投诉举报 for the 执法监督人员 and the agency's leaders: complaints waiting to be
accepted, overdue ones, and all not yet closed in their scope. One aggregate query; each figure links to
the filtered list."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from zhifa.accounts.choices import RoleCode
from zhifa.core import access
from zhifa.core.workbench import CardSet, Figure, count

from .choices import Status
from .models import Complaint
from .selectors import overdue_q
from .transitions import VIEW

ROLES = {RoleCode.SUPERVISOR, RoleCode.AGENCY_HEAD, RoleCode.UNIT_HEAD}


def _url(**query) -> str:
    url = reverse("complaints:list")
    return f"{url}?{urlencode(query)}" if query else url


def cards(user) -> list[CardSet]:
    if not (ROLES & user.role_codes) or not user.has_perm(VIEW):
        return []
    figures = access.visible_to(user, Complaint.objects.all(), VIEW).aggregate(
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        overdue=Count("pk", filter=overdue_q()),
        open=Count("pk", filter=~Q(status=Status.CLOSED)),
    )
    return [
        CardSet(
            "投诉举报",
            (
                Figure("受理待定", count(figures["pending"]), _url(status=Status.PENDING)),
                Figure("逾期未办", count(figures["overdue"]), _url(overdue=1), alert=True),
                Figure("未办结", count(figures["open"]), _url()),
            ),
            order=40,
        )
    ]
