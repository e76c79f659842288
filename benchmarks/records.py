"""The record log (zhifa.core.records): how fast appends go, and how verify compares with bare sha256."""

import hashlib
import os
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from zhifa.core import records
from zhifa.core.models import Record, RecordChain

from . import Context, Row, benchmark, measure

APPENDS = 2000  # per round, at scale 1
# records in the log when verify is timed, at scale 1 (bulk-appended, not timed)
VERIFY_RECORDS = int(os.environ.get("ZHIFA_BENCH_VERIFY_RECORDS", "200000"))

_ACTIONS = ["inspection.create", "case.register", "case.investigate", "case.decide", "case.close"]
_PARTIES = [
    "江州市东湖区味美餐饮店",
    "青山县宏达建材有限公司",
    "江州市新华书店东湖分店",
    "王某某（个体工商户）",
]
_FINDINGS = [
    "现场检查发现后厨未按规定落实食品留样制度，已责令当场改正。",
    "经营场所未公示营业执照，当事人承认违法事实，依法予以警告。",
    "销售的部分商品超过保质期，共计12件，已依法扣押并立案调查。",
    "消防通道被杂物占用，现场下达责令限期改正通知书。",
]
_OFFICERS = [["张伟", "李娜"], ["王芳", "刘洋"], ["陈静", "杨磊"]]


def _payload(i: int) -> dict:
    """A small case-like payload, the size of what services log (a few hundred bytes of UTF-8)."""
    return {
        "case_no": f"江市监罚〔2025〕{i:05d}号",
        "party": _PARTIES[i % len(_PARTIES)],
        "finding": _FINDINGS[i % len(_FINDINGS)],
        "officers": _OFFICERS[i % len(_OFFICERS)],
        "location": f"东湖区人民路{100 + i % 300}号",
        "fine": Decimal(f"{(i % 50) * 100}.00"),
        "date": date(2025, 1 + i % 12, 1 + i % 28),
        "basis": "《中华人民共和国食品安全法》第一百二十六条",
    }


def _work(n: int) -> list[tuple[str, dict]]:
    return [(_ACTIONS[i % len(_ACTIONS)], _payload(i)) for i in range(n)]


def _append_many(agency, work: list[tuple[str, dict]]) -> None:
    """One append per item, each its own transaction (records.append is atomic; we run in autocommit)."""
    for action, payload in work:
        records.append(subject=agency, action=action, actor=None, payload=payload)


@benchmark("records.append")
def append_rate(ctx: Context) -> list[Row]:
    n = ctx.n(APPENDS)
    work = _work(n)  # built once, outside the timing; every run appends the same n payloads
    timing = measure(lambda: _append_many(ctx.agency, work), repeats=ctx.repeats)
    return [
        Row(
            "records.append",
            n / timing.median,
            "appends/s",
            f"{n} appends per run to one chain, one transaction each; {timing.describe()}",
        )
    ]


def _message_rows():
    """What verify reads: (agency, seq, message spelt by the database, hash) tuples, no models."""
    sql = records.message_sql(connection.vendor)
    return (
        Record.objects.order_by("agency_id", "seq")
        .annotate(message=RawSQL(sql, (), output_field=TextField()))
        .values_list("agency_id", "seq", "message", "hash")
    )


def _hashed_messages() -> list[bytes]:
    """The exact bytes each record's hash covers, in the order verify() reads them, streamed as tuples
    (a model per record took 2.1 GB at 1,000,000 records); checked against the stored hashes so the
    comparison is honest."""
    messages, sha256 = [], hashlib.sha256
    for _agency, _seq, message, digest in _message_rows().iterator(5000):
        data = message.encode()
        if sha256(data).hexdigest() != digest:
            raise RuntimeError("the database's message does not reproduce the stored hash")
        messages.append(data)
    return messages


def _sha256_each(messages: list[bytes]) -> None:
    sha256 = hashlib.sha256
    for message in messages:
        sha256(message).hexdigest()


def _read_rows() -> None:
    for _ in _message_rows().iterator(5000):
        pass


@benchmark("records.verify")
def verify_rate(ctx: Context) -> list[Row]:
    missing = ctx.n(VERIFY_RECORDS) - Record.objects.count()
    if missing > 0:  # the log grows to VERIFY_RECORDS through append_many (not timed)
        for start in range(0, missing, 50_000):
            work = _work(min(50_000, missing - start))
            records.append_many(agency=ctx.agency, items=((ctx.agency, a, p) for a, p in work))
    result = records.verify()
    if not result.ok:
        raise RuntimeError(f"the benchmark chain does not verify: {result.broken}")
    count = result.checked
    messages = _hashed_messages()
    mb = sum(map(len, messages)) / 1e6

    verify = measure(records.verify, repeats=ctx.repeats, warmup=1)
    in_database = connection.vendor == "postgresql"  # where records.verify hashes in the database
    streamed = (
        measure(lambda: records.verify(in_database=False), repeats=ctx.repeats) if in_database else None
    )
    read = measure(_read_rows, repeats=ctx.repeats, warmup=1)
    raw = measure(lambda: _sha256_each(messages), repeats=ctx.repeats, warmup=1)
    joined = b"".join(messages)
    bulk = measure(lambda: hashlib.sha256(joined).hexdigest(), repeats=ctx.repeats, warmup=1)
    ratio = raw.median / verify.median
    # appends and the chain head with the log at its full size: what partitioning by year would speed up
    tail = _work(200)
    append_full = measure(lambda: _append_many(ctx.agency, tail), repeats=ctx.repeats)
    head = measure(
        lambda: [
            RecordChain.objects.filter(agency=ctx.agency).values_list("head_hash").get() for _ in range(100)
        ],
        repeats=ctx.repeats,
    )

    size = f"{count} records, {mb * 1e6 / count:.0f} B hashed per record on average"
    path = (
        "sha256() in the database, failures re-checked in Python"
        if in_database
        else "rows streamed to Python"
    )
    compared = []
    if streamed is not None:
        compared = [
            Row(
                "records.verify, rows streamed",
                count / streamed.median,
                "records/s",
                f"verify(in_database=False), the SQLite path, here: {raw.median / streamed.median:.3g} × raw sha256",
            )
        ]
    return [
        Row("records.verify", count / verify.median, "records/s", f"records.verify() over {size}; {path}"),
        Row(
            "records.verify",
            mb / verify.median,
            "MB/s",
            f"hashed bytes / verify time (DB read included); {verify.describe()}",
        ),
        *compared,
        Row(
            "records.verify: row read only",
            count / read.median,
            "records/s",
            f"the tuples the streamed path iterates (message built by the database), no hashing; {read.median / verify.median:.0%} of verify's time",
        ),
        Row(
            "sha256 per record",
            count / raw.median,
            "records/s",
            "hashlib.sha256(msg).hexdigest() over the same messages",
        ),
        Row("sha256 per record", mb / raw.median, "MB/s", raw.describe()),
        Row(
            "sha256 one buffer", mb / bulk.median, "MB/s", "all messages joined, one call: hashlib's ceiling"
        ),
        Row(
            "records.append at full log",
            len(tail) / append_full.median,
            "appends/s",
            f"{len(tail)} single appends with {count:,} records in the log; {append_full.describe()}",
        ),
        Row(
            "records: chain head lookup",
            head.median / 100 * 1000,
            "ms",
            "RecordChain by agency (the head hash)",
        ),
        Row(
            "verify vs raw sha256",
            ratio,
            "×",
            f"raw Python sha256 over the same messages ÷ records.verify() ({path}); goal ≥ 0.25×",
        ),
    ]
