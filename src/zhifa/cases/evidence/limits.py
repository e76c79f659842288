"""What one case may hold (issue 17, item 4): the largest file of each kind of evidence and the most files
of one case. Declared on the upload page, checked when an upload starts (the declared size) and again
when it finishes (the case's count, under the case's lock); a refusal names the field and leaves nothing
stored — the upload session and its temporary file are removed."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from zhifa.core import kit

from ..choices import EvidenceKind

MiB = 1024 * 1024
# 图片 and scanned papers are small; 音视频 of a whole inspection are not (settings may lower or raise them,
# never above ZHIFA_EVIDENCE_MAX_BYTES, the largest file of any kind)
DEFAULT_KIND_MAX_BYTES = {
    EvidenceKind.PHOTO: 50 * MiB,
    EvidenceKind.AUDIO: 500 * MiB,
    EvidenceKind.VIDEO: 2048 * MiB,
    EvidenceKind.DOCUMENT: 200 * MiB,
    EvidenceKind.EDATA: 2048 * MiB,
    EvidenceKind.WAIVER: 50 * MiB,
}
DEFAULT_MAX_PER_CASE = 500


def kind_max_bytes(kind: str, overall: int) -> int:
    """The largest file of `kind`: ZHIFA_EVIDENCE_KIND_MAX_BYTES[kind] (default above), capped by `overall`."""
    configured = getattr(settings, "ZHIFA_EVIDENCE_KIND_MAX_BYTES", {}) or {}
    return min(int(configured.get(kind, DEFAULT_KIND_MAX_BYTES.get(kind, overall))), overall)


def max_per_case() -> int:
    return int(getattr(settings, "ZHIFA_EVIDENCE_MAX_PER_CASE", DEFAULT_MAX_PER_CASE))


def check_size(kind: str, size: int, overall: int) -> None:
    limit = kind_max_bytes(kind, overall)
    if size > limit:
        kit.refuse(
            "file",
            f"“文件”大小{filesizeformat(size)}超过“{EvidenceKind(kind).label}”类证据的上限"
            f"{filesizeformat(limit)}",
        )


def check_count(case) -> None:
    """Refuse a further file of a case that holds max_per_case() already."""
    limit = max_per_case()
    if case.evidence.count() >= limit:
        kit.refuse("file", f"“文件”：本案已有{limit}个证据文件，达到每案上限，不能再上传")


def declared(overall: int) -> list[tuple[str, int]]:
    """(kind label, its largest file) for the upload page."""
    return [(label, kind_max_bytes(value, overall)) for value, label in EvidenceKind.choices]
