"""A synthetic province (合成省份) for benchmarks: `python -m benchmarks.province --scale tiny|default|province`
on a fresh database (ZHIFA_BENCH_DATABASE_URL as for `python -m benchmarks`), or `generate(SCALES[...])`
from a benchmark.

Shape (GB/T 2260): one province 99, its cities 99CC00, their counties 99CCKK; enforcement bodies spread over
the counties; officers, cases and inspection subjects spread over the bodies; every case's process in its
body's record chain (records.append_many, so the chains verify). Dates spread over 2022–2026 (Gaussian around
mid-period, weekdays and weekends alike), handlers' case loads skewed (a few officers carry many cases).
Rows go in with bulk_create in batches of 5,000 (both databases); records with append_many (one executemany
per 5,000). At `--scale province` that is hours on SQLite; run it on PostgreSQL.
"""

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta

from . import synthetic_id_number

BATCH = 5000


@dataclass(frozen=True)
class Scale:
    cities: int
    counties_per_city: int
    bodies: int
    officers: int
    cases: int
    records: int
    subjects: int


SCALES = {
    "tiny": Scale(cities=2, counties_per_city=2, bodies=4, officers=30, cases=50, records=300, subjects=40),
    "default": Scale(
        cities=4,
        counties_per_city=5,
        bodies=200,
        officers=3_000,
        cases=20_000,
        records=200_000,
        subjects=50_000,
    ),
    "province": Scale(
        cities=16,
        counties_per_city=8,
        bodies=20_000,
        officers=300_000,
        cases=2_000_000,
        records=20_000_000,
        subjects=5_000_000,
    ),
}

START = date(2022, 1, 1)
DAYS = (date(2026, 11, 30) - START).days


def _day(rng: random.Random) -> date:
    """A date in 2022–2026, denser in the middle of the period (enforcement grows, then levels off)."""
    return START + timedelta(days=min(DAYS, max(0, round(rng.gauss(DAYS / 2, DAYS / 4)))))


class _Subject:
    """What records.append_many needs of a subject (its label and pk) without a model per record."""

    def __init__(self, meta, pk: int):
        self._meta, self.pk = meta, pk


