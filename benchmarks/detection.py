"""A full run of the detection models (zhifa.detection, 线索中心) over a synthetic county, and the same
computation in hand-written SQL on the same database.

detection.<model>: seconds of `model.find` (the ORM query the model builds, plus turning each hit into its
reason), the seconds of the hand-written SQL returning the same rows, and their ratio (goal ≤ 1.5×); the
hit counts of both must agree (a row says so when they do not). detection.run_all: every model through
`services.run_all` (storing the hits and their records) on the same data.

Sizes at scale 1: ZHIFA_BENCH_DETECTION_CASES (default 20,000 decided cases, each with two handlers and
an item) and ZHIFA_BENCH_DETECTION_INSPECTIONS (default 100,000 inspections of 20,000 enterprises);
ZHIFA_BENCH_SCALE multiplies both. The issue's target — 1,000,000 cases and 5,000,000 inspections — is
ZHIFA_BENCH_DETECTION_CASES=1000000 ZHIFA_BENCH_DETECTION_INSPECTIONS=5000000 (hours to build on SQLite).
"""

import os
import time
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.cases.choices import CaseStatus, DecisionKind, HandlerRole, PartyKind
from zhifa.cases.models import Case, CaseHandler, Decision
from zhifa.catalog import services as catalog
from zhifa.core import services as core_services
from zhifa.core.models import Region
from zhifa.core.validators import credit_code_with_check
from zhifa.detection import framework, services
from zhifa.detection.framework import Context as ModelContext
from zhifa.detection.framework import Params
from zhifa.inspections.models import Inspection, Subject
from zhifa.registry.models import Certificate, EnforcementField, Officer

from . import Context, Row, benchmark, measure
from .cases import FOOD, ON, _id_number
from .cases import LEVELS as BENCHMARK_LEVELS

CASES = int(os.environ.get("ZHIFA_BENCH_DETECTION_CASES", "20000"))
INSPECTIONS = int(os.environ.get("ZHIFA_BENCH_DETECTION_INSPECTIONS", "100000"))
DEPARTMENTS = 10
TODAY = date(2026, 12, 1)
CHUNK = 20_000
LEVELS = ["minor", "ordinary", "serious", "grave"]


def _cases(departments: list[dict], n: int, field) -> None:
    now = timezone.now()
    for start in range(0, n, CHUNK):
        with transaction.atomic():
            last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            Case.objects.bulk_create(
                [
                    Case(
                        agency=departments[i % DEPARTMENTS]["agency"],
                        number=f"线{i % DEPARTMENTS}罚〔2026〕{i // DEPARTMENTS + 1}号",
                        procedure="ordinary",
                        source="inspection",
                        # one in 50 still being investigated (some beyond their limit), one in 40 decided
                        # and not served
                        status=CaseStatus.INVESTIGATING
                        if i % 50 == 0
                        else (CaseStatus.DECIDED if i % 40 == 1 else CaseStatus.CLOSED),
                        summary="销售不符合食品安全标准的食品",
                        discovered_on=date(2026, 1, 2) + timedelta(days=i % 300),
                        registered_on=date(2026, 1, 3) + timedelta(days=i % 300),
                        decision_due=date(2026, 4, 3) + timedelta(days=i % 300),
                        place="线索县人民路1号",
                        catalog_version=departments[i % DEPARTMENTS]["version"],
                        field=field,
                        party_kind=PartyKind.ORGANISATION,
                        party_name=f"线索县第{i % 5000}商店",
                        party_credit_code=credit_code_with_check(f"91990100MA{i % 5000:07d}"),
                        created_at=now,
                    )
                    for i in range(start, min(n, start + CHUNK))
                ],
                batch_size=2000,
            )
            pks = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True))
            _decisions(pks, start)
            _links(departments, pks, start)


def _decisions(pks: list[int], start: int) -> None:
    rows = []
    for k, pk in enumerate(pks):
        i = start + k
        if i % 50 == 0:
            continue  # still being investigated
        fine = Decimal(5000 + (i * 37) % 3000)
        if i % 97 == 0:
            fine *= 8  # an outlier of its group
        rows.append(
            Decision(
                case_id=pk,
                kind=DecisionKind.PENALTY,
                fine=fine,
                level=LEVELS[i % 4],
                recommended_min=Decimal(4000),
                recommended_max=Decimal(8000),
                deviation_reason="" if i % 5 else "情节特殊",
                reasoning="说理",
                decided_on=date(2026, 3, 1) + timedelta(days=(i * 7) % 270),
            )
        )
    Decision.objects.bulk_create(rows, batch_size=2000)


