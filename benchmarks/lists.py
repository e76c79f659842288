"""The supervisor's pages at province scale: the case list and the 工作台, each timed as the whole page
(Django's test client: middleware, selectors, template, the bytes sent) at 300 officers and again after
bulk-inserting officers up to OFFICERS (30,000 at scale 1; ZHIFA_BENCH_LIST_OFFICERS=300000 for the
province). The goal (issue 16): the same cost at both — a page costs what its own rows cost, the 承办人员
picker searches remotely instead of listing every officer, and the 工作台's region-wide figures are
counted ahead (registry.summaries): between the two the hourly task's recount runs, timed on its own row.

Then the pages once more after another city's OTHER_CASES cases (50,000 at scale 1;
ZHIFA_BENCH_LIST_OTHER_CASES) and five records each are bulk-inserted: rows the supervisor never sees, so
the `.other_region_ratio` rows should read ≈ 1 (the 工作台 once took forty times as long from another
region's cases and records: docs/performance.md). `make bench` runs this module after `cases`, whose
100,000 cases and 500,000 records of another city are then in the database from the first reading on; the
notes give the other regions' cases and records at each reading.

Data (not timed): a city of its own with DEPARTMENTS 市场监督管理局 (published catalogue, two certified
officers each), CASES cases bulk-inserted among them, a 司法局 with a 执法监督人员 (region scope); the
officers added in bulk each carry a few hours of training in the year (all short of the 60 hours).
"""

import os
import random
import time
from decimal import Decimal

from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import Role, User
from zhifa.cases.models import Case
from zhifa.core.models import Agency, Record, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.registry.choices import TrainingKind
from zhifa.registry.models import EnforcementField, Officer, TrainingRecord

from . import Context, Row, benchmark, measure, synthetic_id_number
from ._environment import signed_in
from .cases import _bulk_cases, _bulk_records, _department

DEPARTMENTS = 10
CASES = 20_000  # at scale 1
FEW = 300
OFFICERS = int(os.environ.get("ZHIFA_BENCH_LIST_OFFICERS", "30000"))
PAGES = {"cases.case_list": "/cases/", "core.workbench": "/"}
INDEX_BASE = 60  # the departments' numbers (credit codes) after those of benchmarks.cases
OTHER_CASES = int(os.environ.get("ZHIFA_BENCH_LIST_OTHER_CASES", "50000"))
OTHER_RECORDS_PER_CASE = 5
OTHER_INDEX_BASE = 80  # the other city's departments (credit codes, officers' ID numbers)


def _city(code: str = "989900", name: str = "基准市") -> Region:
    region = Region(code=code, name=name, level="city")
    region.path = region.build_path()
    region.save()
    return region


def _other_region(ctx: Context, field: EnforcementField) -> None:
    """Another city's departments, cases and records: data outside the supervisor's region."""
    region = _city("989800", "基准外市")
    departments = [_department(region, OTHER_INDEX_BASE + i, field) for i in range(DEPARTMENTS)]
    made = _bulk_cases(departments, ctx.n(OTHER_CASES), field, random.Random(17))
    _bulk_records(departments, made, len(made) * OTHER_RECORDS_PER_CASE)


def _outside(region: Region) -> str:
    """The cases and records of agencies outside `region` (what the pages must not read)."""
    cases = Case.objects.exclude(agency__region__path__startswith=region.path).count()
    records = Record.objects.exclude(agency__region__path__startswith=region.path).count()
    return f"{cases:,} cases / {records:,} records outside the region"


def _supervisor(region: Region) -> User:
    justice = Agency.objects.create(
        name="基准市司法局",
        kind="justice",
        region=region,
        credit_code=credit_code_with_check("11989900000000001"),
    )
    user = User.objects.create(username="bench_list_supervisor", real_name="监督", agency=justice)
    user.roles.set([Role.objects.get(code=RoleCode.SUPERVISOR)])
    return User.objects.get(pk=user.pk)


