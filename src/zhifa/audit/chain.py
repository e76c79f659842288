"""The audit chain: each entry hashes   prev_hash "\\n" canonical JSON of its fields   with sha256, as the
record log does (core.records), so one external verifier reads both."""

import hashlib
from dataclasses import dataclass
from datetime import UTC

from zhifa.core.records import GENESIS_HASH, canonical_json

from .models import AuditEntry

HASHED_FIELDS = (
    "seq", "actor_id", "actor_username", "actor_name", "ip", "action", "object_type", "object_id",
    "object_repr", "outcome", "detail",
)  # fmt: skip


def entry_message(entry: AuditEntry) -> bytes:
    fields = {name: getattr(entry, name) for name in HASHED_FIELDS}
    fields["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    return f"{entry.prev_hash}\n{canonical_json(fields)}".encode()


def entry_digest(entry: AuditEntry) -> str:
    return hashlib.sha256(entry_message(entry)).hexdigest()


@dataclass(frozen=True)
class AuditVerification:
    checked: int
    broken_seq: int | None  # the first entry whose hash, link or sequence is wrong

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def verify_audit_chain() -> AuditVerification:
    """Walk the chain in order: each entry's hash must be its own digest, its prev_hash the hash before it,
    and its seq one more than the last (a deleted entry shows as a gap)."""
    prev_hash, expected_seq, checked = GENESIS_HASH, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq or entry.prev_hash != prev_hash or entry.hash != entry_digest(entry):
            return AuditVerification(checked, entry.seq)
        prev_hash, expected_seq, checked = entry.hash, expected_seq + 1, checked + 1
    return AuditVerification(checked, None)
