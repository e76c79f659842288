"""Evidence the record log holds that is no longer there. check_evidence starts from the evidence rows, so a
deleted row escapes it; this starts from the log: every "case.evidence" record names its evidence id, and that
row must exist (and its file, which is reported with it)."""

import json
from dataclasses import dataclass

from zhifa.cases.evidence import storage
from zhifa.cases.evidence.services import ACTION
from zhifa.cases.models import Case, Evidence
from zhifa.core.models import Record


@dataclass(frozen=True)
class MissingEvidence:
    """An evidence row the record log names but the evidence table no longer holds."""

    evidence_id: int
    case_id: str
    agency_id: int
    seq: int
    name: str
    file_kept: bool

    def __str__(self) -> str:
        file = "文件仍在" if self.file_kept else "文件也已缺失"
        return (
            f"证据 id={self.evidence_id}（案件 id={self.case_id}，{self.name}）：证据登记已被删除，但执法记录"
            f"（机关 id={self.agency_id}，第 {self.seq} 条）记载了它；{file}"
        )


def missing_evidence(case_id: int | None = None) -> list[MissingEvidence]:
    """Evidence recorded on the cases' chains (of `case_id` only, when given) whose row is gone."""
    rows = Record.objects.filter(subject_type=Case._meta.label_lower, action=ACTION)
    if case_id is not None:
        rows = rows.filter(subject_id=str(case_id))
    present = set(Evidence.objects.values_list("pk", flat=True).iterator())
    found = []
    for agency_id, seq, subject_id, payload in rows.values_list(
        "agency_id", "seq", "subject_id", "payload"
    ).iterator():
        data = json.loads(payload)
        evidence_id = data.get("evidence")
        if not isinstance(evidence_id, int) or evidence_id in present:
            continue
        try:
            kept = storage.blob_size(str(data.get("sha256"))) is not None
        except ValueError:
            kept = False
        found.append(
            MissingEvidence(
                evidence_id=evidence_id,
                case_id=subject_id,
                agency_id=agency_id,
                seq=seq,
                name=str(data.get("name", "")),
                file_kept=kept,
            )
        )
    return sorted(found, key=lambda m: m.evidence_id)
