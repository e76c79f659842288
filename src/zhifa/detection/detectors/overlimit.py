"""办案超期: a registered case not yet decided whose 办案期限 (`decision_due`: 立案 + 90 days, plus an
approved extension; 行政处罚法 第六十条) has passed by more than the grace days.

v1. Parameter: 宽限天数 grace_days (default 0)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Q

from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case

from ..framework import Context, Found, Model, Param
from . import _links
from ._expr import day, iso

OPEN = (CaseStatus.INVESTIGATING, CaseStatus.REVIEWING, CaseStatus.NOTIFIED, CaseStatus.HEARING)


def find(ctx: Context):
    rows = (
        ctx.scoped(Case.objects, "agency__region__path")
        .filter(status__in=OPEN, decision_due__isnull=False)
        .filter(
            ctx.where(
                "grace_days",
                "agency__region__path",
                lambda days: Q(decision_due__lt=ctx.today - timedelta(days=int(days))),
            )
        )
        .annotate(registered=iso("registered_on"), due=iso("decision_due"))
        .values_list("pk", "agency_id", "number", "summary", "registered", "due", "status")
        .order_by()
    )
    labels = dict(CaseStatus.choices)
    for pk, agency_id, number, summary, registered, due, status in rows:
        late = (ctx.today - day(due)).days
        yield Found(
            key=f"case:{pk}",
            agency_id=agency_id,
            case_id=pk,
            subject=f"案件{number or pk}（{summary}）",
            reason=(
                f"{registered}立案，办案期限{due}已过{late}日，案件仍处于“{labels[status]}”阶段，未作出决定"
            ),
            evidence=[_links.case(pk, number)],
            measure=Decimal(late),
        )


MODELS = [
    Model(
        code="overlimit",
        name="案件超期未办结",
        version="1",
        summary="已立案未作出决定的案件，超过办案期限（立案之日起九十日，含批准的延长）加宽限天数。",
        find=find,
        params=(Param("grace_days", "宽限天数", 0, "日"),),
        category="other",
    )
]
