"""工作台 key figure of the 线索中心 for the 执法监督人员: detection hits waiting to be confirmed or
dismissed in their region. One aggregate query; the figure links to the filtered hit list."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from zhifa.accounts.choices import RoleCode
from zhifa.core import access
from zhifa.core.workbench import CardSet, Figure, count

from .choices import HitStatus
from .models import Hit
from .transitions import VIEW


def cards(user) -> list[CardSet]:
    if RoleCode.SUPERVISOR not in user.role_codes or not user.has_perm(VIEW):
        return []
    figures = access.visible_to(user, Hit.objects.all(), VIEW).aggregate(
        open=Count("pk", filter=Q(status=HitStatus.OPEN)),
        confirmed=Count("pk", filter=Q(status=HitStatus.CONFIRMED)),
    )
    url = reverse("detection:hit_list")
    return [
        CardSet(
            "问题线索",
            (
                Figure(
                    "待核实线索", count(figures["open"]), f"{url}?{urlencode({'status': HitStatus.OPEN})}"
                ),
                Figure(
                    "已确认线索",
                    count(figures["confirmed"]),
                    f"{url}?{urlencode({'status': HitStatus.CONFIRMED})}",
                ),
            ),
            order=35,
        )
    ]
