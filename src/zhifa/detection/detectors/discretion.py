"""决定超出裁量基准未说明理由: a penalty decision whose fine lies outside the benchmark's recommended range
(the range stored on the decision when it was made, `recommended_min`—`recommended_max`) by more than the
tolerance, with no 偏离裁量基准的理由 written (seed 000 §14 说理; 行政处罚法 第三十四条).

v1. Parameter: 容差 tolerance_pct (default 0 %: any amount outside the range)."""

from decimal import Decimal

from django.db.models import F, Q
from django.db.models.functions import Trim

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Decision

from ..framework import Context, Found, Model, Param, level_label, money
from . import _links


def _outside(tolerance) -> Q:
    pct = Decimal(str(tolerance)) / 100
    return Q(fine__lt=F("recommended_min") * (1 - pct)) | Q(
        recommended_max__isnull=False, fine__gt=F("recommended_max") * (1 + pct)
    )


def find(ctx: Context):
    rows = (
        ctx.scoped(Decision.objects, "case__agency__region__path")
        .filter(kind=DecisionKind.PENALTY, fine__isnull=False, recommended_min__isnull=False)
        .annotate(stated=Trim("deviation_reason"))
        .filter(stated="")
        .filter(ctx.where("tolerance_pct", "case__agency__region__path", _outside))
        .values_list(
            "case_id",
            "case__agency_id",
            "case__number",
            "case__summary",
            "fine",
            "recommended_min",
            "recommended_max",
            "level",
        )
    )
    for case_id, agency_id, number, summary, fine, low, high, level in rows:
        span = f"{money(low)}—{money(high)}" if high is not None else f"不低于{money(low)}"
        gap = (low - fine) if fine < low else fine - high
        yield Found(
            key=f"case:{case_id}",
            agency_id=agency_id,
            case_id=case_id,
            subject=f"案件{number or case_id}（{summary}）",
            reason=(
                f"罚款{money(fine)}，“{level_label(level)}”情节的裁量基准推荐范围为{span}，"
                f"偏离{money(gap)}，决定未说明偏离裁量基准的理由"
            ),
            evidence=[_links.case(case_id, number)],
            measure=gap,
        )


MODELS = [
    Model(
        code="discretion",
        name="决定超出裁量基准未说明理由",
        version="1",
        summary="罚款金额超出裁量基准推荐范围（可设容差），且决定未说明偏离理由。",
        find=find,
        params=(Param("tolerance_pct", "容差", 0, "%", decimal=True),),
        category="fines",
    )
]
