"""The eight standard documents (文书) of a case: code, title, the case statuses that allow generating
it, where its number comes from, and what case data it needs (refused with the reason otherwise)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from ..choices import CaseStatus, DecisionKind

if TYPE_CHECKING:
    from ..models import Case

S = CaseStatus
# An archived case file is sealed: its documents can be downloaded, no new ones generated.
AFTER_REGISTER = (
    S.INVESTIGATING,
    S.REVIEWING,
    S.NOTIFIED,
    S.HEARING,
    S.DECIDED,
    S.SERVED,
    S.EXECUTED,
    S.CLOSED,
)
AFTER_NOTICE = (S.NOTIFIED, S.HEARING, S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED)
AFTER_DECISION = (S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED)
ANY_BUT_ARCHIVED = tuple(s for s in CaseStatus.values if s != S.ARCHIVED)


class NumberSource(models.TextChoices):
    CASE = "case", "案件编号"
    DECISION = "decision", "决定书文号"
    OWN = "own", "本文书文号"


class DocumentKind(models.TextChoices):
    REGISTER_APPROVAL = "register_approval", "立案审批表"
    INSPECTION_RECORD = "inspection_record", "现场检查（勘验）笔录"
    INQUIRY_RECORD = "inquiry_record", "询问笔录"
    PENALTY_NOTICE = "penalty_notice", "行政处罚事先告知书"
    PENALTY_DECISION = "penalty_decision", "行政处罚决定书"
    NO_PENALTY_DECISION = "no_penalty_decision", "不予行政处罚决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"
    CLOSING_REPORT = "closing_report", "结案报告"


@dataclass(frozen=True)
class Kind:
    code: str
    title: str
    statuses: tuple[str, ...]
    number_source: str
    number_kind: str = ""  # the core.numbering kind, for documents with a number of their own
    needs: str = ""  # a short description of the data it needs, shown beside a refused button

    def number_year(self, case: "Case") -> int | None:
        return (
            case.notified_on.year if self.code == DocumentKind.PENALTY_NOTICE and case.notified_on else None
        )


def _kind(code: DocumentKind, statuses, number_source, **extra) -> Kind:
    return Kind(
        code=code.value, title=code.label, statuses=tuple(statuses), number_source=number_source, **extra
    )


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        _kind(DocumentKind.REGISTER_APPROVAL, ANY_BUT_ARCHIVED, NumberSource.CASE),
        _kind(
            DocumentKind.INSPECTION_RECORD,
            AFTER_REGISTER,
            NumberSource.CASE,
            needs="调查取证中记录的现场检查（勘验）环节",
        ),
        _kind(
            DocumentKind.INQUIRY_RECORD, AFTER_REGISTER, NumberSource.CASE, needs="调查取证中记录的询问环节"
        ),
        _kind(
            DocumentKind.PENALTY_NOTICE,
            AFTER_NOTICE,
            NumberSource.OWN,
            number_kind="告",
            needs="事先告知（拟作出的处罚）",
        ),
        _kind(DocumentKind.PENALTY_DECISION, AFTER_DECISION, NumberSource.DECISION, needs="行政处罚决定"),
        _kind(
            DocumentKind.NO_PENALTY_DECISION, AFTER_DECISION, NumberSource.DECISION, needs="不予行政处罚决定"
        ),
        _kind(DocumentKind.SERVICE_RECEIPT, AFTER_NOTICE, NumberSource.CASE, needs="须送达的告知书或决定书"),
        _kind(DocumentKind.CLOSING_REPORT, (S.CLOSED,), NumberSource.CASE, needs="结案"),
    )
}

STEP_OF = {DocumentKind.INSPECTION_RECORD: "on_site", DocumentKind.INQUIRY_RECORD: "inquiry"}


def get(code: str) -> Kind | None:
    return KINDS.get(code)


def refusal(case: "Case", code: str, *, steps: dict | None = None) -> str | None:
    """Why this document cannot be generated for the case now (None: it can). `steps` are the case's
    recorded investigation steps by step code (context.recorded_steps), passed in to save a query."""
    kind = KINDS.get(code)
    if kind is None:
        return "未知的文书种类"
    decision = case.decision if has_decision(case) else None
    reason = missing_data(case, kind, decision, steps)
    if reason is None and case.status not in kind.statuses:
        reason = f"案件当前为“{case.get_status_display()}”，不能制作{kind.title}"
    return reason


def missing_data(case: "Case", kind: Kind, decision, steps: dict | None) -> str | None:
    """Why the case has no matter for this document (None: it has): no 询问 recorded for a 询问笔录, no
    decision of that kind for a 决定书 …; the status is not looked at."""
    code = kind.code
    if code == DocumentKind.REGISTER_APPROVAL and case.is_simple:
        return "简易程序案件当场作出决定，不需立案审批"
    if code in STEP_OF:
        if steps is None:
            from .context import recorded_steps

            steps = recorded_steps(case)
        if not steps.get(STEP_OF[code]):
            label = "现场检查（勘验）" if STEP_OF[code] == "on_site" else "询问"
            return f"尚未记录{label}情况，不能制作{kind.title}（请先在调查取证中记录该环节）"
    elif code == DocumentKind.PENALTY_NOTICE:
        if not case.notified_on:
            return f"本案尚未事先告知，不能制作{kind.title}"
    elif code == DocumentKind.PENALTY_DECISION:
        if decision is None or decision.kind != DecisionKind.PENALTY:
            return f"本案尚未作出行政处罚决定，不能制作{kind.title}"
    elif code == DocumentKind.NO_PENALTY_DECISION:
        if decision is None or decision.kind != DecisionKind.NO_PENALTY:
            return f"本案未作出不予行政处罚决定，不能制作{kind.title}"
    elif code == DocumentKind.SERVICE_RECEIPT and not case.notified_on and not (decision and decision.number):
        return f"本案没有须送达的告知书或决定书，不能制作{kind.title}"
    return None


def has_decision(case: "Case") -> bool:
    try:
        case.decision  # noqa: B018 — a reverse one-to-one raises when absent
    except ObjectDoesNotExist:
        return False
    return True
