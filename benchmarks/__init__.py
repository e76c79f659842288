"""Benchmarks for zhifa: `python -m benchmarks` (or `make bench`). They measure; they never assert.

Adding one: put a module in this package (its name must not start with "_"; it is imported after
Django is set up, so it may import models at the top) and register functions with `@benchmark`:

    @benchmark("cases.create")
    def cases_create(ctx: Context) -> list[Row]:
        timing = measure(lambda: ..., repeats=ctx.repeats)
        return [Row("cases.create", n / timing.median, "cases/s", timing.describe())]

Benchmarks run in module order (alphabetical), then registration order, all on one fresh database
with the data of `Context` (one region, one agency); `python -m benchmarks NAME...` runs only those
whose name starts with one of the NAMEs.

Environment: ZHIFA_BENCH_SCALE multiplies sizes (default 1), ZHIFA_BENCH_REPEATS sets how many times
each measurement runs (default 3), ZHIFA_BENCH_DATABASE_URL points at a PostgreSQL server to use
instead of a temporary SQLite file (a dedicated database is created on it and dropped afterwards).
"""

import importlib
import pkgutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Row:
    """One line of the result table."""

    name: str
    value: float
    unit: str
    notes: str = ""


@dataclass
class Context:
    """What every benchmark gets: the shared fixtures and the size knobs."""

    agency: Any  # zhifa.core.models.Agency (typed loosely: this module loads before Django)
    scale: float = 1.0
    repeats: int = 3
    shared: dict[str, Any] = field(default_factory=dict)  # for benchmarks that build on each other

    def n(self, base: int) -> int:
        """A size of `base` items at scale 1."""
        return max(1, round(base * self.scale))


class BenchmarkFailed(Exception):
    """A benchmark that measured but must fail (the load test saw errors): its rows are kept in the table,
    marked failed, and `make bench` exits 1."""

    def __init__(self, rows: list[Row], reason: str):
        super().__init__(reason)
        self.rows, self.reason = rows, reason


BenchmarkFn = Callable[[Context], list[Row]]
REGISTRY: dict[str, BenchmarkFn] = {}


def benchmark(name: str) -> Callable[[BenchmarkFn], BenchmarkFn]:
    """Register `fn(ctx) -> list[Row]` under `name` (unique; used to select benchmarks on the command line)."""

    def register(fn: BenchmarkFn) -> BenchmarkFn:
        if name in REGISTRY:
            raise ValueError(f"benchmark {name!r} is registered twice")
        REGISTRY[name] = fn
        return fn

    return register


def load_all() -> dict[str, BenchmarkFn]:
    """Import every benchmark module of this package (so they register) and return the registry."""
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds (time.perf_counter) of each run of one measurement."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    def describe(self) -> str:
        return f"median of {len(self.seconds)} runs, best {self.best * 1000:.1f} ms, median {self.median * 1000:.1f} ms"


def measure(fn: Callable[[], object], *, repeats: int, warmup: int = 0) -> Timing:
    """Run `fn` warmup + repeats times; time the last `repeats` runs."""
    for _ in range(warmup):
        fn()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return Timing(tuple(seconds))


def synthetic_id_number(n: int, area: str) -> str:
    """A valid 公民身份号码, distinct for every n within `area` (a 6-digit 行政区划代码): 1,000 people per
    birth day from 1960-01-01 on. Modules share one database, so each bulk-inserting module uses an area of
    its own (the unique index on officers' ID numbers stopped `make bench` when two used the same scheme)."""
    from stdnum.cn import ric

    first17 = f"{area}{date(1960, 1, 1) + timedelta(days=n // 1000):%Y%m%d}{n % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "0")