def _add_officers(agencies: list[Agency], start: int, stop: int) -> None:
    """Officers start..stop-1 spread over `agencies`, each with 8 hours of training this year."""
    trained_on = timezone.localdate().replace(month=1, day=15)
    batch = 10_000
    for first in range(start, stop, batch):
        with transaction.atomic():
            made = Officer.objects.bulk_create(
                Officer(
                    agency=agencies[i % len(agencies)],
                    name=f"批量人员{i}",
                    name_initials="plry",
                    id_number=synthetic_id_number(i, "110106"),
                )
                for i in range(first, min(stop, first + batch))
            )
            TrainingRecord.objects.bulk_create(
                TrainingRecord(
                    officer=o, on=trained_on, hours=Decimal(8), kind=TrainingKind.BUSINESS, title="业务培训"
                )
                for o in made
            )


def _time_pages(ctx: Context, client: Client, officers: int, suffix: str = "") -> list[Row]:
    rows = []
    for name, url in PAGES.items():
        sizes = []

        def get(url=url, sizes=sizes):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            sizes.append(len(response.content))

        timing = measure(get, repeats=ctx.repeats, warmup=1)
        notes = f"{timing.describe()}; {sizes[-1] / 1024:.0f} KB"
        rows.append(Row(f"lists.{name}@{officers}{suffix}", timing.median * 1000, "ms", notes))
    return rows


def _recount(officers: int) -> Row:
    """The scheduled task `registry-summaries` over the scopes the pages counted (the supervisor's):
    the cost moved off the 工作台, linear in the region's officers."""
    from zhifa.registry import summaries

    started = time.perf_counter()
    scopes = summaries.recount_all(today=timezone.localdate())
    elapsed = time.perf_counter() - started
    return Row(f"lists.registry_summaries@{officers}", elapsed * 1000, "ms", f"{scopes} scope(s) recounted")


@benchmark("lists.supervisor")
def supervisor_pages(ctx: Context) -> list[Row]:
    started = time.perf_counter()
    region = _city()
    field = EnforcementField.objects.get_or_create(code="market", defaults={"name": "市场监管"})[0]
    departments = [_department(region, INDEX_BASE + i, field) for i in range(DEPARTMENTS)]
    _bulk_cases(departments, ctx.n(CASES), field, random.Random(16))
    supervisor = _supervisor(region)
    agencies = [d["agency"] for d in departments]
    existing = Officer.objects.filter(agency__in=agencies).count()
    _add_officers(agencies, 0, FEW - existing)
    build_s = time.perf_counter() - started
    rows = []
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        client = Client()
        signed_in(client, supervisor)
        rows += _time_pages(ctx, client, FEW)
        started = time.perf_counter()
        many = max(FEW + 1, round(OFFICERS * ctx.scale))
        _add_officers(agencies, FEW, many - existing)
        grow_s = time.perf_counter() - started
        rows.append(_recount(many))  # what the hourly task does before the next 工作台 reads the row
        at_many = _time_pages(ctx, client, many)
        rows += at_many
        before = _outside(region)
        started = time.perf_counter()
        _other_region(ctx, field)
        other_s = time.perf_counter() - started
        after = _outside(region)
        at_other = _time_pages(ctx, client, many, suffix="+other_region")
        rows += at_other
    few = {r.name.split("@")[0]: r.value for r in rows[: len(PAGES)]}
    for row in at_many:
        key = row.name.split("@")[0]
        rows.append(Row(f"{key}.ratio", row.value / few[key], f"× ({many} vs {FEW} officers)", "goal ≈ 1"))
    for plain, other in zip(at_many, at_other, strict=True):
        key = plain.name.split("@")[0]
        notes = f"goal ≈ 1; {before} at {plain.value:.0f} ms, {after} at {other.value:.0f} ms"
        rows.append(
            Row(f"{key}.other_region_ratio", other.value / plain.value, "× (another city added)", notes)
        )
    notes = (
        f"build {build_s:.1f} s, {many - FEW} officers added in {grow_s:.1f} s, "
        f"another city's {ctx.n(OTHER_CASES):,} cases and records in {other_s:.1f} s"
    )
    rows.append(Row("lists.build", build_s + grow_s + other_s, "s", notes))
    return rows
