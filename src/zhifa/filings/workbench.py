"""工作台 items of 备案: for the justice bureau's supervisors, the filings waiting for their examination
(with the review period, overdue first); for the filers, the filings returned to them. At most MAX_ITEMS
of each, two queries per call."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.workbench import PendingItem

from .choices import FilingStatus
from .models import Filing
from .transitions import ACKNOWLEDGE, SUBMIT

CATEGORY = "备案审查"
CATEGORY_RETURNED = "备案退回"
MAX_ITEMS = 20


def pending(user) -> list[PendingItem]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    from django.utils import timezone

    today = timezone.localdate()
    items: list[PendingItem] = []
    if user.has_perm(ACKNOWLEDGE):
        waiting = access.visible_to(user, Filing.objects.select_related("agency"), ACKNOWLEDGE).filter(
            status=FilingStatus.SUBMITTED
        )
        items += [
            PendingItem(
                CATEGORY,
                f"{f.agency.name}报送的{f.get_kind_display()}“{f.title}”待备案审查",
                reverse("filings:filing_detail", args=[f.pk]),
                due=f.due_on,
                overdue=f.due_on < today,
            )
            for f in waiting.order_by("due_on", "id")[:MAX_ITEMS]
        ]
    if user.has_perm(SUBMIT):
        returned = access.visible_to(user, Filing.objects.all(), SUBMIT).filter(status=FilingStatus.RETURNED)
        items += [
            PendingItem(
                CATEGORY_RETURNED,
                f"{f.get_kind_display()}“{f.title}”被退回，请修改后重新报送",
                reverse("filings:filing_detail", args=[f.pk]),
            )
            for f in returned.order_by("-id")[:MAX_ITEMS]
        ]
    return items
