"""数据交换 services: one export page (by change time over the record log) and one import (a whole file in
one transaction: either every record is merged, or nothing is written and the reason is given)."""

import hashlib
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from zhifa.core import access, events, kit
from zhifa.core.models import Agency, Record, Region
from zhifa.core.records import GENESIS_HASH, record_digest
from zhifa.core.validators import validate_credit_code

from . import cursor as cursors
from .choices import Direction, Kind, Operation
from .models import Batch, ChainHead, Collected, Conflict
from .schema import is_valid, validator
from .snapshots import LOADERS, Snapshot, content_hash, iso

EXPORT = "exchange.export_data"
IMPORT = "exchange.import_data"
VIEW = "exchange.view_batch"
DEFAULT_LIMIT = 500  # record-log rows per page
MAX_LIMIT = 5000
VERSION = "1.0"
SINCE_MIN, SINCE_MAX = 2000, 2100


def instance_id() -> str:
    """This system's name in an exchange (`source.instance`): the setting ZHIFA_EXCHANGE_INSTANCE, by
    default "ZF" and the code of the top region it serves (ZF320000)."""
    configured = getattr(settings, "ZHIFA_EXCHANGE_INSTANCE", "")
    if configured:
        return str(configured)
    top = Region.objects.filter(parent__isnull=True).order_by("code").values_list("code", flat=True).first()
    return f"ZF{top or '000000'}"


def default_agency() -> Agency:
    """The sending or collecting body when the system acts (the commands without --agency): the first
    agency of the top region."""
    agency = Agency.objects.select_related("region").order_by("region__path", "pk").first()
    if agency is None:
        kit.refuse("agency", "系统中还没有机关，不能交换数据")
    return agency


# --- export ----------------------------------------------------------------------------------------------


def export_page(
    *,
    actor,
    since: datetime | None = None,
    cursor: str = "",
    limit: int = DEFAULT_LIMIT,
    agency: Agency | None = None,
) -> dict[str, Any]:
    """One page of the incremental export: the record-log rows after the cursor (or changed since
    `since`), in id order, each as a `record`, and the current state of every object they touched.
    The page is logged as an export batch; the envelope's `next_cursor` resumes after it."""
    if not 1 <= limit <= MAX_LIMIT:
        kit.refuse("limit", f"每页记录数应在1至{MAX_LIMIT}之间")
    if actor is not None and not actor.has_perm(EXPORT):
        raise PermissionDenied("您无权导出交换数据")
    sender = agency or (actor.agency if actor is not None else default_agency())
    if sender is None:
        raise PermissionDenied("您的账号未关联机关，不能导出交换数据")
    if since is not None and not SINCE_MIN <= since.year <= SINCE_MAX:
        kit.refuse("since", f"起始变更时间应在{SINCE_MIN}年至{SINCE_MAX}年之间")
    user_id = getattr(actor, "pk", None)
    if cursor:
        after, since = cursors.read(cursor, user_id=user_id)
    else:
        after = _first_after(since)
    scope = Record.objects.all() if actor is None else access.visible_to(actor, Record.objects.all(), EXPORT)
    rows = list(
        scope.filter(id__gt=after)
        .order_by("id")
        .values_list(
            "id", "agency_id", "agency__credit_code", "seq", "subject_type", "subject_id", "action",
            "actor_id", "actor_name", "at", "payload", "prev_hash", "hash",
        )[:limit]
    )  # fmt: skip
    instance = instance_id()
    records = [_chain_record(row, instance) for row in rows]
    snapshots = _snapshots(rows)
    page_time = iso(max(row[9] for row in rows)) if rows else iso(timezone.now())
    entities = [_entity(s, page_time, since, instance) for s in snapshots]
    upto = rows[-1][0] if rows else after
    counts = Counter(r["kind"] for r in entities + records)
    batch = Batch.objects.create(
        direction=Direction.EXPORT,
        cd_batch="",
        source_instance=instance,
        source_credit_code=sender.credit_code,
        agency=sender,
        actor=actor,
        total=sum(counts.values()),
        inserted=sum(1 for r in entities + records if r["cd_operation"] == Operation.INSERT),
        updated=sum(1 for r in entities if r["cd_operation"] == Operation.UPDATE),
        deleted=sum(1 for r in entities if r["cd_operation"] == Operation.DELETE),
        counts=dict(sorted(counts.items())),
        cursor_after=after,
        cursor_upto=upto,
    )
    batch.cd_batch = batch_number(batch)
    Batch.objects.filter(pk=batch.pk).update(cd_batch=batch.cd_batch)
    full = len(rows) == limit
    return {
        "version": VERSION,
        "cd_batch": batch.cd_batch,
        "cd_source": f"{sender.region.code[:6]}:{sender.credit_code}",
        "source": {
            "instance": instance_id(),
            "credit_code": sender.credit_code,
            "region_code": sender.region.code,
        },
        "generated_at": iso(timezone.now()),
        "since": iso(since) if since else None,
        "cursor_after": after,
        "cursor_upto": upto,
        "next_cursor": cursors.issue(after=upto, since=since, user_id=user_id) if full else None,
        "records": entities + records,
    }