def _links(departments: list[dict], pks: list[int], start: int) -> None:
    through = Case.items.through
    through.objects.bulk_create(
        [
            through(case_id=pk, enforcementitem_id=departments[(start + k) % DEPARTMENTS]["item"].pk)
            for k, pk in enumerate(pks)
        ],
        batch_size=5000,
    )
    handlers = []
    for k, pk in enumerate(pks):
        lead, co = departments[(start + k) % DEPARTMENTS]["officers"]
        handlers += [
            CaseHandler(case_id=pk, officer=lead, role=HandlerRole.LEAD),
            CaseHandler(case_id=pk, officer=co, role=HandlerRole.CO),
        ]
    CaseHandler.objects.bulk_create(handlers, batch_size=5000)


def _inspections(departments: list[dict], region, n: int) -> None:
    user = User.objects.create(
        username="bench_detection_inspector", real_name="检查员", agency=departments[0]["agency"]
    )
    subjects = max(1, n // 5)
    made = Subject.objects.bulk_create(
        [
            Subject(
                agency=departments[s % DEPARTMENTS]["agency"],
                kind="organisation",
                name=f"线索县第{s}企业",
                code=f"S{s:08d}",
                region=region,
                qr_token=f"bench-detection-{s}",
            )
            for s in range(subjects)
        ],
        batch_size=5000,
    )
    for start in range(0, n, CHUNK * 5):
        with transaction.atomic():
            Inspection.objects.bulk_create(
                [
                    Inspection(
                        agency=departments[(i * 3) % DEPARTMENTS]["agency"],
                        subject=made[i % subjects],
                        subject_code=made[i % subjects].code,
                        started_on=date(2026, 1, 1) + timedelta(days=(i // subjects) * 61 + (i % 7)),
                        started_by=user,
                    )
                    for i in range(start, min(n, start + CHUNK * 5))
                ],
                batch_size=5000,
            )


def _department(region, index: int, field) -> dict:
    """A department with a published catalogue of one penalty item and two certified officers (made
    directly: the benchmark measures the models, not the registry's rules)."""
    agency = core_services.agency_create(
        actor=None,
        name=f"线索县第{index + 1}市场监督管理局",
        short_name=f"线{index + 1}监",
        kind="department",
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}{500 + index:09d}"),
    )
    draft = catalog.draft_open(actor=None, agency=agency)
    item = catalog.item_create(
        actor=None,
        draft=draft,
        code="SCJG-CF-001",
        legal_bases=[FOOD],
        name="生产经营不符合食品安全标准的食品",
        category="penalty",
        field=field,
        level="county",
    )
    catalog.benchmark_set(
        actor=None,
        item=item,
        legal_basis=item.legal_bases.get(),
        levels=BENCHMARK_LEVELS,
        fact_label="货值金额（元）",
    )
    version = catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=ON)
    officers = []
    for k in range(2):
        officer = Officer.objects.create(
            agency=agency, name=f"线索员{index}{k}", id_number=_id_number(500 + index * 2 + k), kind="officer"
        )
        # the second officer's certificate expired mid-year: their later acts are hits
        certificate = Certificate.objects.create(
            officer=officer,
            number=f"XS2025{index:04d}{k:04d}",
            kind="enforcement",
            issuer="线索县司法局",
            issued_on=date(2025, 1, 1),
            expires_on=date(2030, 12, 31) if k == 0 else date(2026, 9, 30),
        )
        certificate.fields.set([field])
        officers.append(officer)
    return {"agency": agency, "version": version, "item": version.items.get(), "officers": officers}


def _data(ctx: Context) -> dict:
    if "detection.data" in ctx.shared:
        return ctx.shared["detection.data"]
    parent = Region.objects.get(pk=ctx.agency.region_id)
    region = core_services.region_create(
        actor=None, code="990177", name="线索县", level="county", parent=parent
    )
    field = EnforcementField.objects.get(code="market")
    departments = [_department(region, 80 + i, field) for i in range(DEPARTMENTS)]
    started = time.perf_counter()
    cases, inspections = ctx.n(CASES), ctx.n(INSPECTIONS)
    _cases(departments, cases, field)
    _inspections(departments, region, inspections)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    data = {
        "note": f"{cases:,} cases, {inspections:,} inspections built in {time.perf_counter() - started:.0f} s"
    }
    ctx.shared["detection.data"] = data
    return data


# ---- the same computations in hand-written SQL ------------------------------------------------------


def _days_before(column: str, days: int) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - {int(days)})"
    return f"date({column}, '-{int(days)} days')"


