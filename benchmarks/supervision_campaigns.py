"""案卷评查 campaigns (zhifa.supervision.campaigns).

supervision.campaign_draw: the draw algorithm alone (campaigns.drawing: hash the candidate list, check its
order, draw ten per agency) and the verification of its published file, over 1,000,000 closed case files
of 100 agencies (ZHIFA_BENCH_CAMPAIGN_DRAW_CASES, ZHIFA_BENCH_CAMPAIGN_AGENCIES) — ms per draw.
supervision.campaign_commit / supervision.campaign_run: the services on the database — campaign_commit
reads the region's closed files of the year with their decisions, sorts, hashes and seals the seed;
campaign_draw draws and adds the files — over 20,000 closed files of ten departments at scale 1
(ZHIFA_BENCH_CAMPAIGN_CASES; ZHIFA_BENCH_SCALE multiplies it: 50 gives 1,000,000).
supervision.prescore: the automatic pre-scoring of one drawn file (every check of the default template:
body, certificates, officers, evidence, crime, documents, service, deadlines, audio-video, discretion)
— p95 over the drawn files.
"""

import os
import secrets
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from zhifa.cases.choices import CaseStatus, DecisionKind, PartyKind
from zhifa.cases.models import Case, Decision
from zhifa.core import services as core_services
from zhifa.core.models import Region
from zhifa.core.validators import credit_code_with_check
from zhifa.registry.models import EnforcementField
from zhifa.supervision.campaigns import drawing, prescore, services
from zhifa.supervision.models import CampaignFile

from . import Context, Row, benchmark, measure
from .cases import _department

DRAW_CASES = int(os.environ.get("ZHIFA_BENCH_CAMPAIGN_DRAW_CASES", "1000000"))
DRAW_AGENCIES = int(os.environ.get("ZHIFA_BENCH_CAMPAIGN_AGENCIES", "100"))
DB_CASES = int(os.environ.get("ZHIFA_BENCH_CAMPAIGN_CASES", "20000"))
DEPARTMENTS = 10
YEAR = 2026
PRESCORE_FILES = 60


def _p95(seconds: list[float]) -> float:
    return statistics.quantiles(seconds, n=20)[-1] if len(seconds) >= 2 else seconds[0]


@benchmark("supervision.campaign_draw")
def draw_algorithm(ctx: Context) -> list[Row]:
    per = DRAW_CASES // DRAW_AGENCIES
    data = {
        "year": YEAR,
        "per_agency": 10,
        "agencies": [
            {"agency": f"A{a:05d}", "cases": [f"A{a:05d}罚〔{YEAR}〕{n:07d}号" for n in range(per)]}
            for a in range(DRAW_AGENCIES)
        ],
    }

    def commit_and_draw():
        drawing.check_input(data, 10)
        drawing.digest(data)
        return drawing.run(secrets.token_hex(32), data)

    timing = measure(commit_and_draw, repeats=ctx.repeats, warmup=1)
    seed = secrets.token_hex(32)
    document = {
        "algorithm": drawing.ALGORITHM,
        "input": data,
        "candidate_hash": drawing.digest(data),
        "seed_commitment": drawing.seed_commitment(seed),
        "seed": seed,
        "result": drawing.run(seed, data),
    }

    def verify():
        if drawing.verify(document, 10):
            raise AssertionError("the benchmark's own draw file does not verify")

    verify_timing = measure(verify, repeats=ctx.repeats)
    size = f"{per * DRAW_AGENCIES:,} closed files of {DRAW_AGENCIES} agencies, {10 * DRAW_AGENCIES:,} drawn"
    return [
        Row("supervision.campaign_draw", timing.median * 1000, "ms/draw", f"{size}; {timing.describe()}"),
        Row(
            "supervision.campaign_verify",
            verify_timing.median * 1000,
            "ms/verify",
            f"{size}; {verify_timing.describe()}",
        ),
    ]


