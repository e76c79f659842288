"""统计分析驾驶舱: each dashboard aggregate (zhifa.stats.selectors.dashboard.SECTIONS and the monthly
trends) through the ORM, and the same answer by hand-written SQL, on the same data; the ratio ORM ÷ SQL
(goal ≤ 1.5×) and whether both gave the same rows.

Data: the 评议考核 benchmark's county (benchmarks/evaluation.py `_build`: ZHIFA_BENCH_EVALUATION_AGENCIES
departments, default 50, each with 100 decided cases, 20 officers with trainings and certificates, 10 监督事项,
20 投诉举报 × ZHIFA_BENCH_SCALE), reused when that benchmark already built it in this run. The dashboard is
that county's, over its year. Inspections, 双随机 tasks and detection hits are not built (their
aggregates run on empty tables).
"""

import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from zhifa.cases.models import Case, Decision
from zhifa.catalog.models import EnforcementItem
from zhifa.complaints.models import Complaint
from zhifa.core.models import Agency, Region
from zhifa.detection.models import Hit
from zhifa.inspections.models import Inspection, Plan, Task
from zhifa.registry import clocks
from zhifa.registry.models import Certificate, EnforcementField, Officer, TrainingRecord
from zhifa.stats.ontime import Period
from zhifa.stats.scope import Scope
from zhifa.stats.selectors import cases, complaints, inspections, penalties
from zhifa.stats.selectors.dashboard import SECTIONS, dashboard
from zhifa.supervision.models import SupervisionItem

from . import Context, Row, benchmark, evaluation, measure
from ._twins import Twin, compare

