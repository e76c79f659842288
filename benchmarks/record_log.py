"""The record log at the province's size (issue 16 item 7: should core_record be partitioned by year?).

    ZHIFA_BENCH_DATABASE_URL=postgres://… python -m benchmarks.record_log fill --records 20000000
    ZHIFA_BENCH_DATABASE_URL=postgres://… python -m benchmarks.record_log measure
    ZHIFA_BENCH_DATABASE_URL=postgres://… python -m benchmarks.record_log drop

`fill` creates the database `zhifa_record_log` on that server, migrates it and writes the log: a few
hundred agencies' chains of equal length, interleaved in time as real use writes them (ids and `at` grow
together over 2022–2026), each record a case step of a benchmark-sized payload, every hash computed by
`records.record_message` exactly as `append` does. Rows go in by COPY from two processes with the
secondary indexes dropped, which are then rebuilt (an `append_many` of 20,000,000 rows would take hours
on the shared machine). The database is kept so `measure` can be run more than once; `drop` removes it.

`measure` times, at the full log: single appends, the chain-head lookup, one case's history (the query
of the case page's timeline), the exchange export's first page (since a date: the query that finds the
first record by `at`) and a full `records.verify`.
"""

import argparse
import hashlib
import multiprocessing
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

DATABASE = "zhifa_record_log"
START = datetime(2022, 1, 1, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)
CASES_PER_CHAIN = 10_000  # each case gets records spread across its agency's chain
COLUMNS = (
    "id", "agency_id", "seq", "subject_type", "subject_id", "action", "actor_id", "actor_name", "at",
    "payload", "prev_hash", "hash",
)  # fmt: skip


def _server_url() -> str:
    url = os.environ.get("ZHIFA_BENCH_DATABASE_URL", "")
    if urlsplit(url).scheme not in {"postgres", "postgresql"}:
        raise SystemExit("ZHIFA_BENCH_DATABASE_URL must name a PostgreSQL server (postgres://…)")
    return url


def _database_url() -> str:
    return urlsplit(_server_url())._replace(path=f"/{DATABASE}").geturl()


def _django() -> None:
    import tempfile

    os.environ["DJANGO_SETTINGS_MODULE"] = "zhifa.settings"
    os.environ["ZHIFA_DATABASE_URL"] = _database_url()
    os.environ.setdefault("ZHIFA_VAR_DIR", tempfile.mkdtemp(prefix="zhifa-record-log-"))
    os.environ["ZHIFA_DEBUG"] = "0"
    import django

    django.setup()


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(_server_url(), autocommit=True) as conn:
        conn.execute(statement)


def _chain_rows(worker: int, workers: int, agency_ids: list[int], length: int):
    """COPY text lines for the chains this worker owns, in time order. Record k of chain c gets id
    k * chains + c + 1, so ids interleave across chains and grow with `at`, as in real use."""
    from zhifa.core import records

    from .records import _ACTIONS, _OFFICERS, _payload

    payloads = [records.canonical_json(_payload(i)) for i in range(1000)]
    escaped = [p.replace("\\", "\\\\") for p in payloads]  # COPY's text format escapes backslashes
    mine = [(c, agency_ids[c]) for c in range(worker, len(agency_ids), workers)]
    prev = {c: records.GENESIS_HASH for c, _ in mine}
    chains, step = len(agency_ids), (END - START) / length
    sha256, record_message = hashlib.sha256, records.record_message
    for k in range(length):
        base = START + step * k
        for c, agency_id in mine:
            at = base + timedelta(microseconds=c * 37 + 1)
            at_iso = at.isoformat(timespec="microseconds")
            seq, case = k + 1, c * CASES_PER_CHAIN + k % CASES_PER_CHAIN + 1
            action, name, p = _ACTIONS[k % 5], _OFFICERS[c % 3][k % 2], (k + c) % 1000
            digest = sha256(
                record_message(
                    prev_hash=prev[c],
                    agency_id=agency_id,
                    seq=seq,
                    subject_type="cases.case",
                    subject_id=str(case),
                    action=action,
                    actor_id=None,
                    actor_name=name,
                    at_iso=at_iso,
                    payload=payloads[p],
                )
            ).hexdigest()
            yield (
                f"{k * chains + c + 1}\t{agency_id}\t{seq}\tcases.case\t{case}\t{action}\t\\N\t{name}\t"
                f"{at_iso}\t{escaped[p]}\t{prev[c]}\t{digest}\n"
            )
            prev[c] = digest


