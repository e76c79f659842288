"""趋利性执法 (fines for revenue), two signs:

- concentrated in time: in the last 12 months, one calendar month carries more than `share_pct` % of an
  agency's fines, the agency's 12-month total being at least `min_total` (small totals are noise). Two
  grouped queries (per agency; per agency and month), compared over the groups.
- outside the agency's region: a fine in a case opened from an inspection of an enterprise located
  outside the agency's region (违规异地执法 for revenue). One query.

v1. Parameters: 集中度 share_pct (default 40 %), 最低年度罚款总额 min_total (default 100,000 元)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import CharField, Count, Exists, OuterRef, Sum
from django.db.models.functions import Cast, Substr

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Decision
from zhifa.inspections.models import Inspection

from ..framework import Context, Found, Model, Param, money
from . import _links

PATH = "case__agency__region__path"


def _fines(ctx: Context):
    return ctx.scoped(Decision.objects, PATH).filter(
        kind=DecisionKind.PENALTY, fine__gt=0, decided_on__gt=ctx.today - timedelta(days=365)
    )


def _month():
    # the first 7 characters of the ISO date: native on SQLite (TruncMonth is a Python function there) and PG
    return Substr(Cast("decided_on", CharField()), 1, 7)


def find_concentrated(ctx: Context):
    """Two grouped queries over the fines of the last 12 months: per agency, and per agency and month
    (both small); the comparison runs over the month groups."""
    totals = dict(
        _fines(ctx)
        .values("case__agency_id")
        .annotate(s=Sum("fine"))
        .values_list("case__agency_id", "s")
        .order_by()
    )
    rows = (
        _fines(ctx)
        .annotate(month=_month())
        .values("case__agency_id", "case__agency__name", PATH, "month")
        .annotate(total=Sum("fine"), n=Count("pk"))
        .order_by()
    )
    for row in rows:
        agency_id, month, path = row["case__agency_id"], row["month"], row[PATH]
        year_total = Decimal(totals[agency_id])
        share = Decimal(row["total"]) * 100 / year_total
        low = Decimal(str(ctx.params.value_at("min_total", path)))
        pct = Decimal(str(ctx.params.value_at("share_pct", path)))
        if year_total < low or share <= pct:
            continue
        label = f"{month[:4]}年{month[5:7]}月"
        yield Found(
            key=f"agency:{agency_id}:month:{month}",
            agency_id=agency_id,
            subject=f"{row['case__agency__name']}{label}的罚款",
            reason=(
                f"{row['case__agency__name']}{label}罚款{row['n']}件共{money(row['total'])}，"
                f"占近12个月罚款总额{money(year_total)}的{share:.1f}%，罚款在时间上明显集中"
            ),
            evidence=[],
            measure=share.quantize(Decimal("0.01")),
        )


def find_remote(ctx: Context):
    remote = Inspection.objects.filter(case_id=OuterRef("case_id"), subject__region__isnull=False).exclude(
        subject__region__path__startswith=OuterRef(PATH)
    )
    rows = (
        ctx.scoped(Decision.objects, PATH)
        .filter(kind=DecisionKind.PENALTY, fine__gt=0)
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
        params=(
            Param("share_pct", "集中度", 40, "%", minimum=1, decimal=True),
            Param("min_total", "最低年度罚款总额", 100000, "元"),
        ),
        category="profit",
    )
]