def batch_number(batch: Batch) -> str:
    """cd_batch: the date and the run number (互联网+监管: 日期 + 批次序号)."""
    return f"{timezone.localdate(batch.created_at):%Y%m%d}-{batch.pk:06d}"


def _first_after(since: datetime | None) -> int:
    """The record id after which changes since `since` begin (ids grow with time; one aggregate)."""
    if since is None:
        return 0
    # MIN(id + 0), not MIN(id): PostgreSQL answers a bare MIN(id) by walking the primary key from the oldest
    # record until one is recent enough (26 s at 20,000,000 records); the expression makes it range-scan
    # record_at_idx (at, id) instead (51 ms for a week's records; docs/performance.md)
    first = Record.objects.filter(at__gte=since).aggregate(first=Min(F("id") + 0))["first"]
    if first is None:
        return Record.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return first - 1


def _chain_record(row, instance: str) -> dict[str, Any]:
    _rid, agency_id, credit, seq, stype, sid, action, actor_id, actor_name, at, payload, prev, digest = row
    data = {
        "agency_credit_code": credit,
        "agency_id": agency_id,
        "seq": seq,
        "subject_type": stype,
        "subject_id": sid,
        "action": action,
        "actor_id": actor_id,
        "actor_name": actor_name,
        "at": iso(at).replace("Z", "+00:00"),
        "payload": payload,
        "prev_hash": prev,
    }
    return {
        "cd_id": f"{instance}:record:{credit}:{seq}",
        "cd_time": iso(at),
        "cd_operation": Operation.INSERT,
        "kind": Kind.RECORD.value,
        "key": f"{credit}:{seq}",
        "data": data,
        "hash": digest,
    }


def _snapshots(rows) -> list[Snapshot]:
    """The current state of every object the page's records touched, one loader call per subject type."""
    ids: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row[4] in LOADERS:
            ids[row[4]].add(row[5])
    seen: dict[tuple[str, str], Snapshot] = {}
    for subject_type, loader in LOADERS.items():
        if ids.get(subject_type):
            for snapshot in loader(sorted(ids[subject_type])):
                seen[(snapshot.kind, snapshot.key)] = snapshot
    return [seen[k] for k in sorted(seen)]


def _entity(s: Snapshot, page_time: str, since, instance: str) -> dict[str, Any]:
    if s.data is None:
        operation = Operation.DELETE
    else:
        # a full export inserts, an incremental one updates; a receiver upserts both (互联网+监管 practice)
        operation = Operation.INSERT if since is None else Operation.UPDATE
    return {
        "cd_id": f"{instance}:{s.kind}:{s.key}:{s.hash[:16]}",
        "cd_time": page_time,
        "cd_operation": operation,
        "kind": str(s.kind),
        "key": s.key,
        "data": s.data,
        "hash": s.hash,
    }


# --- import ----------------------------------------------------------------------------------------------

KIND_LABELS = dict(Kind.choices)


