"""The officer list at scale: 100,000 officers (ZHIFA_BENCH_REGISTRY_OFFICERS; the province has 300,000),
filtered by agency and certificate state."""

import os
import statistics
import time
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import Role, User
from zhifa.core.models import Agency
from zhifa.core.validators import credit_code_with_check
from zhifa.registry import selectors
from zhifa.registry.choices import CertificateStatus
from zhifa.registry.models import Certificate, Officer

from . import Context, Row, benchmark, synthetic_id_number

# at scale 1; the province's 300,000 is ZHIFA_BENCH_REGISTRY_OFFICERS=300000 (its build alone took 6 minutes)
OFFICERS = int(os.environ.get("ZHIFA_BENCH_REGISTRY_OFFICERS", "100000"))
AGENCIES = 300
REQUESTS = 50
PAGE = 20


def _build(ctx: Context, n: int) -> list[Agency]:
    """n officers across AGENCIES agencies; 80% hold a valid certificate, 10% an expired one."""
    region = ctx.agency.region
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"基准局{i}",
            kind="department",
            region=region,
            credit_code=credit_code_with_check(f"11990177{i:09d}"),
        )
        for i in range(AGENCIES)
    )
    today = timezone.localdate()
    batch = 10_000
    for start in range(0, n, batch):
        with transaction.atomic():
            officers = Officer.objects.bulk_create(
                Officer(
                    agency=agencies[i % AGENCIES],
                    name=f"人员{i}",
                    name_initials="ry",
                    id_number=synthetic_id_number(i, "110102"),
                )
                for i in range(start, min(n, start + batch))
            )
            Certificate.objects.bulk_create(
                Certificate(
                    officer=o,
                    number=f"BM{o.pk:010d}",
                    issuer="基准",
                    issued_on=date(2020, 1, 1),
                    expires_on=today + timedelta(days=365)
                    if _state(start + k) < 8
                    else today - timedelta(days=1),
                    status=CertificateStatus.VALID,
                )
                for k, o in enumerate(officers)
                if _state(start + k) < 9
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a production database would have
    return agencies


def _state(i: int) -> int:
    """0-7 valid certificate, 8 expired, 9 none — mixed within every agency."""
    return i // AGENCIES % 10


def _supervisor(agency: Agency) -> User:
    user = User.objects.create(username="bench_supervisor", real_name="基准", agency=agency)
    user.roles.set([Role.objects.get(code=RoleCode.SUPERVISOR)])
    return User.objects.get(pk=user.pk)


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


@benchmark("registry.officer_list")
def officer_list(ctx: Context) -> list[Row]:
    n = ctx.n(OFFICERS)
    started = time.perf_counter()
    agencies = _build(ctx, n)
    build_s = time.perf_counter() - started
    user = _supervisor(ctx.agency)
    rows = []
    for state in ("valid", "expired"):
        samples = []
        for i in range(REQUESTS):
            agency = agencies[(i * 7) % len(agencies)]
            start = time.perf_counter()
            officers = selectors.officers_visible_to(user, agency_id=agency.pk, certificate=state)
            total = officers.count()
            page = list(officers[:PAGE])
            samples.append(time.perf_counter() - start)
        rows.append(
            Row(
                f"registry.officer_list[{state}]",
                _p95(samples) * 1000,
                "ms p95",
                f"count + first page of {PAGE}, {REQUESTS} requests over {len(agencies)} agencies, "
                f"{n:,} officers (built in {build_s:.0f} s); last page had {len(page)} of {total}",
            )
        )
    return rows
