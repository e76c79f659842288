"""有案不立: a complaint or report about an enforceable matter (a catalogue 执法事项) that its agency accepted
and that led to no case within the period (行政执法监督条例: complaints from every channel analysed). The
complaints app decides which complaints are late — `complaints.selectors.unfiled`: accepted, about an item,
past its 应立案判断期限 `case_due` (受理 + ZHIFA_COMPLAINT_CASE_WORKDAYS working days, per region), no case
linked, not merged into another. This model adds a grace per region and says why. One query.

v1. Parameter: 宽限天数 grace_days (default 0: any complaint past its period)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Q

from zhifa.complaints.models import Complaint
from zhifa.complaints.selectors import unfiled

from ..framework import Context, Found, Model, Param
from . import _links

PATH = "agency__region__path"


def find(ctx: Context):
    rows = (
        unfiled(on=ctx.today, queryset=ctx.scoped(Complaint.objects, PATH))
        .filter(
            ctx.where("grace_days", PATH, lambda days: Q(case_due__lt=ctx.today - timedelta(days=int(days))))
        )
        .values_list(
            "pk",
            "number",
            "title",
            "agency_id",
            "item_id",
            "item__name",
            "item_code",
            "accepted_on",
            "case_due",
        )
    )
    for pk, number, title, agency_id, item_id, item, code, accepted, due in rows:
        late = (ctx.today - due).days
        evidence = [
            _links.row(
                f"投诉举报{number or pk}", _links.url("complaints:detail", pk), "complaints.complaint", pk
            )
        ]
        if item_id:
            evidence.append(
                _links.row(
                    f"执法事项{item}",
                    _links.url("catalog:item_detail", item_id),
                    "catalog.enforcementitem",
                    item_id,
                )
            )
        yield Found(
            key=f"complaint:{pk}",
            agency_id=agency_id,
            subject=f"投诉举报{number or pk}（{title}）",
            reason=(
                f"投诉举报涉及执法事项“{item}”（{code}），{accepted:%Y-%m-%d}受理，应于{due:%Y-%m-%d}前作出"
                f"是否立案的判断，已过{late}日仍未立案"
            ),
            evidence=evidence,
            measure=Decimal(late),
        )


MODELS = [
    Model(
        code="not_filing",
        name="有案不立",
        version="1",
        summary="投诉举报涉及执法事项，受理后超过应立案判断期限（可设宽限天数）仍未立案（合并的重复件除外）。",
        find=find,
        params=(Param("grace_days", "宽限天数", 0, "日"),),
        category="not_filing",
    )
]
