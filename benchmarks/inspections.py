"""双随机 draws (zhifa.inspections).

inspections.draw: the draw algorithm alone (inspections.drawing.run) on a stratified candidate list of
500,000 subjects (A 40 %, B 35 %, C 20 %, D 5 %, at the default ratios 1/2/10/30 % → ~21,500 drawn) and
one pool of 5,000 inspectors, two per subject, with 5,000 回避 pairs — ms per draw. Target ≤ 50 ms.
inspections.verify: what `zhifa verify-draw` does with the published file of that draw: parse the JSON,
hash the input, check the commitment and the ordering, rerun, compare.
inspections.commit / inspections.run: the services on the database (draw_commit reads the directory,
builds the pools and 回避 pairs and hashes; draw_run draws and creates the tasks) with 20,000 subjects
and 200 inspectors at scale 1 (ZHIFA_BENCH_SCALE=25 gives 500,000 and 5,000).
Sizes: ZHIFA_BENCH_SCALE scales the database benchmark; ZHIFA_BENCH_DRAW_SUBJECTS (default 500000) and
ZHIFA_BENCH_DRAW_INSPECTORS (default 5000) set the algorithm's.
"""

import json
import os
import secrets
from datetime import date

from zhifa.core.validators import credit_code_with_check
from zhifa.inspections import drawing

from . import Context, Row, benchmark, measure
from .catalog import FOOD

DRAW_SUBJECTS = int(os.environ.get("ZHIFA_BENCH_DRAW_SUBJECTS", "500000"))
DRAW_INSPECTORS = int(os.environ.get("ZHIFA_BENCH_DRAW_INSPECTORS", "5000"))
DB_SUBJECTS, DB_INSPECTORS = 20_000, 200


def _risk(n: int) -> str:
    share = n % 20
    return "A" if share < 8 else "B" if share < 15 else "C" if share < 19 else "D"


def _synthetic_input(subjects: int, inspectors: int) -> drawing.DrawInput:
    codes = sorted(credit_code_with_check(f"91{n:015d}") for n in range(subjects))
    strata = {level: [] for level in drawing.STRATA}
    for n, code in enumerate(codes):
        strata[_risk(n)].append(code)
    pool = sorted(f"JZ{n:08d}" for n in range(inspectors))
    conflicts = sorted(
        [codes[n * (subjects // 5000 or 1) % subjects], pool[n % inspectors]] for n in range(5000)
    )
    return drawing.DrawInput(
        candidates=strata,
        ratios={"A": "1", "B": "2", "C": "10", "D": "30"},
        inspector_pools=[{"agency": "BENCH", "inspectors": pool}],
        per_subject=2,
        conflicts=[list(pair) for pair in dict.fromkeys(map(tuple, conflicts))],
    )


@benchmark("inspections.draw")
def draw_algorithm(ctx: Context) -> list[Row]:
    data = _synthetic_input(DRAW_SUBJECTS, DRAW_INSPECTORS)
    seed = secrets.token_hex(32)
    result = drawing.run(seed, data)
    drawn = sum(len(codes) for codes in result["subjects"].values())
    timing = measure(lambda: drawing.run(secrets.token_hex(32), data), repeats=max(ctx.repeats, 5), warmup=1)
    document = {
        "algorithm": drawing.ALGORITHM,
        "input": data.as_json(),
        "candidate_hash": data.digest(),
        "seed_commitment": drawing.seed_commitment(seed),
        "seed": seed,
        "result": result,
        "overrides": [],
    }
    text = json.dumps(document, ensure_ascii=False)

    def verify():
        if drawing.verify(json.loads(text)):
            raise AssertionError("the benchmark's own draw file does not verify")

    verify_timing = measure(verify, repeats=ctx.repeats)
    size = f"{DRAW_SUBJECTS:,} subjects, {DRAW_INSPECTORS:,} inspectors, {drawn:,} drawn"
    return [
        Row("inspections.draw", timing.median * 1000, "ms/draw", f"{size}; {timing.describe()}"),
        Row(
            "inspections.verify",
            verify_timing.median * 1000,
            "ms/file",
            f"file {len(text.encode()) / 1e6:.1f} MB; {verify_timing.describe()}",
        ),
    ]


@benchmark("inspections.services")
def draw_services(ctx: Context) -> list[Row]:
    import time

    from zhifa.catalog import services as catalog
    from zhifa.inspections import services
    from zhifa.inspections.models import Subject
    from zhifa.registry.models import Certificate, EnforcementField, Officer

    agency, subjects, inspectors = ctx.agency, ctx.n(DB_SUBJECTS), ctx.n(DB_INSPECTORS)
    field, _ = EnforcementField.objects.get_or_create(code="bench-insp", defaults={"name": "抽查基准"})
    draft = catalog.draft_open(actor=None, agency=agency)
    catalog.item_create(
        actor=None,
        draft=draft,
        code="BENCH-JC-001",
        name="基准抽查事项",
        category="inspection",
        field=field,
        level="county",
        is_random_inspection=True,
        inspection_object="经营者",
        inspection_method="现场检查",
        legal_bases=[FOOD],
    )
    catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=date(2000, 1, 1))
    Subject.objects.bulk_create(
        [
            Subject(agency=agency, kind="organisation", name=f"基准企业{n}", code=(c := credit_code_with_check(f"92{n:015d}")),
                    credit_code=c, risk_level=_risk(n))
            for n in range(subjects)
        ],
        batch_size=5000,
    )  # fmt: skip
    officers = Officer.objects.bulk_create(
        [Officer(agency=agency, name=f"检查员{n}", name_initials="jcy", id_number=f"BENCH{n:013d}") for n in range(inspectors)],
        batch_size=2000,
    )  # fmt: skip
    if officers and officers[0].pk is None:
        officers = list(Officer.objects.filter(agency=agency, name__startswith="检查员"))
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(officer=o, number=f"BJ{n:010d}", kind="enforcement", issuer="基准", issued_on=date(2000, 1, 1),
                        expires_on=date(2099, 1, 1))
            for n, o in enumerate(officers)
        ],
        batch_size=2000,
    )  # fmt: skip
    if certificates and certificates[0].pk is None:
        certificates = list(Certificate.objects.filter(number__startswith="BJ"))
    Certificate.fields.through.objects.bulk_create(
        [Certificate.fields.through(certificate_id=c.pk, enforcementfield_id=field.pk) for c in certificates],
        batch_size=5000,
    )
    plan = services.plan_create(
        actor=None,
        agency=agency,
        data=services.PlanInput(
            title="基准计划",
            year=2026,
            items=[(agency, "BENCH-JC-001")],
            ends_on=date(2026, 12, 31),
            frequency=99,
        ),
    )
    services.plan_publish(actor=None, plan=plan, on=date(2026, 3, 1))
    start = time.perf_counter()
    draw = services.draw_commit(actor=None, plan=plan)
    commit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    draw = services.draw_run(actor=None, draw=draw)
    run_seconds = time.perf_counter() - start
    size = f"{subjects:,} subjects, {inspectors:,} inspectors, {draw.tasks.count():,} tasks"
    return [
        Row("inspections.commit", commit_seconds * 1000, "ms", f"{size} (read directory, pools, 回避, hash)"),
        Row("inspections.run", run_seconds * 1000, "ms", f"{size} (draw + create tasks and assignments)"),
    ]
