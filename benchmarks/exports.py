"""List exports through the core.exports kit (the case list's declared columns): rows per second and peak
Python memory (tracemalloc) writing the region's cases as a write-only xlsx into a temporary file, as CSV
row by row, and — for comparison — the xlsx built in memory as bytes (core.exports.xlsx_bytes over a
materialised list, the way every export worked before the kit).

Size: ZHIFA_BENCH_EXPORT_CASES decided cases at scale 1 (default 20,000, so `make bench` stays short; the
issue's 200,000 is ZHIFA_BENCH_EXPORT_CASES=200000), × ZHIFA_BENCH_SCALE, built by the detection
benchmark's bulk set-up (ten departments of one county, two handlers and a decision per case). Time is
measured without tracemalloc over all the cases; memory with it over the first MEMORY_CASES of them, read
in chunks of a quarter of that (tracemalloc slows every allocation several times over: over all 20,000
cases the three memory runs took ten minutes of `make bench`). The streamed paths' peak is one chunk's;
the in-memory path's holds every row."""

import os
import tempfile
import time
import tracemalloc
from dataclasses import replace

from zhifa.cases import selectors
from zhifa.cases.models import Case
from zhifa.cases.views.lists import EXPORT
from zhifa.core import exports
from zhifa.core import services as core_services
from zhifa.core.models import Region
from zhifa.registry.models import EnforcementField

from . import Context, Row, benchmark
from .detection import DEPARTMENTS, _cases, _department

CASES = int(os.environ.get("ZHIFA_BENCH_EXPORT_CASES", "20000"))
MEMORY_CASES = 2000
# the memory runs read in chunks of a quarter of their rows, so a streamed path's flat peak shows against the
# in-memory path's, which holds every row (the product reads 2,000 rows a chunk: see core.exports)
MEMORY_EXPORT = replace(EXPORT, chunk_size=MEMORY_CASES // 4)


def _queryset(region, limit: int | None = None):
    cases = selectors.with_list_data(Case.objects.filter(agency__region=region)).order_by(
        "-created_at", "-id"
    )
    return cases[:limit] if limit else cases


def _data(ctx: Context):
    if "exports.region" in ctx.shared:
        return ctx.shared["exports.region"]
    parent = Region.objects.get(pk=ctx.agency.region_id)
    region = core_services.region_create(
        actor=None, code="990186", name="导出县", level="county", parent=parent
    )
    field = EnforcementField.objects.get(code="market")
    departments = [_department(region, 200 + i, field) for i in range(DEPARTMENTS)]
    started = time.perf_counter()
    _cases(departments, ctx.n(CASES), field)
    ctx.shared["exports.region"] = region, time.perf_counter() - started
    return ctx.shared["exports.region"]


def _xlsx(region, export=EXPORT, limit: int | None = None) -> int:
    with tempfile.TemporaryFile() as out:
        return exports.write_xlsx(out, export, _queryset(region, limit))


def _csv(region, export=EXPORT, limit: int | None = None) -> int:
    return sum(1 for _ in exports.csv_rows(export, _queryset(region, limit))) - 1


def _in_memory(region, export=EXPORT, limit: int | None = None) -> int:
    rows = list(export.rows(_queryset(region, limit)))
    return len(exports.xlsx_bytes(export.headers, rows)) and len(rows)


def _run(fn, region) -> tuple[int, float, float]:
    """(rows, seconds, peak MiB of Python allocations over the first MEMORY_CASES rows)."""
    started = time.perf_counter()
    rows = fn(region)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        fn(region, MEMORY_EXPORT, MEMORY_CASES)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return rows, seconds, peak / 2**20


@benchmark("exports.cases")
def export_cases(ctx: Context) -> list[Row]:
    region, built = _data(ctx)
    out = []
    for name, fn in (("xlsx", _xlsx), ("csv", _csv), ("xlsx_in_memory", _in_memory)):
        rows, seconds, peak = _run(fn, region)
        note = f"{rows:,} cases in {seconds:.1f} s (cases built in {built:.0f} s)"
        out.append(Row(f"exports.cases.{name}", rows / seconds, "rows/s", note))
        out.append(
            Row(
                f"exports.cases.{name}.peak",
                peak,
                "MiB",
                f"tracemalloc peak over {min(rows, MEMORY_CASES):,} rows",
            )
        )
    return out
