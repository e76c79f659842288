"""同案不同罚: among penalty decisions with a fine for the same 执法事项 (by item code, across catalogue
versions) and the same 裁量情节, a fine far from what the rest of its group was fined.

Rule (v1, documented choice): in a group of at least `min_group` fines, a fine is an outlier when it is
more than `ratio` times the mean of the other fines of its group, or less than that mean divided by
`ratio` (leave-one-out mean: the outlier itself does not pull the centre, and the mean of the others is
(group sum − own fine) ÷ (group size − 1), two window aggregates that SQLite and PostgreSQL both compute
in one query — a median or quartiles would need percentile functions SQLite lacks). A fine outside the
benchmark is the `discretion` model's.

Parameters: 倍数 ratio (default 3), 最少案件数 min_group (default 5)."""

from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum, Window
from django.db.models.functions import NullIf

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Case

from ..framework import Context, Found, Model, Param, level_label, money
from . import _links

PATH = "case__agency__region__path"


def _grouped(ctx: Context):
    group = [F("enforcementitem__code"), F("case__decision__level")]
    return (
        ctx.scoped(Case.items.through.objects, PATH)
        .filter(case__decision__kind=DecisionKind.PENALTY, case__decision__fine__isnull=False)
        .annotate(
            fine=F("case__decision__fine"),
            size=Window(Count("pk"), partition_by=group),
            total=Window(Sum("case__decision__fine"), partition_by=group),
        )
        .annotate(
            others=ExpressionWrapper(
                (F("total") - F("fine")) / NullIf(F("size") - 1, 0),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
    )


def _outlier(ctx: Context) -> Q:
    def far(ratio) -> Q:
        r = Decimal(str(ratio))
        return Q(fine__gt=F("others") * r) | Q(fine__lt=F("others") / r)

    return ctx.where("min_group", PATH, lambda n: Q(size__gte=n)) & ctx.where("ratio", PATH, far)


def find(ctx: Context):
    rows = (
        _grouped(ctx)
        .filter(_outlier(ctx))
        .values_list(
            "case_id",
            "case__agency_id",
            "case__number",
            "case__summary",
            "enforcementitem__code",
            "enforcementitem__name",
            "case__decision__level",
            "fine",
            "size",
            "others",
        )
    )
    for case_id, agency_id, number, summary, code, item, level, fine, size, others in rows:
        fine, others = Decimal(fine), Decimal(others).quantize(Decimal("0.01"))
        times = fine / others if others else Decimal(0)
        yield Found(
            key=f"case:{case_id}:item:{code}",
            agency_id=agency_id,
            case_id=case_id,
            subject=f"案件{number or case_id}（{summary}）",
            reason=(
                f"“{item}”（{code}）“{level_label(level)}”情节的{size}件罚款案件中，本案罚款{money(fine)}，"
                f"其余{size - 1}件平均罚款{money(others)}，为其{times:.2f}倍"
            ),
            evidence=[_links.case(case_id, number)],
            measure=times.quantize(Decimal("0.01")),
        )


MODELS = [
    Model(
        code="disparity",
        name="同案不同罚",
        version="1",
        summary=(
            "同一执法事项、同一裁量情节的罚款案件达到最少案件数时，罚款高于同组其余案件平均罚款的若干倍，"
            "或低于其若干分之一。"
        ),
        find=find,
        params=(
            Param("ratio", "倍数", 3, "倍", minimum=Decimal("1.1"), decimal=True),
            Param("min_group", "最少案件数", 5, "件", minimum=3),
        ),
        category="fines",
    )
]
