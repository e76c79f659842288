"""The record log (全过程记录): append-only, hash-chained events, one chain per agency.

Each record hashes   prev_hash "\\n" header "\\n" payload   with sha256, where header and payload are
canonical JSON (sorted keys, no spaces, UTF-8). The payload is stored as that exact text, so verifying
a record never depends on how a database re-serialises JSON.
"""

import hashlib
import json
from collections.abc import Generator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .models import Agency, Record, RecordChain

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """The one serialisation hashed everywhere: sorted keys, no whitespace, non-ASCII kept as is."""
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_message(
    *,
    prev_hash: str,
    agency_id: int,
    seq: int,
    subject_type: str,
    subject_id: str,
    action: str,
    actor_id: int | None,
    actor_name: str,
    at_iso: str,
    payload: str,
) -> bytes:
    """The exact bytes a record's hash covers: prev_hash "\\n" header "\\n" payload, UTF-8."""
    header = canonical_json(
        {
            "agency": agency_id,
            "seq": seq,
            "subject": f"{subject_type}:{subject_id}",
            "action": action,
            "actor": actor_id,
            "actor_name": actor_name,
            "at": at_iso,
        }
    )
    return f"{prev_hash}\n{header}\n{payload}".encode()


def record_digest(**fields) -> str:
    return hashlib.sha256(record_message(**fields)).hexdigest()


def _agency_of(subject: models.Model) -> Agency:
    if isinstance(subject, Agency):
        return subject
    agency = getattr(subject, "agency", None)
    if not isinstance(agency, Agency):
        raise ValueError(f"{subject!r} has no agency; pass agency= explicitly")
    return agency


@transaction.atomic
def append(
    *,
    subject: models.Model,
    action: str,
    actor=None,
    payload: dict | None = None,
    agency: Agency | None = None,
) -> Record:
    """Append one event to the chain of the subject's agency (or `agency`). Call it inside the
    transaction that makes the change, so the change and its record commit or fail together."""
    agency = agency or _agency_of(subject)
    RecordChain.objects.get_or_create(agency=agency)
    chain = RecordChain.objects.select_for_update().get(agency=agency)
    record = Record(
        agency=agency,
        seq=chain.head_seq + 1,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        action=action,
        actor=actor,
        actor_name=_actor_name(actor),
        at=timezone.now(),
        payload=canonical_json(payload or {}),
        prev_hash=chain.head_hash,
    )
    record.hash = hashlib.sha256(message_of(record)).hexdigest()
    record.save(force_insert=True)
    RecordChain.objects.filter(pk=chain.pk).update(head_seq=record.seq, head_hash=record.hash)
    return record


@dataclass(frozen=True)
class Appended:
    """What append_many reports of each record it wrote."""

    seq: int
    prev_hash: str
    hash: str


_INSERT_COLUMNS = (
    "agency_id", "seq", "subject_type", "subject_id", "action", "actor_id", "actor_name", "at", "payload",
    "prev_hash", "hash",
)  # fmt: skip


@transaction.atomic
def append_many(*, agency: Agency, items, actor=None) -> list[Appended]:
    """Append many events to one chain, locking it once and moving its head once: the same records as
    calling `append` for each item, at bulk speed (imports of 100,000 rows; benchmarks of millions).
    `items` yields (subject, action, payload). Rows go in with one executemany per 5,000: the ORM's
    bulk_create spent two thirds of the time preparing values that are already plain here."""
    RecordChain.objects.get_or_create(agency=agency)
    chain = RecordChain.objects.select_for_update().get(agency=agency)
    seq, prev_hash, at = chain.head_seq, chain.head_hash, timezone.now()
    at_iso, at_db = _iso(at), connection.ops.adapt_datetimefield_value(at)
    actor_id, actor_name = getattr(actor, "pk", None), _actor_name(actor)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(Record._meta.db_table),
        ", ".join(_INSERT_COLUMNS),
        ", ".join(["%s"] * len(_INSERT_COLUMNS)),
    )
    appended, rows = [], []
    with connection.cursor() as cursor:
        for subject, action, payload in items:
            seq += 1
            subject_type, subject_id, body = (
                subject._meta.label_lower,
                str(subject.pk),
                canonical_json(payload or {}),
            )
            digest = record_digest(
                prev_hash=prev_hash,
                agency_id=agency.pk,
                seq=seq,
                subject_type=subject_type,
                subject_id=subject_id,
                action=action,
                actor_id=actor_id,
                actor_name=actor_name,
                at_iso=at_iso,
                payload=body,
            )
            rows.append(
                (
                    agency.pk,
                    seq,
                    subject_type,
                    subject_id,
                    action,
                    actor_id,
                    actor_name,
                    at_db,
                    body,
                    prev_hash,
                    digest,
                )
            )
            appended.append(Appended(seq, prev_hash, digest))
            prev_hash = digest
            if len(rows) == 5000:
                cursor.executemany(sql, rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)
    if appended:
        RecordChain.objects.filter(pk=chain.pk).update(head_seq=seq, head_hash=prev_hash)
    return appended


