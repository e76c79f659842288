"""The supervisor's 监督事项 list (zhifa.supervision.actions) at 30,000 items (ZHIFA_BENCH_SUPERVISION_ITEMS;
the issue measured 100,000).

supervision.item_list[<view>]: the count and the first page of 20 of `selectors.items_visible_to` — what
the list page and `GET /api/supervision/items` run — p95 over REQUESTS requests, for the city supervisor
(region scope over 4 counties of 25 departments each) with the default order, each filter of the page
(status, kind, category, one agency, overdue) and the deadline order, and for one department's own list.
ZHIFA_BENCH_SUPERVISION_ITEMS sets the number of items at scale 1 (ZHIFA_BENCH_SCALE multiplies it).
"""

import os
import statistics
import time
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import Role, User
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check
from zhifa.supervision.actions import selectors
from zhifa.supervision.actions.choices import (
    ItemStatus,
    ProblemCategory,
    SupervisionKind,
    TargetKind,
)
from zhifa.supervision.models import SupervisionItem

from . import Context, Row, benchmark

ITEMS = int(os.environ.get("ZHIFA_BENCH_SUPERVISION_ITEMS", "30000"))
COUNTIES = 4
DEPARTMENTS = 25  # per county
REQUESTS = 30
PAGE = 20
STATUSES = [ItemStatus.OPEN, ItemStatus.AWAITING, ItemStatus.AWAITING, ItemStatus.REPLIED] + [
    ItemStatus.CLOSED
] * 6  # most items of a few years are closed


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


@contextmanager
def _stamped_by_hand():
    """Let bulk_create keep the opening and update times given (auto_now(_add) would stamp them all now)."""
    fields = [SupervisionItem._meta.get_field(name) for name in ("opened_at", "updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (now, now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = now, now_add


def _build(ctx: Context, n: int) -> dict:
    city = Region.objects.get(pk=ctx.agency.region_id)
    bureau = Agency.objects.create(
        name="监督基准市司法局",
        kind="justice",
        region=city,
        credit_code=credit_code_with_check("11990166000000001"),
    )
    counties = []
    for c in range(COUNTIES):
        county = Region(code=f"9901{70 + c}", name=f"监督基准县{c}", level="county", parent=city)
        county.path = county.build_path()
        county.save()
        counties.append(county)
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"监督基准县{c}第{d}局",
            kind="department",
            region=counties[c],
            credit_code=credit_code_with_check(f"1199016{c}{d:09d}"),
        )
        for c in range(COUNTIES)
        for d in range(DEPARTMENTS)
    )
    today = timezone.localdate()
    started = timezone.now() - timedelta(days=3 * 365)
    step = timedelta(days=3 * 365) / max(n, 1)  # opening times spread over three years
    kinds, categories = SupervisionKind.values, ["", *ProblemCategory.values]
    batch = 10_000
    with _stamped_by_hand():
        for start in range(0, n, batch):
            with transaction.atomic():
                rows = []
                for i in range(start, min(n, start + batch)):
                    status = STATUSES[i % len(STATUSES)]
                    rows.append(
                        SupervisionItem(
                            bureau=bureau,
                            agency=agencies[(i * 7) % len(agencies)],
                            kind=kinds[i % 3],
                            target_kind=TargetKind.AGENCY,
                            category=categories[i % len(categories)],
                            title=f"监督事项{i}",
                            status=status,
                            due_on=None
                            if status in (ItemStatus.OPEN, ItemStatus.CLOSED)
                            else today + timedelta(days=i % 60 - 20),
                            opened_at=started + step * i,
                            updated_at=started + step * i,
                        )
                    )
                SupervisionItem.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a production database would have
    return {"bureau": bureau, "agencies": agencies}


def _user(agency: Agency, role: str, username: str) -> User:
    user = User.objects.create(username=username, real_name="基准", agency=agency)
    user.roles.set([Role.objects.get(code=role)])
    return User.objects.get(pk=user.pk)


def _sample(user, filters_of) -> tuple[float, int]:
    samples, total = [], 0
    for i in range(REQUESTS):
        start = time.perf_counter()
        items = selectors.items_visible_to(user, filters_of(i))
        total = items.count()
        list(items[:PAGE])
        samples.append(time.perf_counter() - start)
    return _p95(samples), total


@benchmark("supervision.item_list")
def item_list(ctx: Context) -> list[Row]:
    n = ctx.n(ITEMS)
    started = time.perf_counter()
    data = _build(ctx, n)
    build_s = time.perf_counter() - started
    supervisor = _user(data["bureau"], RoleCode.SUPERVISOR, "bench_item_supervisor")
    agencies = data["agencies"]
    head = _user(agencies[0], RoleCode.AGENCY_HEAD, "bench_item_head")
    F = selectors.ItemFilters
    views = {
        "default": (supervisor, lambda i: F()),
        "status": (supervisor, lambda i: F(status=ItemStatus.AWAITING)),
        "kind": (supervisor, lambda i: F(kind=SupervisionKind.values[i % 3])),
        "category": (supervisor, lambda i: F(category=ProblemCategory.values[i % 10])),
        "agency": (supervisor, lambda i: F(agency=agencies[(i * 13) % len(agencies)].pk)),
        "overdue": (supervisor, lambda i: F(overdue=True)),
        "due": (supervisor, lambda i: F(sort="due")),
        "own_agency": (head, lambda i: F()),
    }
    rows = []
    for name, (user, filters_of) in views.items():
        p95, total = _sample(user, filters_of)
        rows.append(
            Row(
                f"supervision.item_list[{name}]",
                p95 * 1000,
                "ms p95",
                f"count + first page of {PAGE}, {REQUESTS} requests; {total:,} of {n:,} items "
                f"(built in {build_s:.0f} s)",
            )
        )
    return rows
