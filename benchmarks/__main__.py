"""`python -m benchmarks [NAME ...]`: set Django up on a fresh database, run the benchmarks, print one table
(`--markdown`: the same table as Markdown, for docs/performance.md). Each module's wall-clock time (its set-up
and its measurements) is a row of the table; progress goes to stderr."""

import argparse
import math
import os
import platform
import sys
import time
import traceback
from itertools import groupby

from . import BenchmarkFailed, Context, Row, load_all
from ._environment import BENCH_URL_ENV, fresh_django, make_agency


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="run only benchmarks whose name starts with one of these")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    scale = float(os.environ.get("ZHIFA_BENCH_SCALE", "1"))
    repeats = int(os.environ.get("ZHIFA_BENCH_REPEATS", "3"))
    started = time.perf_counter()

    with fresh_django() as database:
        import django
        from django.db import connection

        registry = load_all()
        selected = {
            name: fn
            for name, fn in registry.items()
            if not args.names or any(name.startswith(prefix) for prefix in args.names)
        }
        if not selected:
            parser.error(f"no benchmark matches {args.names}; known: {', '.join(registry)}")

        ctx = Context(agency=make_agency(), scale=scale, repeats=repeats)
        print(f"zhifa benchmarks — Python {platform.python_version()}, Django {django.get_version()}")
        print(f"database: {database.description}, {connection.vendor} {_server_version(connection)}")
        print(f"machine: {machine()}")
        hint = "" if BENCH_URL_ENV in os.environ else f"; set {BENCH_URL_ENV} to run on PostgreSQL"
        print(
            f"scale {scale:g} (ZHIFA_BENCH_SCALE), repeats {repeats} (ZHIFA_BENCH_REPEATS){hint}\n",
            flush=True,
        )
        rows: list[Row] = []
        failed: list[str] = []
        for module, group in groupby(selected.items(), key=lambda item: item[1].__module__):
            short = module.rsplit(".", 1)[-1]
            module_start = time.perf_counter()
            for name, fn in group:
                print(f"… {name}", file=sys.stderr, flush=True)
                try:
                    measured = fn(ctx)
                except BenchmarkFailed as exc:
                    failed.append(name)
                    measured = [*exc.rows, Row(name, float("nan"), "", f"failed: {exc.reason}")]
                except Exception:  # one broken benchmark must not cost the whole run's table
                    traceback.print_exc()
                    failed.append(name)
                    measured = [Row(name, float("nan"), "", "failed: see the traceback on stderr")]
                for row in measured:  # as they come, so a run stopped part-way still shows what it measured
                    print(f"    {row.name}: {row.value:,.4g} {row.unit}", file=sys.stderr, flush=True)
                rows.extend(measured)
            seconds = time.perf_counter() - module_start
            rows.append(Row(f"{short}: module time", seconds, "s", "wall clock, set-up and measurements"))
            print(f"  {short}: {seconds:.1f} s", file=sys.stderr, flush=True)
        total = time.perf_counter() - started
        rows.append(Row("total", total, "s", "wall clock of the run, migrations included"))
        print(format_markdown(rows) if args.markdown else format_table(rows))
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def machine() -> str:
    """Cores, memory and OS: what a reader needs to compare our numbers with theirs."""
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            kb = int(meminfo.readline().split()[1])
        memory = f", {kb / 1024**2:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = f", load average {os.getloadavg()[0]:.1f} at start" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}{load}"


def _server_version(connection) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    if connection.vendor == "postgresql":
        version = connection.pg_version  # e.g. 150020
        return f"{version // 10000}.{version % 10000}"
    return ""


def format_value(value: float) -> str:
    if math.isnan(value):  # a failed benchmark
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def format_table(rows: list[Row]) -> str:
    header = ("name", "value", "unit", "notes")
    cells = [(row.name, format_value(row.value), row.unit, row.notes) for row in rows]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(3)]

    def line(name: str, value: str, unit: str, notes: str) -> str:
        return f"{name:<{widths[0]}} | {value:>{widths[1]}} | {unit:<{widths[2]}} | {notes}".rstrip()

    rule = "-+-".join("-" * w for w in widths) + "-+-" + "-" * 5
    return "\n".join([line(*header), rule, *(line(*c) for c in cells)])


def format_markdown(rows: list[Row]) -> str:
    """The same table as a Markdown table (pipes in cells escaped)."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| name | value | unit | notes |", "|---|---:|---|---|"]
    lines += [
        f"| {cell(row.name)} | {format_value(row.value)} | {cell(row.unit)} | {cell(row.notes)} |"
        for row in rows
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