def import_envelope(*, actor, envelope: Any, agency: Agency | None = None) -> Batch:
    """Merge one exported page into the collected data, in one transaction. Refused with the reason, and
    nothing written: a schema error, a record whose hash does not fit its content or its chain, a gap in a
    chain. Merged: a new key is inserted, the same content is left alone (so the same file twice changes
    nothing), different content replaces ours unless ours is newer — then it is kept and reported as a
    conflict."""
    if actor is not None and not actor.has_perm(IMPORT):
        raise PermissionDenied("您无权导入交换数据")
    receiver = agency or (actor.agency if actor is not None else default_agency())
    if receiver is None:
        raise PermissionDenied("您的账号未关联机关，不能导入交换数据")
    _check_schema(envelope)
    source = envelope["source"]
    _check_credit_code(source["credit_code"], "数据来源")
    records = envelope["records"]
    for number, record in enumerate(records, 1):
        _check_time(number, record)
        _check_hash(number, record)
    with transaction.atomic():
        heads = _check_chains(source["instance"], records)
        batch = _merge(actor, receiver, envelope, records)
        for (instance, credit), (seq, digest) in heads.items():
            ChainHead.objects.update_or_create(
                source_instance=instance, credit_code=credit, defaults={"seq": seq, "hash": digest}
            )
        kit.record(
            batch,
            "exchange.import",
            actor=actor,
            agency=receiver,
            payload={
                "batch": batch.cd_batch, "source": source["instance"], "inserted": batch.inserted,
                "updated": batch.updated, "deleted": batch.deleted, "unchanged": batch.unchanged,
                "conflicts": batch.conflicts,
            },
        )  # fmt: skip
        # a later app that keeps what the source is (equipment's 执法信息系统台账) marks it connected, in
        # this transaction: a refusal there rolls the import back
        events.publish("exchange.imported", batch=batch, receiver=receiver, actor=actor)
    return batch


