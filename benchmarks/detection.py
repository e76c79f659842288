"""A full run of the detection models (zhifa.detection, 线索中心) over a synthetic county, and the same
computation in hand-written SQL on the same database.

detection.<model>: seconds of `model.find` (the ORM query the model builds, plus turning each hit into its
reason and links), the seconds of the hand-written SQL returning the same rows with the same columns (what
the reasons are written from), and their ratio (goal ≤ 1.5×); the hit counts of both must agree (a row says
so when they do not), and the digest of the hits' keys and reasons shows that the data built either way
(below) gives the same hits. detection.run_all: every model through `services.run_all` (storing the hits
and their records) on the same data.

Sizes at scale 1: ZHIFA_BENCH_DETECTION_CASES (default 20,000 decided cases, each with two handlers and
an item) and ZHIFA_BENCH_DETECTION_INSPECTIONS (default 100,000 inspections of 20,000 enterprises);
ZHIFA_BENCH_SCALE multiplies both. The issue's target — 1,000,000 cases and 5,000,000 inspections — is
ZHIFA_BENCH_DETECTION_CASES=1000000 ZHIFA_BENCH_DETECTION_INSPECTIONS=5000000 with ZHIFA_BENCH_DATABASE_URL
(PostgreSQL; `python -m benchmarks detection.models` to leave out run_all). On PostgreSQL the rows are made
by INSERT … SELECT over generate_series, column for column the rows the ORM set-up makes (minutes at the
issue's scale); ZHIFA_BENCH_DETECTION_BUILD=orm builds them through the ORM there too (as on SQLite, where
the issue's scale takes hours).
"""

import hashlib
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

from . import Context, Row, benchmark, measure, synthetic_id_number
from .cases import FOOD, ON
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


# ---- the same data by INSERT … SELECT on PostgreSQL (the scale in minutes, not hours) ----------


def _insert_select(model, source: str, params: list, exprs: dict[str, str], /, **constants) -> None:
    """INSERT INTO model's table SELECT … FROM `source` (its parameters: `params`): the columns of `exprs`
    are SQL expressions over the source (no parameters of their own), every other column what
    `model(**constants)` would be saved with (its defaults, auto_now_add), bound once — the rows the ORM
    set-up builds, column for column."""
    proto = model(**constants)
    columns, values, bound = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key and f.column not in exprs:
            continue
        columns.append(connection.ops.quote_name(f.column))
        if f.column in exprs:
            values.append(exprs[f.column])
        else:
            values.append("%s")
            bound.append(f.get_db_prep_save(f.pre_save(proto, add=True), connection))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {source}",
            [*bound, *params],
        )


def _ids(values: list[int]) -> str:
    return f"ARRAY[{', '.join(str(int(v)) for v in values)}]::bigint[]"


