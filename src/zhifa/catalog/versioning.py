"""Snapshots, diffs and hashes of catalogue versions.

A snapshot is {item code: canonical dict of the item with its legal bases and benchmark}. The diff
between two versions lists added, removed and changed codes (with the names of the changed parts);
the content hash is sha256 over the canonical JSON of the snapshot, so anyone can check that a
published version is the one that was published.
"""

import hashlib

from django.db.models import Prefetch

from zhifa.core.records import canonical_json

from .models import BenchmarkLevel, CatalogVersion, EnforcementItem, Exemption, LegalBasis

ITEM_FIELDS = (
    "name",
    "category",
    "field_id",
    "level",
    "implementing_body_id",
    "duties",
    "accountability",
    "is_supervision",
    "is_random_inspection",
    "inspection_object",
    "inspection_method",
    "needs_legal_review",
    "major_fine_threshold",
    "major_on_revocation",
    "major_on_suspension",
    "av_steps",
    "service_guide",
)
# fields removed since some versions were frozen: their label, for the diffs stored with those versions
RETIRED_LABELS = {"major_on_hearing": "经过听证为重大（已删除，见行政处罚法第五十八条）"}
BASIS_FIELDS = (
    "law_name",
    "rank",
    "article",
    "text",
    "effective_from",
    "effective_to",
    "fine_basis",
    "statutory_min",
    "statutory_max",
)
LEVEL_FIELDS = (
    "level",
    "conditions",
    "fact_min",
    "fact_max",
    "warning",
    "fine_basis",
    "fine_min",
    "fine_max",
    "confiscate",
    "suspend",
    "revoke",
)
EXEMPTION_FIELDS = ("kind", "conditions", "required_facts", "legal_basis")


def items_of(version: CatalogVersion):
    """Every item of `version` with what a snapshot needs, in a fixed number of queries."""
    return (
        EnforcementItem.objects.filter(version=version)
        .select_related("benchmark", "benchmark__legal_basis")
        .prefetch_related(
            Prefetch("legal_bases", queryset=LegalBasis.objects.order_by("id")),
            Prefetch("benchmark__levels", queryset=BenchmarkLevel.objects.order_by("fact_min", "id")),
            Prefetch("benchmark__exemptions", queryset=Exemption.objects.order_by("id")),
        )
        .order_by("code")
    )


def _pick(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def item_snapshot(item: EnforcementItem) -> dict:
    data = _pick(item, ITEM_FIELDS)
    data["legal_bases"] = [_pick(basis, BASIS_FIELDS) for basis in item.legal_bases.all()]
    benchmark = getattr(item, "benchmark", None)
    data["benchmark"] = (
        {
            "legal_basis": f"{benchmark.legal_basis.law_name} {benchmark.legal_basis.article}",
            "fact_label": benchmark.fact_label,
            "note": benchmark.note,
            "levels": [_pick(level, LEVEL_FIELDS) for level in benchmark.levels.all()],
            "exemptions": [_pick(ex, EXEMPTION_FIELDS) for ex in benchmark.exemptions.all()],
        }
        if benchmark
        else None
    )
    # Round-trip through canonical JSON so dates and decimals compare as they are stored and hashed.
    import json

    return json.loads(canonical_json(data))


def snapshot(version: CatalogVersion) -> dict[str, dict]:
    return {item.code: item_snapshot(item) for item in items_of(version).iterator(chunk_size=2000)}


def content_hash(snap: dict[str, dict]) -> str:
    return hashlib.sha256(canonical_json(snap).encode()).hexdigest()


def hashed_snapshot(version: CatalogVersion) -> dict[str, dict]:
    """The snapshot the version's content hash was computed over: today's snapshot plus, for a version
    frozen before a field was removed, the values its items then had in that field (`retired_fields`,
    kept by the migration that removed it: 0005 for 经过听证为重大)."""
    snap = snapshot(version)
    for name, values in (version.retired_fields or {}).items():
        for code, value in values.items():
            if code in snap:
                snap[code][name] = value
    return snap


def hash_verifies(version: CatalogVersion) -> bool:
    """Whether the items of a submitted or published version are still those its content hash covers."""
    return content_hash(hashed_snapshot(version)) == version.content_hash


def diff(old: dict[str, dict], new: dict[str, dict]) -> dict:
    """{"added": [...], "removed": [...], "changed": [{"code", "name", "parts": [...]}]} by item code."""
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = []
    for code in sorted(set(old) & set(new)):
        parts = sorted(key for key in new[code] if new[code][key] != old[code].get(key))
        if parts:
            changed.append({"code": code, "name": new[code]["name"], "parts": parts})
    return {
        "added": [{"code": code, "name": new[code]["name"]} for code in added],
        "removed": [{"code": code, "name": old[code]["name"]} for code in removed],
        "changed": changed,
    }