def _actor_name(actor) -> str:
    if actor is None:
        return ""
    return getattr(actor, "real_name", "") or actor.get_username()


def _iso(at) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def message_of(record: Record) -> bytes:
    """The bytes `record.hash` covers (for benchmarks and external verifiers)."""
    return record_message(
        prev_hash=record.prev_hash,
        agency_id=record.agency_id,
        seq=record.seq,
        subject_type=record.subject_type,
        subject_id=record.subject_id,
        action=record.action,
        actor_id=record.actor_id,
        actor_name=record.actor_name,
        at_iso=_iso(record.at),
        payload=record.payload,
    )


@dataclass(frozen=True)
class Broken:
    """The first record (or chain head) that does not verify, and why."""

    agency_id: int
    seq: int
    record_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"记录 id={self.record_id}" if self.record_id else "链头"
        return f"机关 {self.agency_id} 的记录链第 {self.seq} 条（{where}）：{self.reason}"


@dataclass(frozen=True)
class Verification:
    checked: int
    chains: int
    broken: Broken | None

    @property
    def ok(self) -> bool:
        return self.broken is None


_FIELDS = (
    "id",
    "agency_id",
    "seq",
    "subject_type",
    "subject_id",
    "action",
    "actor_id",
    "actor_name",
    "at",
    "payload",
    "prev_hash",
    "hash",
)


def verify(
    agency: Agency | None = None, chunk_size: int = 5000, *, in_database: bool | None = None
) -> Verification:
    """Recompute every chain (or one agency's) and stop at the first record that does not fit.

    On PostgreSQL (`in_database`, the default there) the server hashes every record and compares the
    links, and returns only each chain's last row and the rows that fail (`_checked_in_database`):
    reading every row over the connection was most of verify's time. Elsewhere rows stream as tuples
    (values_list + iterator), never as models, with the message spelt by the database (`message_sql`) so
    Python only slices and hashes. Either way a record the fast check does not pass is re-checked the
    exact Python way (`record_message`) before it is called broken, so the verdict never depends on how
    the database spells the message; both paths give the same verdict, position and count."""
    if in_database is None:
        in_database = connection.vendor == "postgresql"
    with _one_snapshot():
        heads = RecordChain.objects.all()
        if agency is not None:
            heads = heads.filter(agency=agency)
        head_of = dict(heads.values_list("agency_id", "head_seq"))
        head_hash_of = dict(heads.values_list("agency_id", "head_hash"))
        chains = _checked_in_database(agency) if in_database else _walk(_streamed_rows(agency), chunk_size)
        with closing(chains):  # ends the server-side cursor inside the snapshot's transaction
            return _verdict(chains, head_of, head_hash_of)


