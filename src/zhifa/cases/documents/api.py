"""/api/cases/ 文书 and 案卷. Thin: generating goes through cases.documents.services (permission, rules,
number, record), the case file through cases.casefile. Another agency's case or document is a 404, a
user without cases.handle_case gets 403, a document the case is not ready for 422 with the reason.

    POST /{case_id}/documents        {"kind": "penalty_decision"} → the document (201)
    GET  /{case_id}/documents        the case's documents, oldest first
    GET  /documents/{id}/pdf         the PDF (?format=docx for the DOCX)
    GET  /{case_id}/casefile         the complete case file as a zip
"""

from datetime import datetime

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Field, Router, Schema, Status

from zhifa.core import access

from .. import casefile
from ..assisting import SUPERVISOR, supervisor_of
from ..models import Case, CaseDocument
from . import services

router = Router(tags=["cases"])


class DocumentIn(Schema):
    kind: str
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class DocumentOut(Schema):
    id: int
    case_id: int
    kind: str
    title: str
    number: str
    sha256: str
    size: int
    docx_sha256: str
    template_source: str
    generated_at: datetime
    generated_by: str | None = Field(None, alias="generated_by.username")


def _case(request, case_id: int) -> Case:
    return access.get_visible_or_404(
        request.auth, Case.objects.select_related("agency"), services.VIEW, pk=case_id
    )


@router.post("/{int:case_id}/documents", response={201: DocumentOut}, summary="生成文书")
def document_generate(request, case_id: int, data: DocumentIn):
    case = _case(request, case_id)
    supervisor = supervisor_of(case.agency_id, data.supervisor_id)
    document = services.generate(actor=request.auth, case=case, kind=data.kind, supervisor=supervisor)
    return Status(201, document)


@router.get("/{int:case_id}/documents", response=list[DocumentOut], summary="案件的文书")
def document_list(request, case_id: int):
    return list(services.documents_of(_case(request, case_id)).order_by("generated_at", "id"))


@router.get("/documents/{int:document_id}/pdf", summary="下载文书（PDF；format=docx 为 DOCX）")
def document_file(request, document_id: int, format: str = "pdf") -> HttpResponse:
    document = access.get_visible_or_404(
        request.auth, CaseDocument.objects.select_related("case"), services.VIEW, pk=document_id
    )
    if format == "docx":
        data = CaseDocument.objects.values_list("docx", flat=True).get(pk=document.pk)
        content_type, suffix = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        )
    else:
        data = CaseDocument.objects.values_list("pdf", flat=True).get(pk=document.pk)
        content_type, suffix = "application/pdf", "pdf"
    response = HttpResponse(bytes(data), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{document.file_stem}.{suffix}")
    return response


@router.get("/{int:case_id}/casefile", summary="导出案卷（ZIP）")
def casefile_download(request, case_id: int):
    case = _case(request, case_id)
    access.require(request.auth, "cases.view_evidence", case)
    handle, _manifest = casefile.export(actor=request.auth, case=case)
    return FileResponse(
        handle, as_attachment=True, filename=casefile.filename(case), content_type="application/zip"
    )
