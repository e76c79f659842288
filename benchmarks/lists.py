"""The supervisor's pages at province scale: the case list and the 工作台, each timed as the whole page
(Django's test client: middleware, selectors, template, the bytes sent) at 300 officers and again after
bulk-inserting officers up to OFFICERS (30,000 at scale 1; ZHIFA_BENCH_LIST_OFFICERS=300000 for the
province). The goal (issue 16): the same cost at both — a page costs what its own rows cost, the 承办人员
picker searches remotely instead of listing every officer, and the 工作台's region-wide figures are
counted ahead (registry.summaries): between the two the hourly task's recount runs, timed on its own row.

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
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.registry.choices import TrainingKind
from zhifa.registry.models import EnforcementField, Officer, TrainingRecord

from . import Context, Row, benchmark, measure, synthetic_id_number
from ._environment import signed_in
from .cases import _bulk_cases, _department

DEPARTMENTS = 10
CASES = 20_000  # at scale 1
FEW = 300
OFFICERS = int(os.environ.get("ZHIFA_BENCH_LIST_OFFICERS", "30000"))
PAGES = {"cases.case_list": "/cases/", "core.workbench": "/"}
INDEX_BASE = 60  # the departments' numbers (credit codes) after those of benchmarks.cases


def _city() -> Region:
    region = Region(code="989900", name="基准市", level="city")
    region.path = region.build_path()
    region.save()
    return region


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


def _time_pages(ctx: Context, client: Client, officers: int) -> list[Row]:
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
        rows.append(Row(f"lists.{name}@{officers}", timing.median * 1000, "ms", notes))
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
        rows += _time_pages(ctx, client, many)
    few = {r.name.split("@")[0]: r.value for r in rows[: len(PAGES)]}
    for row in rows[len(PAGES) + 1 :]:
        key = row.name.split("@")[0]
        rows.append(Row(f"{key}.ratio", row.value / few[key], f"× ({many} vs {FEW} officers)", "goal ≈ 1"))
    notes = f"build {build_s:.1f} s, {many - FEW} officers added in {grow_s:.1f} s"
    rows.append(Row("lists.build", build_s + grow_s, "s", notes))
    return rows
