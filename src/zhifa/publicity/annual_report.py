"""统计年报: an agency's figures for a year, computed from the data — cases (处罚), the disclosures
registered here (许可、强制 …) and whatever sibling apps register with core.annual (复议、诉讼、检查 …)."""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from zhifa.cases.choices import DecisionKind
from zhifa.cases.models import Case, Decision
from zhifa.catalog import penalties
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.procedures import Procedure
from zhifa.core import annual
from zhifa.core.annual import Figure

from .choices import DisclosureKind, DisclosureStatus
from .models import Disclosure


def due_date(year: int) -> date:
    """公开期限: January 31 of the next year (seed 003 §2(二)8)."""
    return date(year + 1, 1, 31)


def _year(field: str, year: int) -> Q:
    """`field` within `year`, as a range an index serves (`__year` wraps the column in a function on
    some databases)."""
    return Q(**{f"{field}__gte": date(year, 1, 1), f"{field}__lt": date(year + 1, 1, 1)})


def _penalty_figures(agency, year: int) -> list[Figure]:
    decisions = Decision.objects.filter(_year("decided_on", year), case__agency=agency)
    penalty = Q(kind=DecisionKind.PENALTY)
    c = decisions.aggregate(
        penalties=Count("id", filter=penalty),
        simple=Count("id", filter=penalty & Q(case__procedure=Procedure.SIMPLE)),
        fines=Count("id", filter=penalty & Q(fine__gt=0)),
        confiscations=Count("id", filter=penalty & Q(confiscation__gt=0)),
        no_penalty=Count("id", filter=Q(kind=DecisionKind.NO_PENALTY)),
        transfers=Count("id", filter=Q(kind=DecisionKind.TRANSFER)),
        fine_total=Sum("fine", filter=penalty),
        confiscation_total=Sum("confiscation", filter=penalty),
    )
    # the kinds listed in `measures` (a JSON list: counted here, alike on SQLite and PostgreSQL)
    listed = Counter(m for row in decisions.filter(penalty).values_list("measures", flat=True) for m in row)
    counts = {
        **{m: listed[m.value] for m in penalties.KINDS},
        PenaltyMeasure.FINE: c["fines"],
        PenaltyMeasure.CONFISCATE_GAINS: c["confiscations"],
    }
    cases = Case.objects.filter(agency=agency).aggregate(  # one grouped query for both counts
        registered=Count("pk", filter=_year("registered_on", year)),
        hearings=Count("pk", filter=_year("hearing_held_on", year)),
    )
    section = "行政处罚"
    rows = [
        ("cases.registered", "立案数", cases["registered"]),
        ("cases.penalties", "作出行政处罚决定数", c["penalties"]),
        ("cases.simple", "其中：简易程序", c["simple"]),
        *((f"cases.measure.{m.value}", m.label, counts[m]) for m in penalties.ORDER if m in counts),
        ("cases.fine_total", "罚款金额（元）", c["fine_total"] or Decimal("0")),
        ("cases.confiscation_total", "没收违法所得金额（元）", c["confiscation_total"] or Decimal("0")),
        ("cases.no_penalty", "不予行政处罚决定数", c["no_penalty"]),
        ("cases.transfers", "移送案件数", c["transfers"]),
        ("cases.hearings", "举行听证数", cases["hearings"]),
    ]
    return [Figure(section, key, label, value) for key, label, value in rows]


def _disclosure_figures(agency, year: int) -> list[Figure]:
    rows = Disclosure.objects.filter(_year("decided_on", year), agency=agency, version=1)
    by_kind = dict(rows.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    out = [
        Figure("执法决定", f"publicity.{kind}", label, by_kind.get(kind, 0))
        for kind, label in DisclosureKind.choices
        if kind not in (DisclosureKind.PENALTY, DisclosureKind.NO_PENALTY)
    ]
    shown = Disclosure.objects.filter(agency=agency).aggregate(  # one grouped query for both counts
        published=Count("pk", filter=_year("published_on", year)),
        withdrawn=Count("pk", filter=Q(status=DisclosureStatus.WITHDRAWN, withdrawn_at__year=year)),
    )
    out += [
        Figure("执法公示", "publicity.published", "公示执法信息条数", shown["published"]),
        Figure("执法公示", "publicity.withdrawn", "撤回公示条数", shown["withdrawn"]),
    ]
    return out


def compute(agency, year: int) -> list[dict]:
    """All figures as JSON-ready rows, sections in a stable order."""
    figures = (
        _penalty_figures(agency, year) + _disclosure_figures(agency, year) + annual.figures_for(agency, year)
    )
    return [{"section": f.section, "key": f.key, "label": f.label, "value": _text(f.value)} for f in figures]


def _text(value) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def sections(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["section"], []).append(row)
    return list(grouped.items())
