"""The publication log: every published entry becomes a leaf of one append-only RFC 6962 tree; a daily
checkpoint appends the day's new entries plus one leaf with the record-chain heads (so the checkpoint
also vouches for the 全过程记录), and publishes (size, root). Inclusion proofs tie an entry to a
checkpoint; consistency proofs show each checkpoint extends the one before.
"""

import json
from datetime import date

from django.db import transaction

from zhifa.core.models import RecordChain
from zhifa.core.records import canonical_json

from . import merkle
from .models import Checkpoint, Disclosure, LogLeaf

PROOF_FORMAT = "zhifa-publication-proof/1"
# Only what the check covers is in the file, so that no byte of it can change without failing the check.
PROOF_KEYS = frozenset({"format", "entry", "leaf_index", "tree_size", "root", "inclusion_proof"})
HEADS_FORMAT = "zhifa-chain-heads/1"

_cache: dict[tuple[int, str], merkle.Tree] = {}


def tree(size: int) -> merkle.Tree:
    """The tree of the first `size` leaves. The latest one is kept in memory between requests, keyed by
    its size and last leaf (the log only grows, but a test database is rolled back under it)."""
    last = LogLeaf.objects.filter(index=size - 1).values_list("leaf_hash", flat=True).first() or ""
    if (size, last) not in _cache:
        hashes = LogLeaf.objects.filter(index__lt=size).order_by("index").values_list("leaf_hash", flat=True)
        built = merkle.Tree([bytes.fromhex(h) for h in hashes.iterator(chunk_size=10000)])
        _cache.clear()
        _cache[(size, last)] = built
    return _cache[(size, last)]


def heads_entry(day: date) -> str:
    heads = RecordChain.objects.order_by("agency_id").values_list("agency_id", "head_seq", "head_hash")
    return canonical_json({"format": HEADS_FORMAT, "day": day.isoformat(), "heads": [list(h) for h in heads]})


@transaction.atomic
def checkpoint_create(*, day: date) -> Checkpoint:
    """每日检查点 (scheduled once a day): append the entries published up to `day` that are not yet in
    the log, then the chain heads, and publish the new tree head. Running it twice for a day is refused."""
    if Checkpoint.objects.filter(day__gte=day).exists():
        raise ValueError(f"{day} 及以后已有检查点")
    last = LogLeaf.objects.select_for_update().order_by("-index").first()
    index = last.index + 1 if last else 0
    pending = (
        Disclosure.objects.filter(published_on__lte=day, leaf__isnull=True)
        .exclude(entry="")
        .order_by("published_at", "id")
        .values_list("id", "entry")
    )
    leaves = []
    for disclosure_id, entry in pending.iterator(chunk_size=5000):
        leaf = merkle.leaf_hash(entry.encode()).hex()
        leaves.append(LogLeaf(index=index, leaf_hash=leaf, disclosure_id=disclosure_id))
        index += 1
    heads = heads_entry(day)
    leaves.append(LogLeaf(index=index, leaf_hash=merkle.leaf_hash(heads.encode()).hex(), data=heads))
    LogLeaf.objects.bulk_create(leaves, batch_size=5000)
    size = index + 1
    return Checkpoint.objects.create(day=day, size=size, root=tree(size).root().hex())


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-day").first()


def proof_bundle(disclosure: Disclosure) -> dict | None:
    """The downloadable file: the entry, its leaf index, the latest checkpoint and the audit path.
    None while the entry is not yet in a checkpoint."""
    leaf = LogLeaf.objects.filter(disclosure=disclosure).first()
    checkpoint = latest_checkpoint()
    if leaf is None or checkpoint is None or leaf.index >= checkpoint.size:
        return None
    path = tree(checkpoint.size).inclusion_proof(leaf.index, checkpoint.size)
    return {
        "format": PROOF_FORMAT,
        "entry": disclosure.entry,
        "leaf_index": leaf.index,
        "tree_size": checkpoint.size,
        "root": checkpoint.root,
        "inclusion_proof": [h.hex() for h in path],
    }


def consistency(old: Checkpoint, new: Checkpoint) -> dict:
    path = tree(new.size).consistency_proof(old.size, new.size)
    return {
        "old_size": old.size,
        "old_root": old.root,
        "new_size": new.size,
        "new_root": new.root,
        "consistency_proof": [h.hex() for h in path],
    }


class NotAProof(ValueError):
    """The file is not a publication proof (wrong format, missing fields, bad hex)."""


def verify_bundle(raw: bytes | str) -> tuple[bool, str]:
    """Check a downloaded file offline: re-hash the entry and walk the audit path up to the root.
    Returns (ok, message in Chinese); raises NotAProof for anything that is not such a file."""
    try:
        bundle = json.loads(raw)
        if not isinstance(bundle, dict) or bundle.get("format") != PROOF_FORMAT or set(bundle) != PROOF_KEYS:
            raise NotAProof("文件格式不是公示条目证明（zhifa-publication-proof/1）")
        entry = bundle["entry"]
        index, size = bundle["leaf_index"], bundle["tree_size"]
        if type(index) is not int or type(size) is not int:
            raise NotAProof("叶序号和树大小须为整数")
        root = bytes.fromhex(bundle["root"])
        path = [bytes.fromhex(h) for h in bundle["inclusion_proof"]]
        if not isinstance(entry, str) or len(root) != 32 or any(len(h) != 32 for h in path):
            raise NotAProof("证明中的哈希长度不正确")
    except NotAProof:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise NotAProof(f"无法读取证明文件：{exc.__class__.__name__}") from exc
    leaf = merkle.leaf_hash(entry.encode())
    if merkle.verify_inclusion(index, size, leaf, path, root):
        return True, (
            f"验证通过：该条目是共 {size} 条、根哈希为 {root.hex()} 的检查点中的第 {index} 条。"
            "请与公示网站上公布的检查点根哈希核对。"
        )
    return False, "验证未通过：条目内容或证明路径与根哈希不符（文件可能被改动）。"
