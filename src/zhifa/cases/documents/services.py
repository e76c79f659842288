"""Generating a case's documents and managing an agency's templates. Every write checks the permission,
runs in one transaction with its record in the agency's chain, and refuses with the reason in Chinese."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhifa.core import access, kit, numbering
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from .. import rules
from ..models import Case, CaseDocument, CaseDocumentTemplate
from . import context, docx, pdf, render
from .kinds import KINDS, DocumentKind, NumberSource, refusal

VIEW = "cases.view_case"
HANDLE = "cases.handle_case"
APPROVE = "cases.approve_case"
DEFAULT_SOURCE = "default"
ACT = "制作文书"  # 事务性 work an assistant does with a named officer (seed 000 §10)

if TYPE_CHECKING:
    from zhifa.registry.models import Officer


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    docx: bytes
    template_source: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


# ---- templates ------------------------------------------------------------------------------------------


def template_in_force(agency: Agency, kind: str) -> CaseDocumentTemplate | None:
    """The agency's own template of `kind`, or None when the default applies."""
    row = (
        CaseDocumentTemplate.objects.filter(agency=agency, kind=kind).order_by("-uploaded_at", "-id").first()
    )
    return row if row is not None and not row.is_default else None


def template_text(agency: Agency, kind: str) -> tuple[str, str]:
    """(template text, source): the agency's own template ("agency:<id>") or the default ("default")."""
    row = template_in_force(agency, kind)
    if row is not None:
        return row.text, f"agency:{row.pk}"
    return render.default_text(kind), DEFAULT_SOURCE


def can_manage_templates(actor: Actor, agency: Agency) -> bool:
    return (
        access.is_system(actor)
        or access.visible_to(actor, Agency.objects.filter(pk=agency.pk), APPROVE).exists()
    )


@transaction.atomic
def template_set(
    *, actor: Actor, agency: Agency, kind: str, text: str, original_name: str = ""
) -> CaseDocumentTemplate:
    """Upload (or replace) the agency's template of `kind`; empty `text` restores the default."""
    if kind not in KINDS:
        kit.refuse("kind", "未知的文书种类")
    if not can_manage_templates(actor, agency):
        raise PermissionDenied("您无权管理该机关的文书模板")
    text = text.replace("\r\n", "\n")
    if text:
        render.check_template(text)
    row = CaseDocumentTemplate.objects.create(
        agency=agency,
        kind=kind,
        text=text,
        sha256=render.text_sha256(text) if text else "",
        original_name=original_name[:255],
        uploaded_by=actor,
    )
    kit.record(
        row,
        "case.document_template",
        actor=actor,
        payload={"kind": kind, "sha256": row.sha256, "default": row.is_default},
    )
    return row


# ---- rendering ----------------------------------------------------------------------------------------------


def notice_number(case: Case) -> str:
    """The 告知书's number, once one has been generated."""
    return (
        CaseDocument.objects.filter(case=case, kind=DocumentKind.PENALTY_NOTICE)
        .exclude(number="")
        .order_by("-id")
        .values_list("number", flat=True)
        .first()
        or ""
    )


def render_case(case: Case, kind: str, number: str, *, today: date | None = None) -> Rendered:
    """The document of `kind` for the case, as PDF and DOCX, from the agency's template or the default."""
    spec = KINDS[kind]
    text, source = template_text(case.agency, kind)
    data = context.build(case, kind, number, today=today, notice_number=notice_number(case))
    try:
        blocks = render.render_blocks(kind, data, text)
    except Exception as exc:  # an agency's template may fail on real data; say so, do not crash
        if source == DEFAULT_SOURCE:
            raise
        kit.refuse("kind", f"本机关的{spec.title}模板无法生成文书：{exc}")
    meta = {"title": f"{spec.title} {number}".strip(), "author": case.agency.name}
    return Rendered(pdf=pdf.render(blocks, **meta), docx=docx.render(blocks, **meta), template_source=source)


def _number(case: Case, kind: str) -> str:
    spec = KINDS[kind]
    if spec.number_source == NumberSource.DECISION:
        return case.decision.number
    if spec.number_source == NumberSource.OWN:
        existing = (
            CaseDocument.objects.filter(case=case, kind=kind)
            .exclude(number="")
            .order_by("-id")
            .values_list("number", flat=True)
            .first()
        )
        return existing or numbering.next_number(case.agency, spec.number_kind, year=spec.number_year(case))
    return case.number


@transaction.atomic
def generate(*, actor: Actor, case: Case, kind: str, supervisor: Officer | None = None) -> CaseDocument:
    """Generate a document of `kind` for the case: numbered (a 告知书 takes its own number once; the
    decisions carry the decision's number; the rest the case number), stored as PDF and DOCX, and
    recorded ("case.document" with the PDF's sha256). 制作文书 is 事务性 work: a certified officer of the
    case's field does it, or anyone else assisting a named one (`supervisor`; rules.require_assisted)."""
    case = kit.locked(Case.objects.select_related("agency", "registered_by"), case, actor=actor, perm=HANDLE)
    if kind not in KINDS:
        kit.refuse("kind", "未知的文书种类")
    reason = refusal(case, kind)
    if reason:
        kit.refuse("kind", reason)
    assisted = rules.require_assisted(actor, case, act=ACT, on=timezone.localdate(), supervisor=supervisor)
    number = _number(case, kind)
    rendered = render_case(case, kind, number)
    document = CaseDocument.objects.create(
        case=case,
        kind=kind,
        title=KINDS[kind].title,
        number=number,
        sha256=rendered.sha256,
        size=len(rendered.pdf),
        pdf=rendered.pdf,
        docx=rendered.docx,
        docx_sha256=hashlib.sha256(rendered.docx).hexdigest(),
        template_source=rendered.template_source,
        generated_by=actor,
    )
    kit.record(
        case,
        "case.document",
        actor=actor,
        payload={
            "kind": kind,
            "title": document.title,
            "number": number,
            "sha256": document.sha256,
            "document": document.pk,
            **assisted,
        },
    )
    return document


# ---- reads ------------------------------------------------------------------------------------------------------


def documents_of(case: Case):
    """The case's documents without their file bytes, oldest first."""
    return CaseDocument.objects.filter(case=case).defer("pdf", "docx").select_related("generated_by")


def panel_rows(case: Case) -> list[dict]:
    """One row per kind: its title, whether it can be generated now (or why not), and the documents of
    that kind already generated (newest first)."""
    steps = context.recorded_steps(case)
    by_kind: dict[str, list[CaseDocument]] = {}
    for document in documents_of(case).order_by("-generated_at", "-id"):
        by_kind.setdefault(document.kind, []).append(document)
    rows = []
    for code, spec in KINDS.items():
        reason = refusal(case, code, steps=steps)
        documents = by_kind.get(code, [])
        rows.append(
            {
                "kind": code,
                "title": spec.title,
                "allowed": reason is None,
                "reason": reason or "",
                "documents": documents,
                "latest": documents[0] if documents else None,
            }
        )
    return rows