REGION_CODE = "990187"


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _month(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%Y-%m', {column})"


def _sql(path: str, period: Period) -> dict[str, tuple[str, list]]:
    """Each aggregate's hand-written twin: (SQL, params); rows as the ORM's cells (agency, key, n[, sum])."""
    agencies = (
        f"SELECT a.id FROM {_t(Agency)} a JOIN {_t(Region)} r ON r.id = a.region_id WHERE r.path LIKE %s"
    )
    span = [period.start, period.end]
    zone = timezone.get_current_timezone()
    start = datetime.combine(period.start, clock.min, tzinfo=zone)
    end = datetime.combine(period.end, clock.min, tzinfo=zone) + timedelta(days=1)
    moments = [connection.ops.adapt_datetimefield_value(start), connection.ops.adapt_datetimefield_value(end)]
    like = [f"{path}%"]
    case_where = f"agency_id IN ({agencies}) AND registered_on BETWEEN %s AND %s"
    item_table = _t(Case.items.through)
    target = clocks.training_hours_per_year()
    valid = (
        f"EXISTS (SELECT 1 FROM {_t(Certificate)} c WHERE c.officer_id = o.id AND c.kind = 'enforcement' AND "
        "(c.status = 'valid' OR (c.status = 'suspended' AND c.suspended_until < %s) OR c.status_since > %s) "
        "AND c.issued_on <= %s AND c.expires_on >= %s)"
    )
    hours = (
        f"COALESCE((SELECT SUM(t.hours) FROM {_t(TrainingRecord)} t WHERE t.officer_id = o.id "
        f"AND t.{_q('on')} BETWEEN %s AND %s), 0)"
    )
    return {
        "case_status": (
            f"SELECT agency_id, status, COUNT(*) FROM {_t(Case)} WHERE {case_where} GROUP BY agency_id, status",
            like + span,
        ),
        "case_procedure": (
            f"SELECT procedure, COUNT(*) FROM {_t(Case)} WHERE {case_where} GROUP BY procedure",
            like + span,
        ),
        "case_field": (
            f"SELECT c.field_id, f.name, COUNT(*) FROM {_t(Case)} c JOIN {_t(EnforcementField)} f "
            f"ON f.code = c.field_id WHERE c.{case_where} GROUP BY c.field_id, f.name",
            like + span,
        ),
        "case_item": (
            f"SELECT i.code, i.name, COUNT(DISTINCT t.case_id) FROM {item_table} t JOIN {_t(EnforcementItem)} i "
            f"ON i.id = t.enforcementitem_id WHERE t.case_id IN (SELECT id FROM {_t(Case)} WHERE {case_where}) "
            f"GROUP BY i.code, i.name ORDER BY 3 DESC, i.code LIMIT {cases.TOP_ITEMS}",
            like + span,
        ),
        "decision_kind": (
            f"SELECT c.agency_id, d.kind, COUNT(*), SUM(d.fine) FROM {_t(Decision)} d JOIN {_t(Case)} c "
            f"ON c.id = d.case_id WHERE c.agency_id IN ({agencies}) AND d.decided_on BETWEEN %s AND %s "
            "GROUP BY c.agency_id, d.kind",
            like + span,
        ),
        "task_status": (
            f"SELECT p.agency_id, t.status, COUNT(*) FROM {_t(Task)} t JOIN {_t(Plan)} p ON p.id = t.plan_id "
            f"WHERE p.agency_id IN ({agencies}) AND t.due_on BETWEEN %s AND %s GROUP BY p.agency_id, t.status",
            like + span,
        ),
        "inspection_result": (
            f"SELECT agency_id, result, COUNT(*) FROM {_t(Inspection)} WHERE agency_id IN ({agencies}) "
            "AND started_on BETWEEN %s AND %s GROUP BY agency_id, result",
            like + span,
        ),
        "officers": (
            f"SELECT o.agency_id, COUNT(*), SUM(CASE WHEN {valid} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {hours} >= %s THEN 1 ELSE 0 END) FROM {_t(Officer)} o "
            f"WHERE o.agency_id IN ({agencies}) AND o.status = 'active' AND o.kind = 'officer' GROUP BY o.agency_id",
            [period.end] * 4 + span + [float(target)] + like,
        ),
        "complaint_status": (
            f"SELECT agency_id, status, COUNT(*) FROM {_t(Complaint)} WHERE agency_id IN ({agencies}) "
            "AND received_on BETWEEN %s AND %s GROUP BY agency_id, status",
            like + span,
        ),
        "complaint_rating": (
            f"SELECT rating, COUNT(*) FROM {_t(Complaint)} WHERE agency_id IN ({agencies}) "
            "AND received_on BETWEEN %s AND %s GROUP BY rating",
            like + span,
        ),
        "hit_status": (
            f"SELECT agency_id, status, COUNT(*) FROM {_t(Hit)} WHERE agency_id IN ({agencies}) "
            "AND found_at >= %s AND found_at < %s GROUP BY agency_id, status",
            like + moments,
        ),
        "hit_model": (
            f"SELECT model, COUNT(*) FROM {_t(Hit)} WHERE agency_id IN ({agencies}) "
            "AND found_at >= %s AND found_at < %s GROUP BY model",
            like + moments,
        ),
        "item_status": (
            f"SELECT agency_id, status, COUNT(*) FROM {_t(SupervisionItem)} WHERE agency_id IN ({agencies}) "
            "AND opened_at >= %s AND opened_at < %s GROUP BY agency_id, status",
            like + moments,
        ),
        "trend_cases": (
            f"SELECT {_month('registered_on')}, COUNT(*) FROM {_t(Case)} WHERE {case_where} GROUP BY 1",
            like + span,
        ),
        "trend_penalties": (
            f"SELECT {_month('d.decided_on')}, SUM(CASE WHEN d.kind = 'penalty' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN d.kind = 'penalty' THEN d.fine END) FROM {_t(Decision)} d JOIN {_t(Case)} c "
            f"ON c.id = d.case_id WHERE c.agency_id IN ({agencies}) AND d.decided_on BETWEEN %s AND %s GROUP BY 1",
            like + span,
        ),
        "trend_inspections": (
            f"SELECT {_month('started_on')}, COUNT(*) FROM {_t(Inspection)} WHERE agency_id IN ({agencies}) "
            "AND started_on BETWEEN %s AND %s GROUP BY 1",
            like + span,
        ),
        "trend_complaints": (
            f"SELECT {_month('received_on')}, COUNT(*) FROM {_t(Complaint)} WHERE agency_id IN ({agencies}) "
            "AND received_on BETWEEN %s AND %s GROUP BY 1",
            like + span,
        ),
    }


def _norm(value):
    if isinstance(value, Decimal | float):
        return Decimal(value).quantize(Decimal("0.01"))
    return "" if value is None else value


def _orm_rows(code: str, query, agencies, period: Period) -> list[tuple]:
    """The ORM's answer as plain sorted tuples, shaped like the SQL's."""
    if code.startswith("trend_"):
        found = query(agencies, period)
        return sorted(
            (month, *(value if isinstance(value, tuple) else (value,))) for month, value in found.items()
        )
    cells = query(agencies, period)
    if code == "officers":
        by_agency: dict[int, list[int]] = {}
        for cell in cells:
            by_agency.setdefault(cell.agency_id, []).append(cell.n)
        return sorted((pk, *ns) for pk, ns in by_agency.items())
    if code in {"case_field", "case_item"}:
        return sorted((c.key, c.label, c.n) for c in cells)
    rows = []
    for c in cells:
        head = (c.agency_id, c.key) if c.agency_id is not None else (c.key,)
        rows.append((*head, c.n) + ((c.amount,) if code == "decision_kind" else ()))
    return sorted(rows)


def _sql_rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return sorted(tuple(_norm(v) for v in row) for row in rows)


TRENDS = {
    "trend_cases": cases.by_month,
    "trend_penalties": penalties.by_month,
    "trend_inspections": inspections.by_month,
    "trend_complaints": complaints.by_month,
}


@benchmark("stats.dashboard")
def stats_dashboard(ctx: Context) -> list[Row]:
    started = time.perf_counter()
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        region = evaluation._build(ctx)["region"]
    build_s = time.perf_counter() - started
    agencies = Agency.objects.filter(region__path__startswith=region.path)
    period = Period(date(evaluation.YEAR, 1, 1), date(evaluation.YEAR, 12, 31))
    scope = Scope(region, None, agencies)
    queries = _sql(region.path, period)
    rows = []
    whole = measure(lambda: dashboard(scope, period), repeats=ctx.repeats, warmup=1)
    size = f"{agencies.count()} agencies, {Case.objects.filter(agency__in=agencies).count()} cases; built in {build_s:.0f} s"
    rows.append(Row("stats.dashboard", whole.median * 1000, "ms", f"one county's year, every figure; {size}"))
    aggregates = [(code, query) for code, _, query in SECTIONS] + list(TRENDS.items())
    twins = [
        Twin(
            code,
            lambda code=code, query=query: _orm_rows(code, query, agencies, period),
            lambda text=queries[code][0], params=queries[code][1]: _sql_rows(text, params),
        )
        for code, query in aggregates
    ]
    found = compare("stats", twins, ctx)
    rows.append(
        Row("stats.ratio", found.ratio, "×", f"all {len(aggregates)} aggregates: ORM {found.orm_s * 1000:.1f} ms, "
            f"SQL {found.sql_s * 1000:.1f} ms (goal ≤ 1.5×); {found.verdict()}")
    )  # fmt: skip
    rows += found.rows
    return rows