def generate(scale: Scale, *, seed: int = 2026, log=None) -> dict[str, float]:
    """Build the province on the current (empty) database; return seconds per part."""
    from zhifa.cases.models import Case
    from zhifa.catalog import services as catalog
    from zhifa.core import records
    from zhifa.core.models import Agency, Region
    from zhifa.core.validators import credit_code_with_check
    from zhifa.inspections.models import Subject
    from zhifa.registry.models import EnforcementField, Officer

    from .cases import FOOD, LEVELS, ON

    rng = random.Random(seed)
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(part: str) -> None:
        nonlocal started
        seconds[part] = time.perf_counter() - started
        started = time.perf_counter()
        if log:
            log(f"{part}: {seconds[part]:.1f} s")

    province = Region(code="990000", name="江南省", level="province")
    province.path = province.build_path()
    province.save()
    cities = []
    for c in range(1, scale.cities + 1):
        city = Region(code=f"99{c:02d}00", name=f"第{c}市", level="city", parent=province)
        city.path = city.build_path()
        cities.append(city)
    Region.objects.bulk_create(cities)
    counties = []
    for city in cities:
        for k in range(1, scale.counties_per_city + 1):
            county = Region(
                code=f"{city.code[:4]}{k:02d}", name=f"{city.name}第{k}县", level="county", parent=city
            )
            county.path = county.build_path()
            counties.append(county)
    Region.objects.bulk_create(counties)
    lap("regions")

    bodies = [
        Agency(
            name=f"{counties[b % len(counties)].name}第{b // len(counties) + 1}执法部门",
            credit_code=credit_code_with_check(f"11{counties[b % len(counties)].code}{b:09d}"),
            kind="department",
            region=counties[b % len(counties)],
        )
        for b in range(scale.bodies)
    ]
    Agency.objects.bulk_create(bodies, batch_size=BATCH)
    body_ids = list(
        Agency.objects.filter(region__path__startswith=province.path).values_list("id", flat=True)
    )
    lap("bodies")

    officers = (
        Officer(
            agency_id=body_ids[n % len(body_ids)],
            name=f"执法员{n}",
            name_initials="ZFY",
            id_number=synthetic_id_number(n, counties[n % len(counties)].code),
            post="执法岗",
        )
        for n in range(scale.officers)
    )
    _bulk(Officer, officers)
    lap("officers")

    field = EnforcementField.objects.get(code="market")
    first = Agency.objects.get(pk=body_ids[0])
    draft = catalog.draft_open(actor=None, agency=first)
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
        actor=None, item=item, legal_basis=item.legal_bases.get(), levels=LEVELS, fact_label="货值金额（元）"
    )
    version = catalog.version_publish(actor=None, draft=draft, reason="initial", effective_from=ON)

    # busy bodies: a Pareto spread of the cases over the bodies (a few carry many)
    weights = [rng.paretovariate(1.5) for _ in body_ids]
    case_bodies = rng.choices(body_ids, weights=weights, k=scale.cases)
    cases = (
        Case(
            agency_id=case_bodies[i],
            procedure="ordinary" if i % 5 else "simple",
            source=("inspection", "complaint", "transfer", "monitoring")[i % 4],
            summary="销售不符合食品安全标准的食品",
            discovered_on=_day(rng),
            place=f"人民路{i % 500 + 1}号",
            catalog_version=version,
            field=field,
            party_kind="organisation" if i % 3 else "person",
            party_name=f"第{i % 10_000}商店",
        )
        for i in range(scale.cases)
    )
    _bulk(Case, cases)
    lap("cases")

    subjects = (
        Subject(
            agency_id=body_ids[s % len(body_ids)],
            kind="organisation" if s % 4 else "individual_business",
            name=f"第{s}市场主体",
            code=f"S{s:09d}",
            qr_token=f"province-{s}",
            region=counties[s % len(counties)],
        )
        for s in range(scale.subjects)
    )
    _bulk(Subject, subjects)
    lap("subjects")

    meta = Case._meta
    case_ids: dict[int, list[int]] = {}
    for case_id, agency_id in Case.objects.values_list("id", "agency_id").iterator(BATCH):
        case_ids.setdefault(agency_id, []).append(case_id)
    per_case = max(1, scale.records // max(1, scale.cases))
    actions = ("case.intake", "case.register", "case.step", "case.submit_review", "case.decide", "case.close")
    left = scale.records
    for agency in Agency.objects.filter(pk__in=case_ids).order_by("pk"):
        if left <= 0:
            break
        ids = case_ids[agency.pk]
        n = min(left, len(ids) * per_case)
        items = (
            (_Subject(meta, ids[j // per_case]), actions[j % per_case % len(actions)], {"step": j % per_case})
            for j in range(n)
        )
        records.append_many(agency=agency, items=items)
        left -= n
    if left > 0:  # the remainder on the first body's chain
        records.append_many(agency=first, items=((first, "agency.note", {"i": j}) for j in range(left)))
    lap("records")
    return seconds


def _bulk(model, rows) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def main(argv: list[str] | None = None) -> int:
    from ._environment import fresh_django

    parser = argparse.ArgumentParser(prog="python -m benchmarks.province", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="default")
    args = parser.parse_args(argv)
    with fresh_django() as database:
        from zhifa.core import records

        print(f"{database.description}: scale {args.scale} {SCALES[args.scale]}", flush=True)
        seconds = generate(SCALES[args.scale], log=print)
        start = time.perf_counter()
        result = records.verify()
        print(
            f"built in {sum(seconds.values()):.1f} s; verify: {result} in {time.perf_counter() - start:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
