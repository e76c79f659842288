"""以罚代管: the same party fined by the same agency for the same 执法事项 (item code) at least `times`
times within `window_days` — fining again instead of making the party comply. The party is its 统一社会
信用代码, else its 身份证号码. One grouped query.

v1. Parameters: 次数 times (default 3), 统计天数 window_days (default 365)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Case

from ..framework import Context, Found, Model, Param, money
from . import _links

PATH = "case__agency__region__path"


def find(ctx: Context):
    fines = ctx.scoped(Case.items.through.objects, PATH)
    through = fines.filter(case__decision__kind=DecisionKind.PENALTY, case__decision__fine__gt=0).filter(
        ctx.where(
            "window_days",
            PATH,
            lambda days: Q(case__decision__decided_on__gte=ctx.today - timedelta(days=int(days))),
        )
    )
    party = Coalesce(NullIf(F("case__party_credit_code"), Value("")), F("case__party_id_number"))
    rows = (
        through.annotate(party=party)
        .values("case__agency_id", "party", "enforcementitem__code")
        .annotate(
            n=Count("case_id", distinct=True),
            fines=Sum("case__decision__fine"),
            last=Max("case_id"),
            name=Max("case__party_name"),
            item=Max("enforcementitem__name"),
            path=Max(PATH),
        )
        .filter(ctx.where("times", "path", lambda times: Q(n__gte=int(times))))
        .values_list(
            "case__agency_id", "party", "enforcementitem__code", "n", "fines", "last", "name", "item"
        )
        .order_by()
    )
    case_list = reverse("cases:case_list")
    for agency_id, party, code, n, fines, last, name, item in rows:
        yield Found(
            key=f"party:{party}:item:{code}:agency:{agency_id}",
            agency_id=agency_id,
            case_id=last,
            subject=f"当事人{name}",
            reason=(
                f"当事人{name}因“{item}”（{code}）被同一机关罚款{n}次，合计{money(fines)}，"
                "多次处罚未见整改成效，存在以罚代管之嫌"
            ),
            evidence=[
                _links.case(last, "（最近一件）"),
                [f"{name}的全部案件", f"{case_list}?q={name}", "", 0],
            ],
            measure=Decimal(n),
        )


MODELS = [
    Model(
        code="repeat_fine",
        name="以罚代管",
        version="1",
        summary="同一当事人在统计天数内因同一执法事项被同一机关罚款达到规定次数。",
        find=find,
        params=(Param("times", "次数", 3, "次", minimum=2), Param("window_days", "统计天数", 365, "日")),
        category="fine_instead",
    )
]
