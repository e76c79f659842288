"""`python -m benchmarks [NAME ...]`: set Django up on a fresh database, run the benchmarks, print one table."""

import argparse
import os
import platform
import sys

from . import Context, Row, load_all
from ._environment import BENCH_URL_ENV, fresh_django, make_agency


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="run only benchmarks whose name starts with one of these")
    args = parser.parse_args(argv)
    scale = float(os.environ.get("ZHIFA_BENCH_SCALE", "1"))
    repeats = int(os.environ.get("ZHIFA_BENCH_REPEATS", "3"))

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
        hint = "" if BENCH_URL_ENV in os.environ else f"; set {BENCH_URL_ENV} to run on PostgreSQL"
        print(f"scale {scale:g} (ZHIFA_BENCH_SCALE), repeats {repeats} (ZHIFA_BENCH_REPEATS){hint}\n")
        rows: list[Row] = []
        for fn in selected.values():
            rows.extend(fn(ctx))
        print(format_table(rows))
    return 0


def _server_version(connection) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    if connection.vendor == "postgresql":
        version = connection.pg_version  # e.g. 150020
        return f"{version // 10000}.{version % 10000}"
    return ""


def format_value(value: float) -> str:
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


if __name__ == "__main__":
    sys.exit(main())
