"""Importing officers from Excel (registry.excel.import_xlsx): rows/s for a 20,000-row file
(ZHIFA_BENCH_IMPORT_OFFICERS), the share of the check phase, and the memory the import takes.

Memory is the growth of the process's peak resident set (resource.getrusage ru_maxrss, KiB on Linux)
across the import: what the server really needs, at no cost to the timing (tracemalloc would slow the
import several-fold and miss memory held by C code). The file is generated first, in write-only mode, so
it does not raise the peak itself. openpyxl writes every text cell inline, which is slower to read than
the shared strings of a file saved by Excel: the read share here is an upper bound.
"""

import os
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from zhifa.core.models import Record
from zhifa.registry import excel
from zhifa.registry.choices import PersonKind
from zhifa.registry.models import Officer

from . import Context, Row, benchmark, synthetic_id_number

# rows in the file, at scale 1 (the issue measured a 50,000-row sheet; 100,000 took 6 minutes of make bench)
OFFICERS = int(os.environ.get("ZHIFA_BENCH_IMPORT_OFFICERS", "20000"))

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "军",
    "强",
    "婷",
    "涛",
    "明",
    "超",
    "秀英",
    "桂兰",
]
_POSTS = ["市场监管执法岗", "食品安全执法岗", "综合执法岗", "法制审核岗"]
_FIELDS = ["市场监管", "市场监管、城市管理", "生态环境", ""]


def _row(n: int) -> list:
    name = _SURNAMES[n % len(_SURNAMES)] + _GIVEN[(n // len(_SURNAMES)) % len(_GIVEN)]
    return [
        name,
        synthetic_id_number(n, "110105"),
        PersonKind.AUXILIARY.label if n % 10 == 9 else PersonKind.OFFICER.label,
        _POSTS[n % len(_POSTS)],
        "是" if n % 7 == 0 else "否",
        date(2020, 1, 1) + timedelta(days=n % 1500),  # a real date cell
        f"{2005 + n % 15}/{1 + n % 12}/{1 + n % 28}",  # a date typed as text
        _FIELDS[n % len(_FIELDS)],
    ]


def _write_file(path: Path, first: int, n: int, *, bad_last: bool = False) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(excel.KIND_LABELS["officers"])
    sheet.append([column.header for column in excel.COLUMNS["officers"]])
    for i in range(first, first + n):
        row = _row(i)
        if bad_last and i == first + n - 1:
            row[1] = row[1][:17]  # one ID number too short: the whole file is checked, nothing written
        sheet.append(row)
    workbook.save(path)


def _maxrss_kib() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB on Linux


def _timed_import(ctx: Context, path: Path) -> tuple[excel.ImportResult, float]:
    with path.open("rb") as file:
        start = time.perf_counter()
        result = excel.import_xlsx(actor=None, agency=ctx.agency, kind="officers", file=file)
        return result, time.perf_counter() - start


@benchmark("registry.import")
def officers_import(ctx: Context) -> list[Row]:
    n = ctx.n(OFFICERS)
    with tempfile.TemporaryDirectory(prefix="zhifa-bench-xlsx-") as tmp:
        good, checked = Path(tmp) / "officers.xlsx", Path(tmp) / "officers-bad.xlsx"
        start = time.perf_counter()
        _write_file(good, 0, n)
        _write_file(checked, n, n, bad_last=True)
        generated = time.perf_counter() - start
        size_mb = good.stat().st_size / 1e6

        officers, records = Officer.objects.count(), Record.objects.count()
        rss_before = _maxrss_kib()
        result, seconds = _timed_import(ctx, good)
        rss_growth_mb = (_maxrss_kib() - rss_before) / 1024
        if not result.ok or Officer.objects.count() - officers != n or Record.objects.count() - records != n:
            raise RuntimeError(f"the benchmark import failed: {result.errors[:5]}")

        refused, check_seconds = _timed_import(ctx, checked)
        if refused.ok or len(refused.errors) != 1:
            raise RuntimeError(f"expected exactly one error, got {refused.errors[:5]}")

    one_run = f"one run (an import cannot repeat: the ID numbers are then taken); file {size_mb:.1f} MB"
    return [
        Row(
            "registry.import officers",
            n / seconds,
            "rows/s",
            f"{n} rows read, checked, written (bulk inserts, one officer.create record each): {seconds:.1f} s; {one_run}",
        ),
        Row(
            "registry.import officers: check only",
            n / check_seconds,
            "rows/s",
            f"a file refused for its last row: read + check, nothing written ({check_seconds:.1f} s, "
            f"{check_seconds / seconds:.0%} of the full import)",
        ),
        Row(
            "registry.import officers: memory",
            rss_growth_mb,
            "MB",
            f"growth of peak RSS (ru_maxrss) over the import, {rss_growth_mb * 1024 / n:.2f} KiB/row; "
            f"generating both files took {generated:.1f} s (not timed)",
        ),
    ]