def _cases_sql(departments: list[dict], n: int, field) -> None:
    """`_cases` (the cases, their decisions, items and handlers) in five statements."""
    agencies = _ids([d["agency"].pk for d in departments])
    versions = _ids([d["version"].pk for d in departments])
    codes = [credit_code_with_check(f"91990100MA{k:07d}") for k in range(5000)]
    _insert_select(
        Case,
        "generate_series(0, %s) AS g(i) CROSS JOIN (SELECT %s::text[] AS codes) k ORDER BY g.i",
        [n - 1, codes],
        {
            "agency_id": f"({agencies})[g.i %% {DEPARTMENTS} + 1]",
            "number": f"'线' || (g.i %% {DEPARTMENTS}) || '罚〔2026〕' || (g.i / {DEPARTMENTS} + 1) || '号'",
            "status": (
                f"CASE WHEN g.i %% 50 = 0 THEN '{CaseStatus.INVESTIGATING}' WHEN g.i %% 40 = 1 "
                f"THEN '{CaseStatus.DECIDED}' ELSE '{CaseStatus.CLOSED}' END"
            ),
            "discovered_on": "DATE '2026-01-02' + g.i %% 300",
            "registered_on": "DATE '2026-01-03' + g.i %% 300",
            "decision_due": "DATE '2026-04-03' + g.i %% 300",
            "catalog_version_id": f"({versions})[g.i %% {DEPARTMENTS} + 1]",
            "party_name": "'线索县第' || (g.i %% 5000) || '商店'",
            "party_credit_code": "k.codes[g.i %% 5000 + 1]",
        },
        procedure="ordinary",
        source="inspection",
        summary="销售不符合食品安全标准的食品",
        place="线索县人民路1号",
        field=field,
        party_kind=PartyKind.ORGANISATION,
    )
    # each case with its index i in the set-up's order (the pks grow with i, as in `_cases`)
    numbered = "(SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS i FROM cases_case WHERE agency_id = ANY(%s)) c"
    agency_ids = [d["agency"].pk for d in departments]
    _insert_select(
        Decision,
        f"{numbered} WHERE c.i %% 50 <> 0 ORDER BY c.i",
        [agency_ids],
        {
            "case_id": "c.id",
            "fine": "((5000 + (c.i::bigint * 37) %% 3000) * CASE WHEN c.i %% 97 = 0 THEN 8 ELSE 1 END)::numeric",
            "level": f"(ARRAY{LEVELS!r})[c.i %% 4 + 1]",
            "deviation_reason": "CASE WHEN c.i %% 5 = 0 THEN '情节特殊' ELSE '' END",
            "decided_on": "DATE '2026-03-01' + ((c.i::bigint * 7) %% 270)::int",
        },
        kind=DecisionKind.PENALTY,
        recommended_min=Decimal(4000),
        recommended_max=Decimal(8000),
        reasoning="说理",
    )
    items = _ids([d["item"].pk for d in departments])
    _insert_select(
        Case.items.through,
        f"{numbered} ORDER BY c.i",
        [agency_ids],
        {"case_id": "c.id", "enforcementitem_id": f"({items})[c.i %% {DEPARTMENTS} + 1]"},
    )
    officers = _ids([o.pk for d in departments for o in d["officers"]])
    _insert_select(
        CaseHandler,
        f"{numbered} CROSS JOIN (VALUES (1, '{HandlerRole.LEAD}'), (2, '{HandlerRole.CO}')) AS r(k, role) "
        "ORDER BY c.i, r.k",
        [agency_ids],
        {
            "case_id": "c.id",
            "officer_id": f"({officers})[(c.i %% {DEPARTMENTS}) * 2 + r.k]",
            "role": "r.role",
        },
    )