def _copy_worker(args) -> None:
    import psycopg

    worker, workers, agency_ids, length = args
    with psycopg.connect(_database_url()) as conn:
        conn.execute("SET session_replication_role = replica")  # no FK check per row (agencies exist)
        conn.execute("SET synchronous_commit = off")
        lines, written = [], 0
        with (
            conn.cursor() as cursor,
            cursor.copy(f"COPY core_record ({', '.join(COLUMNS)}) FROM STDIN") as copy,
        ):
            for line in _chain_rows(worker, workers, agency_ids, length):
                lines.append(line)
                if len(lines) == 10_000:
                    copy.write("".join(lines))
                    written += len(lines)
                    lines = []
                    if written % 1_000_000 == 0:
                        print(f"  worker {worker}: {written:,} rows", flush=True)
            copy.write("".join(lines))


def fill(records_total: int, chains: int) -> None:
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DATABASE}")
    _django()
    from django.core.management import call_command
    from django.db import connection

    from zhifa.core.models import Agency, RecordChain, Region
    from zhifa.core.validators import credit_code_with_check

    call_command("migrate", verbosity=0, interactive=False)
    region = Region(code="990100", name="江州市", level="city")
    region.path = region.build_path()
    region.save()
    Agency.objects.bulk_create(
        Agency(
            name=f"江州市第{n + 1}执法部门",
            credit_code=credit_code_with_check(f"11990100{n:09d}"),
            kind="department",
            region=region,
        )
        for n in range(chains)
    )
    agency_ids = sorted(Agency.objects.values_list("id", flat=True))
    length = records_total // chains
    started = time.perf_counter()
    secondary = _drop_secondary_indexes(connection)
    connection.close()
    workers = 2
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_copy_worker, [(w, workers, agency_ids, length) for w in range(workers)])
    copied = time.perf_counter() - started
    print(f"copied {length * chains:,} records in {copied:.0f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for statement in secondary:
            cursor.execute(statement)
        cursor.execute("SELECT setval(pg_get_serial_sequence('core_record', 'id'), max(id)) FROM core_record")
        cursor.execute(
            "INSERT INTO core_recordchain (agency_id, head_seq, head_hash)"
            " SELECT agency_id, seq, hash FROM core_record WHERE seq = %s",
            [length],
        )
    print(f"indexes rebuilt in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE core_record")
    print(f"vacuum analyze in {time.perf_counter() - started:.0f} s", flush=True)
    assert RecordChain.objects.count() == chains


def _drop_secondary_indexes(connection) -> list[str]:
    """Drop core_record's indexes and unique constraints (not its primary key); return the statements
    that rebuild them as they were."""
    rebuild = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'core_record'::regclass AND contype = 'u'"
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'ALTER TABLE core_record DROP CONSTRAINT "{name}"')
            rebuild.append(f'ALTER TABLE core_record ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'core_record'"
            " AND indexname <> 'core_record_pkey'"
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
            rebuild.append(definition)
    return rebuild


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(skip_verify: bool) -> None:
    _django()
    import random

    from django.db import connection

    from zhifa.core import records
    from zhifa.core.models import Agency, Record, RecordChain
    from zhifa.exchange.services import export_page

    total, chains = Record.objects.count(), RecordChain.objects.count()
    agency = Agency.objects.order_by("id").first()
    rng = random.Random(16)
    end = END  # the filled log's end (appends made by earlier runs come after it)
    print(f"{total:,} records in {chains} chains", flush=True)

    def history():
        case = rng.randrange(1, chains * CASES_PER_CHAIN + 1)
        return list(Record.objects.filter(subject_type="cases.case", subject_id=str(case)).order_by("seq"))

    rows = [
        ("chain head lookup", _median_ms(lambda: RecordChain.objects.filter(agency=agency).get(), 200)),
        ("one case's history (10 records)", _median_ms(history, 200)),
        ("single append", _median_ms(lambda: records.append(subject=agency, action="bench.append"), 200)),
    ]
    for label, since in (
        ("export first page, no since", None),
        ("export first page, since 7 days before the end", end - timedelta(days=7)),
        ("export first page, since 365 days before the end", end - timedelta(days=365)),
    ):
        rows.append((label, _median_ms(lambda s=since: export_page(actor=None, since=s, agency=agency), 5)))
    for label, ms in rows:
        print(f"| {label} | {ms:.2f} | ms |", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('core_record'))")
        print(f"core_record with its indexes: {cursor.fetchone()[0]}", flush=True)
    if not skip_verify:
        start = time.perf_counter()
        result = records.verify()
        print(
            f"| records.verify | {time.perf_counter() - start:.1f} | s | {result.checked:,} records, ok={result.ok}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.record_log", description=__doc__)
    parser.add_argument("step", choices=["fill", "measure", "drop"])
    parser.add_argument("--records", type=int, default=20_000_000)
    parser.add_argument("--chains", type=int, default=200)
    parser.add_argument("--skip-verify", action="store_true")
    args = parser.parse_args(argv)
    if args.step == "fill":
        fill(args.records, args.chains)
    elif args.step == "measure":
        measure(args.skip_verify)
    else:
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
