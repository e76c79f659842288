"""工作台 item of the equipment register: for the justice bureau's supervisors, one item summing up the
agencies of their region below the equipment standard (how many, how many devices short, the worst first
by name), linking to the ratio page filtered to them. One query (selectors.below_standard)."""

from django.urls import reverse

from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.core.workbench import PendingItem

from .selectors import below_standard
from .transitions import MANAGE_STANDARD

CATEGORY = "音像记录设备"
NAMED = 5  # agencies named in the item's note; the page lists them all


def below_ratio(user) -> list[PendingItem]:
    """The agencies the user sets standards for (a bureau: its region; a 司法所 only itself) below theirs."""
    if (
        not getattr(user, "is_authenticated", False)
        or not user.is_active
        or not user.has_perm(MANAGE_STANDARD)
    ):
        return []
    agencies = access.visible_to(user, Agency.objects.filter(active=True), MANAGE_STANDARD)
    rows = sorted(below_standard(agencies), key=lambda row: (-row.shortfall, row.agency.name, row.agency.pk))
    if not rows:
        return []
    named = "、".join(f"{row.agency.name}缺{row.shortfall}台" for row in rows[:NAMED])
    more = f"等{len(rows)}个机关" if len(rows) > NAMED else ""
    return [
        PendingItem(
            CATEGORY,
            f"{len(rows)}个机关的音像记录设备低于配备标准，共缺{sum(row.shortfall for row in rows)}台",
            f"{reverse('equipment:ratios')}?below=1",
            note=named + more,
        )
    ]
