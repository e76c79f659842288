"""统计年报: an agency's figures for a year, computed from the data — cases (处罚), the disclosures
registered here (许可、强制 …) and whatever sibling apps register with core.annual (复议、诉讼、检查 …). Computed
for any set of agencies at once (`compute_all`), each figure one grouped query over all of them."""

from collections import Counter
from collections.abc import Iterable
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


def _penalty_figures(agency_ids: list[int], year: int) -> dict[int, list[Figure]]:
    decisions = Decision.objects.filter(annual.in_year("decided_on", year))
    penalty = Q(kind=DecisionKind.PENALTY)
    counts = annual.by_agency(
        decisions,
        "case__agency_id",
        agency_ids,
        penalties=Count("id", filter=penalty),
        simple=Count("id", filter=penalty & Q(case__procedure=Procedure.SIMPLE)),
        fines=Count("id", filter=penalty & Q(fine__gt=0)),
        confiscations=Count("id", filter=penalty & Q(confiscation__gt=0)),
        no_penalty=Count("id", filter=Q(kind=DecisionKind.NO_PENALTY)),
        transfers=Count("id", filter=Q(kind=DecisionKind.TRANSFER)),
        fine_total=Sum("fine", filter=penalty),
        confiscation_total=Sum("confiscation", filter=penalty),
    )
    # the kinds listed in `measures` (a JSON list): grouped by the whole list, which takes few distinct
    # values, then counted per kind here — alike on SQLite and PostgreSQL
    listed: dict[int, Counter] = {pk: Counter() for pk in agency_ids}
    for pk, kinds, n in (
        decisions.filter(penalty, case__agency_id__in=agency_ids)
        .order_by()
        .values_list("case__agency_id", "measures")
        .annotate(n=Count("id"))
    ):
        for kind in kinds or ():
            listed[pk][kind] += n
    cases = annual.by_agency(  # one grouped query for both counts
        Case.objects.filter(annual.in_year("registered_on", year) | annual.in_year("hearing_held_on", year)),
        "agency_id",
        agency_ids,
        registered=Count("pk", filter=annual.in_year("registered_on", year)),
        hearings=Count("pk", filter=annual.in_year("hearing_held_on", year)),
    )
    return {pk: _penalty_rows(counts[pk], listed[pk], cases[pk]) for pk in agency_ids}


def _penalty_rows(c: dict, listed: Counter, cases: dict) -> list[Figure]:
    counts = {
        **{m: listed[m.value] for m in penalties.KINDS},
        PenaltyMeasure.FINE: c["fines"],
        PenaltyMeasure.CONFISCATE_GAINS: c["confiscations"],
    }
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


OTHER_KINDS = [
    (kind, label)
    for kind, label in DisclosureKind.choices
    if kind not in (DisclosureKind.PENALTY, DisclosureKind.NO_PENALTY)
]


def _disclosure_figures(agency_ids: list[int], year: int) -> dict[int, list[Figure]]:
    by_kind: dict[int, dict[str, int]] = {pk: {} for pk in agency_ids}
    for pk, kind, n in (
        Disclosure.objects.filter(annual.in_year("decided_on", year), agency_id__in=agency_ids, version=1)
        .order_by()
        .values_list("agency_id", "kind")
        .annotate(n=Count("id"))
    ):
        by_kind[pk][kind] = n
    published, withdrawn = (
        annual.in_year("published_on", year),
        Q(status=DisclosureStatus.WITHDRAWN, withdrawn_at__year=year),
    )
    shown = annual.by_agency(  # one grouped query for both counts
        Disclosure.objects.filter(published | withdrawn),
        "agency_id",
        agency_ids,
        published=Count("pk", filter=published),
        withdrawn=Count("pk", filter=withdrawn),
    )
    return {pk: _disclosure_rows(by_kind[pk], shown[pk]) for pk in agency_ids}


def _disclosure_rows(by_kind: dict[str, int], shown: dict) -> list[Figure]:
    return [
        *(
            Figure("执法决定", f"publicity.{kind}", label, by_kind.get(kind, 0))
            for kind, label in OTHER_KINDS
        ),
        Figure("执法公示", "publicity.published", "公示执法信息条数", shown["published"]),
        Figure("执法公示", "publicity.withdrawn", "撤回公示条数", shown["withdrawn"]),
    ]


def compute_all(agency_ids: Iterable[int], year: int) -> dict[int, list[dict]]:
    """Every agency's figures as JSON-ready rows, sections in a stable order: each figure one grouped query
    over all the agencies (a region's 年报 costs the same queries for 2 agencies as for 2,000)."""
    ids = list(agency_ids)
    parts = [_penalty_figures(ids, year), _disclosure_figures(ids, year), annual.figures_of(ids, year)]
    return {pk: [_row(f) for part in parts for f in part[pk]] for pk in ids}


def compute(agency, year: int) -> list[dict]:
    """One agency's figures (see `compute_all`)."""
    return compute_all([agency.pk], year)[agency.pk]


def _row(f: Figure) -> dict:
    return {"section": f.section, "key": f.key, "label": f.label, "value": _text(f.value)}


def _text(value) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def sections(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["section"], []).append(row)
    return list(grouped.items())