def _bulk_closed(departments: list[dict], n: int, field) -> None:
    """n closed files with their decisions, 20,000 a transaction."""
    now = timezone.now()
    chunk = 20_000
    for start in range(0, n, chunk):
        with transaction.atomic():
            last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            Case.objects.bulk_create(
                [
                    Case(
                        agency=departments[i % DEPARTMENTS]["agency"],
                        number=f"评{i % DEPARTMENTS}罚〔{YEAR}〕{i // DEPARTMENTS + 1}号",
                        procedure="ordinary",
                        source="inspection",
                        status=CaseStatus.ARCHIVED if i % 3 else CaseStatus.CLOSED,
                        summary="销售不符合食品安全标准的食品",
                        discovered_on=date(YEAR, 1, 2) + timedelta(days=i % 200),
                        registered_on=date(YEAR, 1, 3) + timedelta(days=i % 200),
                        decision_due=date(YEAR, 4, 3) + timedelta(days=i % 200),
                        place="评查县人民路1号",
                        catalog_version=departments[i % DEPARTMENTS]["version"],
                        field=field,
                        party_kind=PartyKind.ORGANISATION,
                        party_name=f"评查县第{i}商店",
                        party_credit_code=credit_code_with_check(f"91990100MA{i % 1000:07d}"),
                        created_at=now,
                    )
                    for i in range(start, min(n, start + chunk))
                ],
                batch_size=2000,
            )
            pks = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True))
            Decision.objects.bulk_create(
                [
                    Decision(
                        case_id=pk,
                        kind=DecisionKind.PENALTY,
                        fine=Decimal(60000),
                        recommended_min=Decimal(50000),
                        recommended_max=Decimal(60000),
                        reasoning="说理",
                        decided_on=date(YEAR, 3, 1) + timedelta(days=k % 250),
                    )
                    for k, pk in enumerate(pks)
                ],
                batch_size=2000,
            )


def _data(ctx: Context) -> dict:
    if "campaigns.data" in ctx.shared:
        return ctx.shared["campaigns.data"]
    parent = Region.objects.get(pk=ctx.agency.region_id)
    region = core_services.region_create(
        actor=None, code="990188", name="评查县", level="county", parent=parent
    )
    field = EnforcementField.objects.get(code="market")
    bureau = core_services.agency_create(
        actor=None,
        name="评查县司法局",
        short_name="评司",
        kind="justice",
        region=region,
        credit_code=credit_code_with_check(f"11{region.code}000000900"),
    )
    departments = [_department(region, 50 + i, field) for i in range(DEPARTMENTS)]
    started = time.perf_counter()
    n = ctx.n(DB_CASES)
    _bulk_closed(departments, n, field)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    data = {
        "bureau": bureau,
        "cases": n,
        "build": f"{n:,} closed files in {time.perf_counter() - started:.0f} s",
    }
    ctx.shared["campaigns.data"] = data
    return data


@benchmark("supervision.campaign_commit")
def commit_and_draw(ctx: Context) -> list[Row]:
    data = _data(ctx)
    commits, draws, campaigns = [], [], []
    for k in range(ctx.repeats):
        campaign = services.campaign_create(actor=None, agency=data["bureau"], title=f"评查{k}", year=YEAR)
        start = time.perf_counter()
        services.campaign_commit(actor=None, campaign=campaign, per_agency=10)
        commits.append(time.perf_counter() - start)
        start = time.perf_counter()
        services.campaign_draw(actor=None, campaign=campaign)
        draws.append(time.perf_counter() - start)
        campaigns.append(campaign)
    ctx.shared["campaigns.drawn"] = campaigns[-1]
    size = f"{data['cases']:,} closed files of {DEPARTMENTS} departments ({data['build']})"
    return [
        Row(
            "supervision.campaign_commit",
            statistics.median(commits) * 1000,
            "ms",
            f"{size}; median of {len(commits)}",
        ),
        Row(
            "supervision.campaign_run",
            statistics.median(draws) * 1000,
            "ms",
            f"{DEPARTMENTS * 10} files drawn; median of {len(draws)}",
        ),
    ]


@benchmark("supervision.prescore")
def prescore_one_file(ctx: Context) -> list[Row]:
    if "campaigns.drawn" not in ctx.shared:
        commit_and_draw(ctx)
    campaign = ctx.shared["campaigns.drawn"]
    items = list(campaign.template_version.items.all())
    files = list(CampaignFile.objects.filter(campaign=campaign).select_related("case")[:PRESCORE_FILES])
    seconds = []
    for _ in range(ctx.repeats):
        for file in files:
            start = time.perf_counter()
            prescore.propose(items, file.case)
            seconds.append(time.perf_counter() - start)
    return [
        Row(
            "supervision.prescore",
            _p95(seconds) * 1000,
            "ms p95",
            f"{len(seconds)} runs over {len(files)} files, median {statistics.median(seconds) * 1000:.1f} ms",
        )
    ]