def _sql() -> dict[str, list[tuple[str, list]]]:
    year_ago = TODAY - timedelta(days=365)
    year_ago_excl = TODAY - timedelta(days=365)
    month = "substr(CAST(d.decided_on AS TEXT), 1, 7)"
    queries = {
        "certificates": [
            (
                """SELECT h.case_id, h.officer_id FROM cases_casehandler h
               JOIN cases_case c ON c.id = h.case_id
               LEFT JOIN cases_decision d ON d.case_id = c.id
               WHERE h.role <> 'assistant' AND c.registered_on IS NOT NULL AND (
                 NOT EXISTS (SELECT 1 FROM registry_certificate r JOIN registry_certificate_fields f
                             ON f.certificate_id = r.id
                             WHERE r.officer_id = h.officer_id AND r.kind = 'enforcement' AND (r.status = 'valid' OR (r.status = 'suspended' AND r.suspended_until < c.registered_on) OR r.status_since > c.registered_on)
                               AND r.issued_on <= c.registered_on AND r.expires_on >= c.registered_on
                               AND f.enforcementfield_id = c.field_id)
                 OR (d.id IS NOT NULL AND NOT EXISTS (
                             SELECT 1 FROM registry_certificate r JOIN registry_certificate_fields f
                             ON f.certificate_id = r.id
                             WHERE r.officer_id = h.officer_id AND r.kind = 'enforcement' AND (r.status = 'valid' OR (r.status = 'suspended' AND r.suspended_until < d.decided_on) OR r.status_since > d.decided_on)
                               AND r.issued_on <= d.decided_on AND r.expires_on >= d.decided_on
                               AND f.enforcementfield_id = c.field_id)))""",
                [],
            ),
            (
                """SELECT i.id, o.id FROM inspections_inspection i
               JOIN registry_officer o ON o.user_id = i.started_by_id
               WHERE NOT EXISTS (SELECT 1 FROM registry_certificate r
                                 WHERE r.officer_id = o.id AND r.kind = 'enforcement' AND (r.status = 'valid' OR (r.status = 'suspended' AND r.suspended_until < i.started_on) OR r.status_since > i.started_on)
                                   AND r.issued_on <= i.started_on AND r.expires_on >= i.started_on)""",
                [],
            ),
        ],
        "not_filing": [
            (
                """SELECT p.id FROM complaints_complaint p
               WHERE p.case_id IS NULL AND p.case_due IS NOT NULL AND p.case_due < %s AND p.merged_into_id IS NULL""",
                [TODAY],
            )
        ],
        "profit": [
            (
                f"""SELECT agency_id, month FROM (
                     SELECT c.agency_id, {month} AS month, SUM(d.fine) AS total,
                            SUM(SUM(d.fine)) OVER (PARTITION BY c.agency_id) AS year_total
                     FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
                     WHERE d.kind = 'penalty' AND d.fine > 0 AND d.decided_on > %s
                     GROUP BY c.agency_id, {month}) g
                   WHERE year_total >= 100000 AND total * 100 > year_total * 40""",
                [year_ago_excl],
            ),
            (
                """SELECT d.case_id FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
                   JOIN core_agency a ON a.id = c.agency_id JOIN core_region ar ON ar.id = a.region_id
                   WHERE d.kind = 'penalty' AND d.fine > 0 AND EXISTS (
                     SELECT 1 FROM inspections_inspection i JOIN core_region sr ON sr.id = (
                       SELECT s.region_id FROM inspections_subject s WHERE s.id = i.subject_id)
                     WHERE i.case_id = d.case_id AND sr.path NOT LIKE ar.path || '%%')""",
                [],
            ),
        ],
    }
    single = {
        "discretion": (
            """SELECT d.case_id FROM cases_decision d
               WHERE d.kind = 'penalty' AND d.fine IS NOT NULL AND d.recommended_min IS NOT NULL
                 AND TRIM(d.deviation_reason) = ''
                 AND (d.fine < d.recommended_min OR (d.recommended_max IS NOT NULL AND d.fine > d.recommended_max))""",
            [],
        ),
        "disparity": (
            """SELECT case_id FROM (
                 SELECT ci.case_id, d.fine,
                        COUNT(*) OVER w AS size, SUM(d.fine) OVER w AS total
                 FROM cases_case_items ci
                 JOIN cases_decision d ON d.case_id = ci.case_id
                 JOIN catalog_enforcementitem i ON i.id = ci.enforcementitem_id
                 WHERE d.kind = 'penalty' AND d.fine IS NOT NULL
                 WINDOW w AS (PARTITION BY i.code, d.level)
               ) g
               WHERE size >= 5 AND (fine > (total - fine) / NULLIF(size - 1, 0) * 3 OR fine < (total - fine) / NULLIF(size - 1, 0) / 3)""",
            [],
        ),
        "overlimit": (
            """SELECT id FROM cases_case
               WHERE status IN ('investigating', 'reviewing', 'notified', 'hearing') AND decision_due < %s""",
            [TODAY],
        ),
        "repeat_fine": (
            """SELECT c.agency_id, COALESCE(NULLIF(c.party_credit_code, ''), c.party_id_number) AS party, i.code,
                      COUNT(DISTINCT c.id)
               FROM cases_case_items ci
               JOIN cases_case c ON c.id = ci.case_id
               JOIN cases_decision d ON d.case_id = c.id
               JOIN catalog_enforcementitem i ON i.id = ci.enforcementitem_id
               WHERE d.kind = 'penalty' AND d.fine > 0 AND d.decided_on >= %s
               GROUP BY c.agency_id, COALESCE(NULLIF(c.party_credit_code, ''), c.party_id_number), i.code
               HAVING COUNT(DISTINCT c.id) >= 3""",
            [year_ago],
        ),
        "crime": (
            """SELECT d.case_id FROM cases_decision d WHERE d.kind = 'penalty' AND EXISTS (
                 SELECT 1 FROM review_reviewround r JOIN review_review v ON v.id = r.review_id
                 WHERE v.case_id = d.case_id AND r.suspected_crime)""",
            [],
        ),
        "repeat_inspection": (
            f"""SELECT i.id FROM inspections_inspection i WHERE EXISTS (
                 SELECT 1 FROM inspections_inspection o
                 WHERE o.subject_code = i.subject_code AND o.started_on >= {_days_before("i.started_on", 30)}
                   AND o.started_on <= i.started_on AND o.agency_id <> i.agency_id AND o.id <> i.id
                   AND NOT (o.task_id IS NOT NULL AND o.task_id = i.task_id)
                   AND (o.started_on < i.started_on OR o.id < i.id))""",
            [],
        ),
        "over_cap": (
            """SELECT i.subject_id, EXTRACT(YEAR FROM i.started_on) AS y, COUNT(*) FROM inspections_inspection i
               JOIN inspections_subject s ON s.id = i.subject_id
               GROUP BY i.subject_id, EXTRACT(YEAR FROM i.started_on)
               HAVING COUNT(*) > COALESCE(MAX(s.yearly_cap), %s)"""
            if connection.vendor == "postgresql"
            else """SELECT i.subject_id, strftime('%%Y', i.started_on) AS y, COUNT(*) FROM inspections_inspection i
               JOIN inspections_subject s ON s.id = i.subject_id
               GROUP BY i.subject_id, strftime('%%Y', i.started_on)
               HAVING COUNT(*) > COALESCE(MAX(s.yearly_cap), %s)""",
            [2],
        ),
    }
    return {**{code: [query] for code, query in single.items()}, **queries}


