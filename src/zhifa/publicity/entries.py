"""The public entry of a disclosure: canonical JSON of the allow-listed fields, frozen at publication.
These exact UTF-8 bytes are the Merkle leaf, so anyone can re-hash what they downloaded."""

import hashlib

from zhifa.core.records import canonical_json

ENTRY_FORMAT = "zhifa-publicity-entry/1"


def build_entry(disclosure) -> str:
    d = disclosure
    return canonical_json(
        {
            "format": ENTRY_FORMAT,
            "id": d.pk,
            "version": d.version,
            "supersedes": d.supersedes_id,
            "agency": d.agency.name,
            "agency_credit_code": d.agency.credit_code,
            "kind": d.get_kind_display(),
            "number": d.number,
            "subject_kind": d.get_subject_kind_display(),
            "subject": d.subject_name,
            "credit_code": d.credit_code,
            "items": d.items,
            "conclusion": d.conclusion,
            "basis": d.basis,
            "summary": d.summary,
            "decided_on": d.decided_on.isoformat(),
            "published_on": d.published_on.isoformat(),
        }
    )


def entry_sha256(entry: str) -> str:
    return hashlib.sha256(entry.encode()).hexdigest()
