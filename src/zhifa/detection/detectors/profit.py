"""趋利性执法 (fines for revenue), two signs:

- concentrated in time: in the last 12 months, one calendar month carries more than `share_pct` % of an
  agency's fines, the agency's 12-month total being at least `min_total` (small totals are noise). One
  grouped query with the agency's total as a correlated subquery.
- outside the agency's region: a fine in a case opened from an inspection of an enterprise located
  outside the agency's region (违规异地执法 for revenue). One query.

v1. Parameters: 集中度 share_pct (default 40 %), 最低年度罚款总额 min_total (default 100,000 元)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Decision
from zhifa.inspections.models import Inspection

from ..framework import Context, Found, Model, Param, money
from . import _links

PATH = "case__agency__region__path"


def _fines(ctx: Context):
    return Decision.objects.filter(
        kind=DecisionKind.PENALTY, fine__gt=0, decided_on__gt=ctx.today - timedelta(days=365)
    )


def find_concentrated(ctx: Context):
    agency_total = (
        _fines(ctx)
        .filter(case__agency_id=OuterRef("case__agency_id"))
        .values("case__agency_id")
        .annotate(s=Sum("fine"))
        .values("s")
    )
    rows = (
        _fines(ctx)
        .annotate(month=TruncMonth("decided_on"))
        .values("case__agency_id", "case__agency__name", PATH, "month")
        .annotate(
            total=Sum("fine"),
            n=Count("pk"),
            year_total=Subquery(agency_total, output_field=DecimalField(max_digits=16, decimal_places=2)),
        )
        .filter(ctx.where("min_total", PATH, lambda low: Q(year_total__gte=Decimal(str(low)))))
        .filter(
            ctx.where("share_pct", PATH, lambda pct: Q(total__gt=F("year_total") * Decimal(str(pct)) / 100))
        )
        .order_by()
    )
    for row in rows:
        share = Decimal(row["total"]) * 100 / Decimal(row["year_total"])
        agency_id, month = row["case__agency_id"], row["month"]
        yield Found(
            key=f"agency:{agency_id}:month:{month:%Y-%m}",
            agency_id=agency_id,
            subject=f"{row['case__agency__name']}{month:%Y年%m月}的罚款",
            reason=(
                f"{row['case__agency__name']}{month:%Y年%m月}罚款{row['n']}件共{money(row['total'])}，"
                f"占近12个月罚款总额{money(row['year_total'])}的{share:.1f}%，罚款在时间上明显集中"
            ),
            evidence=[],
            measure=share.quantize(Decimal("0.01")),
        )


def find_remote(ctx: Context):
    remote = Inspection.objects.filter(case_id=OuterRef("case_id"), subject__region__isnull=False).exclude(
        subject__region__path__startswith=OuterRef(PATH)
    )
    rows = (
        Decision.objects.filter(kind=DecisionKind.PENALTY, fine__gt=0)
        .filter(Exists(remote))
        .values_list(
            "case_id", "case__agency_id", "case__agency__name", "case__number", "case__summary", "fine"
        )
    )
    for case_id, agency_id, agency, number, summary, fine in rows:
        yield Found(
            key=f"case:{case_id}:remote",
            agency_id=agency_id,
            case_id=case_id,
            subject=f"案件{number or case_id}（{summary}）",
            reason=f"{agency}对所在区划以外的企业检查后罚款{money(fine)}，存在异地趋利执法之嫌",
            evidence=[_links.case(case_id, number)],
            measure=fine,
        )


def find(ctx: Context):
    yield from find_concentrated(ctx)
    yield from find_remote(ctx)


MODELS = [
    Model(
        code="profit",
        name="趋利性执法",
        version="1",
        summary=(
            "近12个月某一个月的罚款占本机关罚款总额的比例超过集中度（年度总额达到最低额时），"
            "或对本机关区划以外的企业检查后罚款。"
        ),
        find=find,
        params=(Param("share_pct", "集中度", 40, "%"), Param("min_total", "最低年度罚款总额", 100000, "元")),
        category="profit",
    )
]