def _sql_rows(queries: list[tuple[str, list]]) -> int:
    found = 0
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            found += len(cursor.fetchall())
    return found


def _orm_rows(model) -> int:
    return sum(1 for _ in model.find(ModelContext(model, TODAY, Params(model))))


@benchmark("detection.models")
def detection_models(ctx: Context) -> list[Row]:
    data = _data(ctx)
    rows: list[Row] = []
    sql = _sql()
    for model in framework.registered():
        orm_count = _orm_rows(model)
        orm = measure(lambda m=model: _orm_rows(m), repeats=ctx.repeats)
        if model.code not in sql:
            rows.append(
                Row(
                    f"detection.{model.code}",
                    orm.median,
                    "s",
                    f"{orm_count} hits; no SQL twin (one query per duty)",
                )
            )
            continue
        queries = sql[model.code]
        sql_count = _sql_rows(queries)
        hand = measure(lambda q=queries: _sql_rows(q), repeats=ctx.repeats)
        agree = "" if sql_count == orm_count else f" MISMATCH: SQL {sql_count}"
        rows.append(
            Row(
                f"detection.{model.code}",
                orm.median,
                "s",
                f"{orm_count} hits{agree}; SQL {hand.median:.3f} s; ratio {orm.median / max(hand.median, 1e-6):.2f}×; {data['note']}",
            )
        )
    return rows


@benchmark("detection.run_all")
def detection_run_all(ctx: Context) -> list[Row]:
    _data(ctx)
    started = time.perf_counter()
    runs = services.run_all(actor=None, today=TODAY)
    seconds = time.perf_counter() - started
    return [
        Row("detection.run_all", seconds, "s", f"{sum(r.found for r in runs)} hits stored with their records")
    ]
