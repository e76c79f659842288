"""/api/cases/ 证据: chunked uploads, a case's evidence, downloads. Thin: every step goes through
cases.evidence (permission, rules, record). Another agency's case or upload is a 404, a user without
cases.handle_case gets 403, a refused upload 422 with the reason in Chinese.

    POST /{case_id}/uploads                     start: name, size, kind, step, … → the session
    GET  /uploads/{session_id}                  how much has arrived (to resume)
    PUT  /uploads/{session_id}?offset=N         the next chunk (≤ 8 MiB) as the raw request body
    POST /uploads/{session_id}/finish           → the evidence (201)
    DELETE /uploads/{session_id}                cancel
    GET  /{case_id}/evidence                    the case's evidence
    GET  /evidence/{evidence_id}/download       the file
"""

from datetime import datetime
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status

from zhifa.core import access

from ..assisting import SUPERVISOR, supervisor_of
from ..models import Case, Evidence
from . import services as evidence
from .views import download_response

router = Router(tags=["cases"])


class UploadStartIn(Schema):
    name: str
    size: int | str
    kind: str
    step: str
    media_type: str = ""
    description: str = ""
    signed_document: str = Field("", description="文书种类：上传的是该文书签字后的扫描件（照片或书证）")
    captured_at: datetime | str | None = None
    latitude: float | str | None = None
    longitude: float | str | None = None
    supervisor_id: int | None = Field(None, description=SUPERVISOR)


class UploadOut(Schema):
    id: UUID
    case_id: int
    name: str
    size: int
    received: int
    kind: str
    step: str
    signed_document: str
    finished: bool
    evidence_id: int | None
    chunk_size: int = evidence.CHUNK_SIZE
    max_chunk: int = evidence.CHUNK_MAX


class EvidenceOut(Schema):
    id: int
    case_id: int
    step: str
    kind: str
    sha256: str
    size: int
    media_type: str
    original_name: str
    description: str
    signed_document: str = Field(description="文书种类：该文件是该文书签字后的扫描件（空：不是）")
    captured_at: datetime | None
    latitude: float | None
    longitude: float | None
    uploaded_by_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_latitude(obj):
        return float(obj.latitude) if obj.latitude is not None else None

    @staticmethod
    def resolve_longitude(obj):
        return float(obj.longitude) if obj.longitude is not None else None


def _case(request, case_id: int) -> Case:
    return access.get_visible_or_404(request.auth, Case.objects.all(), "cases.view_case", pk=case_id)


@router.post("/{int:case_id}/uploads", response={201: UploadOut}, summary="开始上传证据（分片）")
def upload_start(request, case_id: int, data: UploadStartIn):
    case = _case(request, case_id)
    values = evidence.parse_upload_input(data.dict(exclude={"supervisor_id"}))
    supervisor = supervisor_of(case.agency_id, data.supervisor_id)
    session = evidence.start_upload(actor=request.auth, case=case, data=values, supervisor=supervisor)
    return Status(201, session)


@router.get("/uploads/{uuid:session_id}", response=UploadOut, summary="上传进度")
def upload_status(request, session_id: UUID):
    return evidence.get_session(request.auth, session_id)


@router.put(
    "/uploads/{uuid:session_id}",
    response=UploadOut,
    summary="上传一个分片",
    description="请求体为该分片的原始字节（不超过8 MiB）；offset 须等于已接收的字节数。",
)
def upload_chunk(request, session_id: UUID, offset: int):
    # the body is read from the request stream in 1 MiB blocks, never as request.body
    return evidence.append_chunk(actor=request.auth, session_id=session_id, offset=offset, data=request)


@router.post("/uploads/{uuid:session_id}/finish", response={201: EvidenceOut}, summary="完成上传")
def upload_finish(request, session_id: UUID):
    return Status(201, evidence.finish_upload(actor=request.auth, session_id=session_id))


@router.delete("/uploads/{uuid:session_id}", response={204: None}, summary="取消上传")
def upload_cancel(request, session_id: UUID):
    evidence.cancel_upload(actor=request.auth, session_id=session_id)
    return Status(204, None)


@router.get("/{int:case_id}/evidence", response=list[EvidenceOut], summary="案件的证据")
def evidence_list(request, case_id: int):
    return list(evidence.evidence_of(_case(request, case_id)))


@router.get("/evidence/{int:evidence_id}/download", summary="下载证据文件")
def evidence_download(request, evidence_id: int) -> HttpResponse:
    item = access.get_visible_or_404(
        request.auth, Evidence.objects.select_related("case"), evidence.VIEW, pk=evidence_id
    )
    return download_response(item, request)
