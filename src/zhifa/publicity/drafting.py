"""What will be published, built from an allow-list of fields — never by printing the source record.

Natural persons appear as 张某某 without ID number, address or phone; organisations keep their name and
统一社会信用代码. Free text (the facts) is cleaned twice: the party's known private values are replaced,
then `mask_personal_data` removes any ID number, phone, bank card or e-mail left in it.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date

from zhifa.cases.choices import DecisionKind, PartyKind
from zhifa.catalog import penalties
from zhifa.core import formatting, workdays

from . import clocks
from .choices import DisclosureKind, SubjectKind
from .masking import mask_name, mask_personal_data, scrub_known

SUMMARY_LIMIT = 2000


def due_date(kind: str, decided_on: date) -> date:
    """公示期限: working days after the decision, by 执法类别 (publicity.clocks)."""
    return workdays.add_workdays(decided_on, clocks.workdays_for(kind))


def public_subject(kind: str, name: str) -> str:
    return mask_name(plain(name)) if kind == SubjectKind.PERSON else plain(name)


def plain(text: str) -> str:
    """Typed text without control characters (a NUL cannot even be stored in PostgreSQL); line breaks
    and tabs stay."""
    return "".join(
        c for c in (text or "") if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs")
    ).strip()


def public_conclusion(text: str) -> str:
    return mask_personal_data(plain(text))[:500]


def public_text(text: str, *, names: dict[str, str] | None = None, remove: list[str] | None = None) -> str:
    cleaned = scrub_known(plain(text), names=names or {}, remove=remove or [])
    return mask_personal_data(cleaned).strip()[:SUMMARY_LIMIT]


@dataclass(frozen=True)
class DraftFields:
    """The public fields of one disclosure (all already masked)."""

    kind: str
    number: str
    subject_kind: str
    subject_name: str
    credit_code: str
    items: str
    conclusion: str
    summary: str
    decided_on: date
    basis: str = ""  # 处罚依据, for a 行政处罚决定


BASIS_LIMIT = 500


def penalty_basis(items) -> str:
    """处罚依据 as the public reads it, e.g. 《中华人民共和国食品安全法》第一百二十四条: for each item of the
    case, the clause its 裁量基准 applies; without a benchmark, its clauses with a statutory penalty range;
    failing those, every 设定依据 of the item. Each clause once, in the items' order."""
    clauses: list[str] = []
    for item in items:
        bases = list(item.legal_bases.all())
        benchmark = getattr(item, "benchmark", None)
        if benchmark is not None:
            chosen = [benchmark.legal_basis]
        else:
            chosen = [b for b in bases if b.fine_basis or b.statutory_max is not None] or bases
        clauses += [str(b) for b in chosen if str(b) not in clauses]
    return "；".join(clauses)[:BASIS_LIMIT]


def penalty_conclusion(decision) -> str:
    """处罚种类和金额 in words, e.g. 警告；罚款¥70,000.00 (money as the pages show it, core.formatting)."""
    parts = penalties.parts(decision, money=formatting.money, other=mask_personal_data)
    return "；".join(parts) or "行政处罚"


def from_decision(case, decision) -> DraftFields:
    """The allow-listed fields of a case's 行政处罚 or 不予行政处罚 decision."""
    person = case.party_kind == PartyKind.PERSON
    subject = public_subject(SubjectKind.PERSON if person else SubjectKind.ORGANISATION, case.party_name)
    names = {case.party_name: subject}
    if case.party_representative:
        names[case.party_representative] = mask_name(case.party_representative)
    private = [case.party_id_number, case.party_phone] + ([case.party_address] if person else [])
    facts = "。".join(t.strip() for t in (case.summary, case.facts or decision.reasoning) if t and t.strip())
    is_penalty = decision.kind == DecisionKind.PENALTY
    return DraftFields(
        kind=DisclosureKind.PENALTY if is_penalty else DisclosureKind.NO_PENALTY,
        number=decision.number or case.number,
        subject_kind=SubjectKind.PERSON if person else SubjectKind.ORGANISATION,
        subject_name=subject,
        credit_code="" if person else case.party_credit_code,
        items="、".join(case.items.values_list("name", flat=True)),
        conclusion=penalty_conclusion(decision) if is_penalty else "不予行政处罚",
        summary=public_text(facts, names=names, remove=private),
        decided_on=decision.decided_on,
        basis=penalty_basis(
            case.items.select_related("benchmark__legal_basis")
            .prefetch_related("legal_bases")
            .order_by("code")
        )
        if is_penalty
        else "",
    )


def from_inspection(
    *, subject_kind, subject_name, credit_code, items, result, inspected_on, summary, result_on=None, **_
) -> DraftFields:
    """The fields of one inspection result (event "inspection.result_recorded"). The result is the
    decision: its date (result_on, the day it was recorded) starts the 公示 clock."""
    kind = subject_kind if subject_kind in SubjectKind.values else SubjectKind.ORGANISATION
    subject = public_subject(kind, subject_name)
    return DraftFields(
        kind=DisclosureKind.INSPECTION,
        number="",
        subject_kind=kind,
        subject_name=subject,
        credit_code="" if kind == SubjectKind.PERSON else (credit_code or ""),
        items="、".join(items or []),
        conclusion=public_conclusion(result),
        summary=public_text(summary or "", names={subject_name: subject}),
        decided_on=result_on or inspected_on,
    )
