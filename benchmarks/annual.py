"""统计年报 across a county (publicity.annual_report.compute_all): every agency's figures for a year, each figure
one grouped query over all the agencies, against the old way (one agency at a time, ~9 queries each), and its
own queries (行政处罚, 执法决定/公示, 复议诉讼) beside hand-written SQL twins giving the same figures.

Data: the 评议考核 benchmark's county (benchmarks/evaluation.py `_build`: ZHIFA_BENCH_EVALUATION_AGENCIES
departments, default 50, each with 100 decided cases, 100 disclosures, 5 challenges × ZHIFA_BENCH_SCALE),
reused when that benchmark or stats.dashboard already built it in this run; its year.
"""

import json
import time
from collections import Counter
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhifa.core.annual import Figure
from zhifa.core.models import Agency, Region
from zhifa.publicity import annual_report
from zhifa.publicity.annual_report import _disclosure_rows, _penalty_rows, _row

from . import Context, Row, benchmark, evaluation, measure
from ._twins import Twin, compare
from .stats import REGION_CODE


def _rows(found: dict[int, list[Figure]]) -> dict[int, list[dict]]:
    return {pk: [_row(f) for f in figures] for pk, figures in found.items()}


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in(ids: list[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def _penalties_sql(ids: list[int], year: int) -> dict[int, list[dict]]:
    span = [date(year, 1, 1), date(year + 1, 1, 1)]
    p = "d.kind = 'penalty'"
    counts = {
        row[0]: dict(zip(("penalties", "simple", "fines", "confiscations", "no_penalty", "transfers",
                          "fine_total", "confiscation_total"), row[1:], strict=True))
        for row in _fetch(
            f"SELECT c.agency_id, SUM(CASE WHEN {p} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {p} AND c.procedure = 'simple' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {p} AND d.fine > 0 THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {p} AND d.confiscation > 0 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN d.kind = 'no_penalty' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN d.kind = 'transfer' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {p} THEN d.fine END), SUM(CASE WHEN {p} THEN d.confiscation END) "
            "FROM cases_decision d JOIN cases_case c ON c.id = d.case_id "
            f"WHERE d.decided_on >= %s AND d.decided_on < %s AND c.agency_id IN ({_in(ids)}) GROUP BY c.agency_id",
            [*span, *ids],
        )
    }  # fmt: skip
    listed: dict[int, Counter] = {pk: Counter() for pk in ids}
    for pk, kinds, n in _fetch(
        "SELECT c.agency_id, d.measures, COUNT(*) FROM cases_decision d JOIN cases_case c ON c.id = d.case_id "
        f"WHERE d.decided_on >= %s AND d.decided_on < %s AND {p} AND c.agency_id IN ({_in(ids)}) GROUP BY 1, 2",
        [*span, *ids],
    ):
        for kind in json.loads(kinds) if isinstance(kinds, str) else kinds or ():
            listed[pk][kind] += n
    cases = {
        pk: {"registered": registered, "hearings": hearings}
        for pk, registered, hearings in _fetch(
            "SELECT agency_id, SUM(CASE WHEN registered_on >= %s AND registered_on < %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN hearing_held_on >= %s AND hearing_held_on < %s THEN 1 ELSE 0 END) FROM cases_case "
            f"WHERE agency_id IN ({_in(ids)}) AND ((registered_on >= %s AND registered_on < %s) "
            "OR (hearing_held_on >= %s AND hearing_held_on < %s)) GROUP BY agency_id",
            [*span, *span, *ids, *span, *span],
        )
    }
    for row in counts.values():  # SQLite sums decimals as floats: to the fen, as the ORM's converter does
        for total in ("fine_total", "confiscation_total"):
            row[total] = None if row[total] is None else Decimal(str(row[total]))
    zero = dict.fromkeys(("penalties", "simple", "fines", "confiscations", "no_penalty", "transfers"), 0)
    empty = {**zero, "fine_total": None, "confiscation_total": None}
    return _rows(
        {
            pk: _penalty_rows(
                counts.get(pk, empty), listed[pk], cases.get(pk, {"registered": 0, "hearings": 0})
            )
            for pk in ids
        }
    )


def _disclosures_sql(ids: list[int], year: int) -> dict[int, list[dict]]:
    span = [date(year, 1, 1), date(year + 1, 1, 1)]
    zone = timezone.get_current_timezone()
    moments = [
        connection.ops.adapt_datetimefield_value(datetime.combine(date(y, 1, 1), clock.min, tzinfo=zone))
        for y in (year, year + 1)
    ]
    by_kind: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for pk, kind, n in _fetch(
        "SELECT agency_id, kind, COUNT(*) FROM publicity_disclosure WHERE decided_on >= %s AND decided_on < %s "
        f"AND agency_id IN ({_in(ids)}) AND version = 1 GROUP BY agency_id, kind",
        [*span, *ids],
    ):
        by_kind[pk][kind] = n
    withdrawn = "status = 'withdrawn' AND withdrawn_at >= %s AND withdrawn_at < %s"
    shown = {
        pk: {"published": published, "withdrawn": gone}
        for pk, published, gone in _fetch(
            "SELECT agency_id, SUM(CASE WHEN published_on >= %s AND published_on < %s THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {withdrawn} THEN 1 ELSE 0 END) FROM publicity_disclosure "
            f"WHERE ((published_on >= %s AND published_on < %s) OR ({withdrawn})) AND agency_id IN ({_in(ids)}) "
            "GROUP BY agency_id",
            [*span, *moments, *span, *moments, *ids],
        )
    }
    return _rows(
        {pk: _disclosure_rows(by_kind[pk], shown.get(pk, {"published": 0, "withdrawn": 0})) for pk in ids}
    )


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


@benchmark("stats.annual")
def annual(ctx: Context) -> list[Row]:
    started = time.perf_counter()
    region = Region.objects.filter(code=REGION_CODE).first() or evaluation._build(ctx)["region"]
    build_s = time.perf_counter() - started
    agencies = list(Agency.objects.filter(region__path__startswith=region.path))
    ids, year = [a.pk for a in agencies], evaluation.YEAR
    grouped = measure(lambda: annual_report.compute_all(ids, year), repeats=ctx.repeats, warmup=1)
    one_by_one = measure(
        lambda: [annual_report.compute(a, year) for a in agencies], repeats=ctx.repeats, warmup=1
    )
    same = annual_report.compute_all(ids, year) == {a.pk: annual_report.compute(a, year) for a in agencies}
    grouped_q = _queries(lambda: annual_report.compute_all(ids, year))
    single_q = _queries(lambda: annual_report.compute(agencies[0], year))
    twins = [
        Twin(
            "penalties",
            lambda: _rows(annual_report._penalty_figures(ids, year)),
            lambda: _penalties_sql(ids, year),
        ),
        Twin(
            "disclosures",
            lambda: _rows(annual_report._disclosure_figures(ids, year)),
            lambda: _disclosures_sql(ids, year),
        ),
    ]
    found = compare("stats.annual", twins, ctx)
    size = f"{len(ids)} agencies; built in {build_s:.0f} s"
    return [
        Row("stats.annual", grouped.median * 1000, "ms", f"every agency's 年报, {grouped_q} queries; {size}"),
        Row(
            "stats.annual_per_agency",
            one_by_one.median * 1000,
            "ms",
            f"the same one agency at a time ({single_q} queries each, {single_q * len(ids)} in all); "
            + ("same figures" if same else "FIGURES DIFFER"),
        ),
        Row(
            "stats.annual_speedup",
            one_by_one.median / grouped.median if grouped.median else 0.0,
            "×",
            "per agency ÷ grouped",
        ),
        *found.total_rows(
            "stats.annual", "own", "twins: 行政处罚 (3 queries) and 执法决定/公示 (2), summed best times"
        ),
        *found.rows,
    ]