@contextmanager
def _one_snapshot():
    """On PostgreSQL, the heads and every pass over the rows see one snapshot (REPEATABLE READ), so records
    appended while verify runs (minutes at 20,000,000 records) are neither half-seen nor taken for a
    broken head. Inside a caller's transaction its isolation stands (it cannot be changed there)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _verdict(chains, head_of: dict[int, int], head_hash_of: dict[int, str]) -> Verification:
    checked = 0
    seen: set[int] = set()
    for agency_id, last_seq, last_hash, broken, count in chains:
        checked += count
        seen.add(agency_id)
        if broken is None and (head_of.get(agency_id), head_hash_of.get(agency_id)) != (last_seq, last_hash):
            broken = Broken(agency_id, last_seq, None, "链头与最后一条记录不一致（记录可能被删除）")
        if broken:
            return Verification(checked, len(seen), broken)
    for agency_id, head_seq in sorted(head_of.items()):
        if agency_id not in seen and head_seq:
            return Verification(checked, len(seen), Broken(agency_id, 1, None, "链头存在但记录缺失"))
    return Verification(checked, len(seen), None)


def _streamed_rows(agency: Agency | None):
    """(agency_id, seq, message or None, hash) for every record in chain order, as tuples."""
    records = Record.objects.order_by("agency_id", "seq")
    if agency is not None:
        records = records.filter(agency=agency)
    sql = message_sql(connection.vendor)
    if sql is None:  # another database: the header is built in Python (same results, slower)
        return ((row[0], row[1], None, row[2]) for row in records.values_list("agency_id", "seq", "hash"))
    return records.annotate(message=RawSQL(sql, (), output_field=models.TextField())).values_list(
        "agency_id", "seq", "message", "hash"
    )


# On PostgreSQL verify makes two passes. The first hashes every record (sha256() over the message as
# `message_sql` spells it) in no particular order, so the server may spread it over parallel workers, and
# returns the ids of the records whose hash differs. The second walks each chain in order over the narrow
# columns only (seq, hash, prev_hash) and returns each chain's last row, the rows whose link or sequence
# fails and the rows the first pass flagged. A sequence gap is flagged where it starts (seq ≠ the previous
# seq + 1), so a removed record costs one row, not the rest of its chain; before the first failure
# seq = row number, as the streamed walk counts.
_HASHES_IN_DATABASE = """
SELECT id FROM core_record
WHERE encode(sha256(convert_to({message}, 'UTF8')), 'hex') IS DISTINCT FROM hash {and_agency}
"""
_LINKS_IN_DATABASE = """
SELECT agency_id, seq, id, hash, position, expected_seq, expected_prev, is_last, seq_ok, link_ok
FROM (
    SELECT agency_id, seq, id, hash,
           row_number() OVER chain AS position,
           COALESCE(lag(seq) OVER chain, 0) + 1 AS expected_seq,
           COALESCE(lag(hash) OVER chain, %(genesis)s) AS expected_prev,
           lead(id) OVER chain IS NULL AS is_last,
           seq = COALESCE(lag(seq) OVER chain, 0) + 1 AS seq_ok,
           prev_hash = COALESCE(lag(hash) OVER chain, %(genesis)s) AS link_ok
    FROM core_record {where}
    WINDOW chain AS (PARTITION BY agency_id ORDER BY seq)
) links
WHERE is_last OR NOT seq_ok OR NOT link_ok OR id = ANY(%(hash_differs)s)
ORDER BY agency_id, seq
"""


def _checked_in_database(agency: Agency | None) -> Generator[tuple[int, int, str, Broken | None, int]]:
    """What `_walk` yields, one tuple per chain, with the hashing and linking done by PostgreSQL."""
    params: dict[str, Any] = {"genesis": GENESIS_HASH, "agency": getattr(agency, "pk", None)}
    with connection.cursor() as cursor:
        cursor.execute(
            _HASHES_IN_DATABASE.format(
                message=message_sql("postgresql"),
                and_agency="" if agency is None else "AND agency_id = %(agency)s",
            ),
            params,
        )
        hash_differs = {rid for (rid,) in cursor.fetchall()}
    params["hash_differs"] = sorted(hash_differs)
    where = "" if agency is None else "WHERE agency_id = %(agency)s"
    with connection.chunked_cursor() as cursor:
        cursor.execute(_LINKS_IN_DATABASE.format(where=where), params)
        current, broken, count = None, None, 0
        while rows := cursor.fetchmany(1000):
            for (
                agency_id,
                seq,
                rid,
                digest,
                position,
                expected_seq,
                expected_prev,
                is_last,
                seq_ok,
                link_ok,
            ) in rows:
                if agency_id != current:
                    current, broken, count = agency_id, None, 0
                if broken is None and not seq_ok:
                    reason = f"序号不连续（应为 {expected_seq}，实为 {seq}）"
                    broken, count = Broken(agency_id, expected_seq, rid, reason), position
                elif broken is None and (not link_ok or rid in hash_differs):
                    broken = _recheck(agency_id, seq, expected_prev, digest)
                    count = position
                if is_last:
                    yield agency_id, seq, digest, broken, (count if broken else position)


def _walk(rows, chunk_size: int) -> Generator[tuple[int, int, str, Broken | None, int]]:
    """Yield (agency_id, last seq, last hash, first break, records read) once per chain. `rows` yields
    (agency_id, seq, message or None, hash); the loop is kept to slicing, one sha256 and comparisons."""
    sha256 = hashlib.sha256
    current, expected_seq, prev_hash, count, broken = None, 1, GENESIS_HASH, 0, None
    for agency_id, seq, message, digest in rows.iterator(chunk_size=chunk_size):
        if agency_id != current:
            if current is not None:
                yield current, expected_seq - 1, prev_hash, broken, count
            current, expected_seq, prev_hash, count, broken = agency_id, 1, GENESIS_HASH, 0, None
        if broken:
            continue
        count += 1
        if seq != expected_seq:
            broken = _broken(agency_id, expected_seq, seq, f"序号不连续（应为 {expected_seq}，实为 {seq}）")
        elif message is None or message[:64] != prev_hash or sha256(message.encode()).hexdigest() != digest:
            broken = _recheck(agency_id, seq, prev_hash, digest)
        expected_seq, prev_hash = seq + 1, digest
    if current is not None:
        yield current, expected_seq - 1, prev_hash, broken, count


def _broken(agency_id: int, seq: int, at_seq: int, reason: str) -> Broken:
    """A break at the row numbered `at_seq`, looked up by id only now (not read for every record)."""
    rid = Record.objects.filter(agency_id=agency_id, seq=at_seq).values_list("id", flat=True).first()
    return Broken(agency_id, seq, rid, reason)


def _recheck(agency_id: int, seq: int, prev_hash: str, digest: str) -> Broken | None:
    """The exact check of one record, its header built by `record_message` in Python: the fast path's
    verdict for the rare record it did not pass (and every record where the database builds no message)."""
    rid, stype, sid, action, actor_id, actor_name, at, payload, prev = (
        Record.objects.filter(agency_id=agency_id, seq=seq)
        .values_list(
            "id",
            "subject_type",
            "subject_id",
            "action",
            "actor_id",
            "actor_name",
            "at",
            "payload",
            "prev_hash",
        )
        .get()
    )
    if prev != prev_hash:
        return Broken(agency_id, seq, rid, "前一哈希与上一条记录不符")
    expected = record_digest(
        prev_hash=prev,
        agency_id=agency_id,
        seq=seq,
        subject_type=stype,
        subject_id=sid,
        action=action,
        actor_id=actor_id,
        actor_name=actor_name,
        at_iso=_iso(at),
        payload=payload,
    )
    return None if expected == digest else Broken(agency_id, seq, rid, "内容与哈希不符（记录被改动）")


# The message of `record_message`, spelt by the database: prev_hash, the canonical header (keys sorted,
# strings JSON-quoted, `at` in UTC with microseconds as `_iso` writes it) and the stored payload.
_HEADER = (
    "'{{\"action\":' || {q_action} || ',\"actor\":' || COALESCE(CAST(actor_id AS TEXT), 'null')"
    " || ',\"actor_name\":' || {q_actor_name} || ',\"agency\":' || CAST(agency_id AS TEXT)"
    " || ',\"at\":\"' || {at} || '\",\"seq\":' || CAST(seq AS TEXT) || ',\"subject\":' || {q_subject} || '}}'"
)
_DIALECTS = {
    # SQLite stores `at` as "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC (Django drops a zero fraction)
    "sqlite": (
        "json_quote({})",
        "replace(at, ' ', 'T') || CASE WHEN length(at) = 19 THEN '.000000' ELSE '' END || '+00:00'",
        "char(10)",
    ),
    "postgresql": (
        "to_json(CAST({} AS TEXT))::text",
        "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
        "chr(10)",
    ),
}


def message_sql(vendor: str) -> str | None:
    """SQL for the text each record's hash covers (columns of core_record, unqualified), or None."""
    if vendor not in _DIALECTS:
        return None
    quote, at, newline = _DIALECTS[vendor]
    header = _HEADER.format(
        q_action=quote.format("action"),
        q_actor_name=quote.format("actor_name"),
        q_subject=quote.format("subject_type || ':' || subject_id"),
        at=at,
    )
    return f"prev_hash || {newline} || {header} || {newline} || payload"
