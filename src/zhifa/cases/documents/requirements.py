"""Required documents (issue 20 item 3): each step of the case's transition table names in
`Transition.documents` the 文书 it needs (cases.transitions). The step cannot complete until each of them
is in the case file — generated and numbered here (cases.documents.services.generate), or a signed scan
uploaded in its place (evidence marked `signed_document` = that kind). Refused otherwise, naming every
missing document, before anything is written.

A row names the documents of its kind of step; of those, a case needs the ones whose matter it has
(`applies`): the 询问笔录 only when an 询问 was recorded, the 决定书 of the decision's own kind, the
告知书 once notified, no 立案审批表 or 送达回证 in the simple procedure (当场交付, 行政处罚法 第五十二条).

The guard runs inside `transitions.require` (the case machine's `guard`), so every service that moves a
case through a row with documents checks them with its status, in its transaction; the case page, the
API's actions and the flow charts read the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from zhifa.core import kit

from ..choices import CaseStatus, EvidenceKind
from .kinds import KINDS, DocumentKind, has_decision, missing_data

if TYPE_CHECKING:
    from ..machine import Transition
    from ..models import Case

# what a signed scan may be: a photo of the signed paper, or a scanned file (PDF)
SCAN_KINDS = (EvidenceKind.PHOTO, EvidenceKind.DOCUMENT)
DECISION_KINDS = (DocumentKind.PENALTY_DECISION, DocumentKind.NO_PENALTY_DECISION)
# the documents a case needs only when it has their matter, and when that is
WHEN = {
    DocumentKind.INSPECTION_RECORD: "（进行现场检查的）",
    DocumentKind.INQUIRY_RECORD: "（进行询问的）",
    DocumentKind.PENALTY_NOTICE: "（已事先告知的）",
}
NOT_IN_SIMPLE = (DocumentKind.REGISTER_APPROVAL, DocumentKind.SERVICE_RECEIPT)
ADVICE = "请先生成并编号或上传签字扫描件"


@dataclass(frozen=True)
class Need:
    """One document a step needs, and how the case file has it."""

    kind: str
    title: str
    number: str = ""  # of the latest numbered document generated
    scan: bool = False  # a signed scan is uploaded in its place

    @property
    def present(self) -> bool:
        return bool(self.number) or self.scan

    @property
    def state(self) -> str:
        if self.number:
            return f"已生成（{self.number}）"
        return "已上传签字扫描件" if self.scan else "缺少"


def titles(kinds) -> str:
    """《立案审批表》、《询问笔录》."""
    return "、".join(f"《{KINDS[kind].title}》" for kind in kinds)


def describe(row: Transition, procedure: str = "") -> str:
    """What `row` needs, as the flow chart of `procedure` says it: the two decision documents as
    alternatives, a document whose matter the case may not have with when it is needed."""
    kinds = [
        k for k in row.documents if not (procedure == "simple" and k in (*NOT_IN_SIMPLE, *DECISION_KINDS[1:]))
    ]
    notified = all(source in (CaseStatus.NOTIFIED, CaseStatus.HEARING) for source in row.sources)

    def named(kind: str) -> str:
        when = "" if kind == DocumentKind.PENALTY_NOTICE and notified else WHEN.get(kind, "")
        return f"《{KINDS[kind].title}》{when}"

    decisions = "或".join(named(k) for k in kinds if k in DECISION_KINDS)
    return "、".join(filter(None, [decisions, *(named(k) for k in kinds if k not in DECISION_KINDS)]))


def applies(case: Case, kind: str, steps: dict | None = None) -> bool:
    """Whether `case` has the matter of `kind` (see the module docstring)."""
    if case.is_simple and kind in NOT_IN_SIMPLE:
        return False
    decision = case.decision if has_decision(case) else None
    return missing_data(case, KINDS[kind], decision, steps) is None


def needs_of(case: Case, rows: list[Transition]) -> list[Need]:
    """The documents `rows` (of one action, open to the case's status) need, with what the file has."""
    from ..models import CaseDocument, Evidence
    from .context import recorded_steps

    listed = list(dict.fromkeys(kind for row in rows for kind in row.documents))
    if not listed:
        return []
    steps = recorded_steps(case) if {*listed} & {"inquiry_record", "inspection_record"} else {}
    wanted = [kind for kind in listed if applies(case, kind, steps)]
    numbers: dict[str, str] = {}
    for kind, number in (
        CaseDocument.objects.filter(case=case, kind__in=wanted)
        .exclude(number="")
        .order_by("generated_at", "id")
        .values_list("kind", "number")
    ):
        numbers[kind] = number
    scanned = set(
        Evidence.objects.filter(case=case, signed_document__in=wanted).values_list(
            "signed_document", flat=True
        )
    )
    return [
        Need(kind, KINDS[kind].title, number=numbers.get(kind, ""), scan=kind in scanned) for kind in wanted
    ]


def guard(case: Case, rows: list[Transition]) -> None:
    """Refuse (field "documents") while a document the rows need is missing: "缺少《…》，请先生成…"."""
    missing = [need.kind for need in needs_of(case, rows) if not need.present]
    if missing:
        kit.refuse("documents", f"缺少{titles(missing)}，{ADVICE}")


def needs(case: Case, action: str) -> list[Need]:
    """What the case page and the API show beside an offered step: the documents of its rows open to
    the case's status (for 作出决定, of every kind of decision still open)."""
    from .. import transitions

    return needs_of(case, transitions.MACHINE.open_rows(case, action))
