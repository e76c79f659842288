"""The figures the platform fills in itself (`Figure.computed`), for many agencies at once: one grouped query
over the decisions and one over the cases, whatever the number of agencies. The same definitions as the
统计年报 (publicity.annual_report): a decision counts in the period of its 决定日期, a case in that of its
立案日期 (立案数) or 听证日期 (举行听证数); fines and confiscations of 行政处罚 decisions only."""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q, Sum

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Case, Decision

from .kinds import Kind, Period


def text(value) -> str:
    """A figure as stored and shown: money with two decimals, counts as whole numbers."""
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def computed(kind: Kind, agency_ids: Iterable[int], period: Period) -> dict[int, dict[str, str]]:
    """{agency_id: {figure key: text}} of the kind's computed figures (every agency given, zeros included)."""
    ids = list(agency_ids)
    keys = {f.key for f in kind.figures if f.computed}
    if not keys or not ids:
        return {}
    span = (period.start, period.end)
    penalty = Q(kind=DecisionKind.PENALTY)
    decisions = {
        row["case__agency_id"]: row
        for row in Decision.objects.filter(case__agency_id__in=ids, decided_on__range=span)
        .values("case__agency_id")
        .annotate(
            penalties=Count("id", filter=penalty),
            fine_total=Sum("fine", filter=penalty),
            confiscation_total=Sum("confiscation", filter=penalty),
            no_penalty=Count("id", filter=Q(kind=DecisionKind.NO_PENALTY)),
            transfers=Count("id", filter=Q(kind=DecisionKind.TRANSFER)),
        )
        .order_by()
    }
    cases = {
        row["agency_id"]: row
        for row in Case.objects.filter(agency_id__in=ids)
        .filter(Q(registered_on__range=span) | Q(hearing_held_on__range=span))
        .values("agency_id")
        .annotate(
            registered=Count("id", filter=Q(registered_on__range=span)),
            hearings=Count("id", filter=Q(hearing_held_on__range=span)),
        )
        .order_by()
    }
    money = {f.key for f in kind.figures if f.money}
    out: dict[int, dict[str, str]] = {}
    for pk in ids:
        row = {**decisions.get(pk, {}), **cases.get(pk, {})}
        out[pk] = {
            key: text(Decimal(row.get(key) or 0) if key in money else int(row.get(key) or 0))
            for key in sorted(keys)
        }
    return out