def _check_schema(envelope: Any) -> None:
    if is_valid(envelope):
        return
    error = next(iter(sorted(validator().iter_errors(envelope), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return
    path = list(error.absolute_path)
    where = "文件"
    if len(path) >= 2 and path[0] == "records":
        where = f"第{path[1] + 1}条记录"
        path = path[2:]
    field = "/".join(str(p) for p in path)
    kit.refuse("file", f"交换文件不符合数据规范：{where}{f'的“{field}”' if field else ''}：{_message(error)}")


def _message(error) -> str:
    if error.validator == "required":
        return f"缺少必填字段“{error.message.split(chr(39))[1]}”"
    if error.validator in ("pattern", "format"):
        return "格式错误"
    if error.validator in ("enum", "const"):
        return "取值不在允许范围内"
    if error.validator == "type":
        return "类型错误"
    if error.validator == "additionalProperties":
        return "含有未定义的字段"
    return "不符合规范"


def _check_credit_code(value: str, label: str) -> None:
    try:
        validate_credit_code(value)
    except Exception:
        kit.refuse("file", f"{label}的统一社会信用代码“{value}”校验位错误")


def _check_time(number: int, record: dict) -> None:
    try:
        datetime.fromisoformat(record["cd_time"].replace("Z", "+00:00"))
        if record["kind"] == Kind.RECORD:
            datetime.fromisoformat(record["data"]["at"])
    except ValueError:
        kit.refuse("file", f"交换文件不符合数据规范：第{number}条记录的“cd_time”：格式错误")


def _check_hash(number: int, record: dict) -> None:
    data, kind = record["data"], record["kind"]
    if kind == Kind.RECORD:
        expected = record_digest(
            prev_hash=data["prev_hash"], agency_id=data["agency_id"], seq=data["seq"],
            subject_type=data["subject_type"], subject_id=data["subject_id"], action=data["action"],
            actor_id=data["actor_id"], actor_name=data["actor_name"], at_iso=data["at"], payload=data["payload"],
        )  # fmt: skip
    else:
        expected = content_hash(data)
    if expected != record["hash"]:
        label = KIND_LABELS[kind]
        kit.refuse("file", f"第{number}条记录（{label} {record['key']}）的哈希与内容不符，文件可能被改动")
    if kind == Kind.BODY:
        _check_credit_code(record["key"], f"第{number}条记录（执法主体）")


def _check_chains(instance: str, records: list[dict]) -> dict[tuple[str, str], tuple[int, str]]:
    """Each sending agency's records in order, each linked to the one before: to the head verified by an
    earlier import, or — the first time — from wherever the export started. Returns the new heads."""
    chains: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record["kind"] == Kind.RECORD:
            chains[record["data"]["agency_credit_code"]].append(record)
    known = {
        h.credit_code: h
        for h in ChainHead.objects.select_for_update().filter(source_instance=instance, credit_code__in=list(chains))
    }  # fmt: skip
    heads = {}
    for credit, chain in chains.items():
        chain.sort(key=lambda r: r["data"]["seq"])
        head = known.get(credit)
        seq, digest = (head.seq, head.hash) if head else (None, None)
        for record in chain:
            data = record["data"]
            if seq is not None and data["seq"] <= seq:
                continue  # verified before; its content is compared when merged
            if seq is None and data["seq"] == 1 and data["prev_hash"] != GENESIS_HASH:
                _refuse_chain(credit, data["seq"], "第一条记录的前一哈希不是链首")
            if seq is not None and data["seq"] != seq + 1:
                _refuse_chain(credit, data["seq"], f"记录不连续（应为第{seq + 1}条）")
            if digest is not None and data["prev_hash"] != digest:
                _refuse_chain(credit, data["seq"], "前一哈希与上一条记录不符")
            seq, digest = data["seq"], record["hash"]
        if seq is not None and (head is None or seq > head.seq):
            heads[(instance, credit)] = (seq, digest or "")
    return heads


def _refuse_chain(credit: str, seq: int, reason: str):
    kit.refuse("file", f"机关 {credit} 的执法记录第{seq}条不符合记录链：{reason}")


def _merge(actor, receiver: Agency, envelope: dict, records: list[dict]) -> Batch:
    instance = envelope["source"]["instance"]
    batch = Batch.objects.create(
        direction=Direction.IMPORT,
        cd_batch=envelope["cd_batch"],
        source_instance=instance,
        source_credit_code=envelope["source"]["credit_code"],
        agency=receiver,
        actor=actor,
        total=len(records),
        counts=dict(sorted(Counter(r["kind"] for r in records).items())),
    )
    existing: dict[tuple[str, str], Collected] = {}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for record in records:
        by_kind[record["kind"]].append(record["key"])
    for kind, keys in by_kind.items():
        for start in range(0, len(keys), 2000):
            for row in Collected.objects.select_for_update().filter(
                source_instance=instance, kind=kind, key__in=keys[start : start + 2000]
            ):
                existing[(row.kind, row.key)] = row
    tally: Counter[str] = Counter()
    new: dict[tuple[str, str], Collected] = {}
    changed: dict[int, Collected] = {}
    conflicts: list[Conflict] = []
    for record in records:
        kind, key = record["kind"], record["key"]
        at = datetime.fromisoformat(record["cd_time"].replace("Z", "+00:00"))
        deleting = record["cd_operation"] == Operation.DELETE
        found = existing.get((kind, key)) or new.get((kind, key))
        if found is None:
            if deleting:
                tally["unchanged"] += 1
                continue
            new[(kind, key)] = Collected(
                agency=receiver, source_instance=instance, kind=kind, key=key, batch=batch,
                content=_canonical(record["data"]), content_hash=record["hash"], changed_at=at,
            )  # fmt: skip
            tally["inserted"] += 1
            continue
        row = found
        if (row.deleted and deleting) or (
            not deleting and not row.deleted and row.content_hash == record["hash"]
        ):
            tally["unchanged"] += 1
            continue
        if kind == Kind.RECORD:  # a chain record never changes: the sender's chain was rewritten
            credit, _, seq = key.rpartition(":")
            _refuse_chain(credit, int(seq), "与已归集的同一条记录内容不同（记录链被改写）")
        if row.changed_at > at:
            conflicts.append(Conflict(batch=batch, kind=kind, key=key, message=_conflict(kind, key, row, at)))
            continue
        row.content = row.content if deleting else _canonical(record["data"])
        row.content_hash = row.content_hash if deleting else record["hash"]
        row.deleted, row.changed_at, row.batch = deleting, at, batch
        if row.pk:
            changed[row.pk] = row
        tally["deleted" if deleting else "updated"] += 1
    Collected.objects.bulk_create(new.values(), batch_size=1000)
    Collected.objects.bulk_update(
        changed.values(), ["content", "content_hash", "deleted", "changed_at", "batch"], batch_size=1000
    )
    Conflict.objects.bulk_create(conflicts, batch_size=1000)
    batch.inserted, batch.updated, batch.deleted = tally["inserted"], tally["updated"], tally["deleted"]
    batch.unchanged, batch.conflicts = tally["unchanged"], len(conflicts)
    batch.save(update_fields=["inserted", "updated", "deleted", "unchanged", "conflicts"])
    return batch


def _conflict(kind: str, key: str, row: Collected, at: datetime) -> str:
    label = KIND_LABELS[kind]
    local, incoming = _when(row.changed_at), _when(at)
    return f"{label} {key}：本地版本较新（本地变更于{local}，导入数据变更于{incoming}），保留本地版本，未覆盖"


def _when(value: datetime) -> str:
    return f"{timezone.localtime(value):%Y年%-m月%-d日 %H:%M:%S}"


def _canonical(data: Any) -> str:
    from zhifa.core.records import canonical_json

    return canonical_json(data)


def envelope_digest(envelope: dict) -> str:
    """sha256 of a whole page (for the command's summary)."""
    return hashlib.sha256(_canonical(envelope).encode()).hexdigest()