def _inspections_sql(departments: list[dict], region, n: int) -> None:
    """`_inspections` in two statements."""
    user = User.objects.create(
        username="bench_detection_inspector", real_name="检查员", agency=departments[0]["agency"]
    )
    subjects = max(1, n // 5)
    _insert_select(
        Subject,
        "generate_series(0, %s) AS g(s) ORDER BY g.s",
        [subjects - 1],
        {
            "agency_id": f"({_ids([d['agency'].pk for d in departments])})[g.s %% {DEPARTMENTS} + 1]",
            "name": "'线索县第' || g.s || '企业'",
            "code": "'S' || lpad(g.s::text, 8, '0')",
            "qr_token": "'bench-detection-' || g.s",
        },
        kind="organisation",
        region=region,
    )
    _insert_select(
        Inspection,
        "generate_series(0, %s) AS g(i) JOIN (SELECT id, code, (row_number() OVER (ORDER BY id) - 1)::int AS k "
        f"FROM inspections_subject WHERE region_id = %s) s ON s.k = g.i %% {subjects} ORDER BY g.i",
        [n - 1, region.pk],
        {
            "agency_id": f"({_ids([d['agency'].pk for d in departments])})[(g.i::bigint * 3) %% {DEPARTMENTS} + 1]",
            "subject_id": "s.id",
            "subject_code": "s.code",
            "started_on": f"DATE '2026-01-01' + ((g.i / {subjects}) * 61 + g.i %% 7)",
        },
        started_by=user,
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
            agency=agency,
            name=f"线索员{index}{k}",
            id_number=synthetic_id_number(500 + index * 2 + k, "110101"),
            kind="officer",
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
    by_sql = (
        connection.vendor == "postgresql" and os.environ.get("ZHIFA_BENCH_DETECTION_BUILD", "sql") == "sql"
    )
    if by_sql:
        with transaction.atomic():
            _cases_sql(departments, cases, field)
            _inspections_sql(departments, region, inspections)
    else:
        _cases(departments, cases, field)
        _inspections(departments, region, inspections)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    data = {
        "note": (
            f"{cases:,} cases, {inspections:,} inspections built in {time.perf_counter() - started:.0f} s"
            f"{' (INSERT … SELECT)' if by_sql else ''}"
        )
    }
    ctx.shared["detection.data"] = data
    return data


# ---- the same computations in hand-written SQL ------------------------------------------------------


def _days_before(column: str, days: int) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - {int(days)})"
    return f"date({column}, '-{int(days)} days')"


def _iso(column: str) -> str:
    """A date column as its ISO text (what the models put in their reasons)."""
    return f"CAST({column} AS TEXT)" if connection.vendor == "sqlite" else f"CAST({column} AS VARCHAR)"


def _sql() -> dict[str, list[tuple[str, list]]]:
    """Each model's hits in hand-written SQL: the same rows with the same columns the model's query selects
    (what its reasons and links are written from)."""
    year_ago = TODAY - timedelta(days=365)
    month = f"substr({_iso('d.decided_on')}, 1, 7)"
    year = f"substr({_iso('i.started_on')}, 1, 4)"
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
                f"""SELECT agency_id, name, month, total, n FROM (
                     SELECT c.agency_id, MAX(a.name) AS name, {month} AS month, SUM(d.fine) AS total,
                            COUNT(*) AS n, SUM(SUM(d.fine)) OVER (PARTITION BY c.agency_id) AS year_total
                     FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
                     JOIN core_agency a ON a.id = c.agency_id
                     WHERE d.kind = 'penalty' AND d.fine > 0 AND d.decided_on > %s
                     GROUP BY c.agency_id, {month}) g
                   WHERE year_total >= 100000 AND total * 100 > year_total * 40""",
                [year_ago],
            ),
            (
                """SELECT d.case_id, c.agency_id, a.name, c.number, c.summary, d.fine
                   FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
                   JOIN core_agency a ON a.id = c.agency_id JOIN core_region ar ON ar.id = a.region_id
                   WHERE d.kind = 'penalty' AND d.fine > 0 AND EXISTS (
                     SELECT 1 FROM inspections_inspection i JOIN inspections_subject s ON s.id = i.subject_id
                     JOIN core_region sr ON sr.id = s.region_id
                     WHERE i.case_id = d.case_id AND sr.path NOT LIKE ar.path || '%%')""",
                [],
            ),
        ],
    }
    single = {
        "discretion": (
            """SELECT d.case_id, c.agency_id, c.number, c.summary, d.fine, d.recommended_min, d.recommended_max,
                      d.level
               FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
               WHERE d.kind = 'penalty' AND d.fine IS NOT NULL AND d.recommended_min IS NOT NULL
                 AND TRIM(d.deviation_reason) = ''
                 AND (d.fine < d.recommended_min OR (d.recommended_max IS NOT NULL AND d.fine > d.recommended_max))""",
            [],
        ),
        "disparity": (
            """SELECT case_id, agency_id, number, summary, code, name, level, fine, size, others FROM (
                 SELECT ci.case_id, c.agency_id, c.number, c.summary, i.code, i.name, d.level, d.fine,
                        COUNT(*) OVER w AS size, (SUM(d.fine) OVER w - d.fine) / NULLIF(COUNT(*) OVER w - 1, 0) AS others
                 FROM cases_case_items ci
                 JOIN cases_case c ON c.id = ci.case_id
                 JOIN cases_decision d ON d.case_id = ci.case_id
                 JOIN catalog_enforcementitem i ON i.id = ci.enforcementitem_id
                 WHERE d.kind = 'penalty' AND d.fine IS NOT NULL
                 WINDOW w AS (PARTITION BY i.code, d.level)
               ) g
               WHERE size >= 5 AND (fine > others * 3 OR fine < others / 3)""",
            [],
        ),
        "overlimit": (
            f"""SELECT id, agency_id, number, summary, {_iso("registered_on")}, {_iso("decision_due")}, status
               FROM cases_case
               WHERE status IN ('investigating', 'reviewing', 'notified', 'hearing') AND decision_due < %s""",
            [TODAY],
        ),
        "repeat_fine": (
            """SELECT c.agency_id, COALESCE(NULLIF(c.party_credit_code, ''), c.party_id_number) AS party, i.code,
                      COUNT(DISTINCT c.id), SUM(d.fine), MAX(c.id), MAX(c.party_name), MAX(i.name)
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
            """SELECT d.case_id, c.agency_id, c.number, c.summary, d.fine, d.decided_on
               FROM cases_decision d JOIN cases_case c ON c.id = d.case_id
               WHERE d.kind = 'penalty' AND EXISTS (
                 SELECT 1 FROM review_reviewround r JOIN review_review v ON v.id = r.review_id
                 WHERE v.case_id = d.case_id AND r.suspected_crime)""",
            [],
        ),
        "repeat_inspection": (
            f"""SELECT i.id, i.agency_id, a.name, i.subject_id, s.name, {_iso("i.started_on")}
               FROM inspections_inspection i JOIN core_agency a ON a.id = i.agency_id
               JOIN inspections_subject s ON s.id = i.subject_id
               WHERE EXISTS (
                 SELECT 1 FROM inspections_inspection o
                 WHERE o.subject_code = i.subject_code AND o.started_on >= {_days_before("i.started_on", 30)}
                   AND o.started_on <= i.started_on AND o.agency_id <> i.agency_id AND o.id <> i.id
                   AND NOT (o.task_id IS NOT NULL AND o.task_id = i.task_id)
                   AND (o.started_on < i.started_on OR o.id < i.id))""",
            [],
        ),
        "over_cap": (
            f"""SELECT i.subject_id, {year}, COUNT(*), MAX(s.name), MAX(s.agency_id), MAX(s.yearly_cap),
                       COUNT(DISTINCT i.agency_id)
               FROM inspections_inspection i JOIN inspections_subject s ON s.id = i.subject_id
               GROUP BY i.subject_id, {year}
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


def _digest(model) -> str:
    """A short digest of the hits (keys and reasons): the same data built either way gives the same."""
    found = sorted(f"{f.key}\t{f.reason}" for f in model.find(ModelContext(model, TODAY, Params(model))))
    return hashlib.sha256("\n".join(found).encode()).hexdigest()[:8]


@benchmark("detection.models")
def detection_models(ctx: Context) -> list[Row]:
    data = _data(ctx)
    rows: list[Row] = []
    sql = _sql()
    for model in framework.registered():
        orm_count = _orm_rows(model)
        digest = _digest(model)
        orm = measure(lambda m=model: _orm_rows(m), repeats=ctx.repeats)
        if model.code not in sql:
            rows.append(
                Row(
                    f"detection.{model.code}",
                    orm.median,
                    "s",
                    f"{orm_count} hits (digest {digest}); no SQL twin (one query per duty)",
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
                f"{orm_count} hits (digest {digest}){agree}; SQL {hand.median:.3f} s; ratio {orm.median / max(hand.median, 1e-6):.2f}×; {data['note']}",
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
