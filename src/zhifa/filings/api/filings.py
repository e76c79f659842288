"""/api/filings/: 备案 of 执法流程图 and 执法工作手册 — list, detail, 报送 (files as base64, as supervision's
整改材料), 备案通过, 退回, 重新报送; and the 法制审核流程图 as SVG. Parse only: the rules are the service's."""

from datetime import date

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import kit
from zhifa.core.selectors import chosen_agency
from zhifa.review.flowchart import review_flowchart_svg
from zhifa.supervision.attachments import FileIn, uploads_of_api

from .. import selectors, services
from ..transitions import MACHINE

router = Router(tags=["filings"])


class FilingFileOut(Schema):
    id: int
    round: int
    name: str
    sha256: str
    size: int
    media_type: str


class FilingOut(Schema):
    id: int
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    bureau_id: int
    bureau_name: str = Field(alias="bureau.name")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    title: str
    status: str
    status_label: str = Field(alias="get_status_display")
    round: int
    submitted_on: date
    due_on: date
    decided_on: date | None
    return_reason: str


class FilingDetailOut(FilingOut):
    note: str
    files: list[FilingFileOut]


class FilingIn(Schema):
    agency_id: int | None = None
    kind: str = Field("", title="备案材料类别")
    title: str = Field("", title="名称")
    note: str = Field("", title="报送说明")
    files: list[FileIn] = []


class ReturnIn(Schema):
    reason: str = Field("", title="退回理由")


class ResubmitIn(Schema):
    note: str = Field("", title="修改说明")
    files: list[FileIn] = []


class FilingFilters(Schema):
    status: str = ""
    kind: str = ""


def _detail(request, pk: int):
    """The filing with its files (the schema reads the related manager)."""
    return selectors.filing_of(request.auth, pk)


@router.get("", response=list[FilingOut], summary="备案列表")
@paginate
def list_filings(request, filters: Query[FilingFilters]):
    status = filters.status if filters.status in MACHINE.statuses.values else ""
    kind = filters.kind if filters.kind in ("flow_chart", "manual") else ""
    return selectors.filings_visible_to(request.auth, status=status, kind=kind)


@router.get("/review-flowchart.svg", summary="重大执法决定法制审核流程图（SVG）")
def review_flowchart(request):
    agency = getattr(request.auth, "agency", None)
    return HttpResponse(review_flowchart_svg(agency.name if agency else ""), content_type="image/svg+xml")


@router.get("/{filing_id}", response=FilingDetailOut, summary="备案详情（含备案材料）")
def get_filing(request, filing_id: int):
    return _detail(request, filing_id)


@router.post("", response={201: FilingDetailOut}, summary="报送备案（执法流程图或执法工作手册）")
def submit_filing(request, data: FilingIn):
    if data.agency_id is None:
        kit.refuse("agency", "请选择报送机关")
    agency = chosen_agency(request.auth, data.agency_id, field="agency")
    filing = services.filing_submit(
        actor=request.auth,
        agency=agency,
        kind=data.kind,
        title=data.title,
        note=data.note,
        files=uploads_of_api(data.files),
    )
    return Status(201, _detail(request, filing.pk))


@router.post("/{filing_id}/accept", response=FilingDetailOut, summary="备案通过")
def accept_filing(request, filing_id: int):
    services.filing_accept(actor=request.auth, filing=selectors.filing_of(request.auth, filing_id))
    return _detail(request, filing_id)


@router.post("/{filing_id}/return", response=FilingDetailOut, summary="退回备案（写明理由）")
def return_filing(request, filing_id: int, data: ReturnIn):
    services.filing_return(
        actor=request.auth, filing=selectors.filing_of(request.auth, filing_id), reason=data.reason
    )
    return _detail(request, filing_id)


@router.post("/{filing_id}/resubmit", response=FilingDetailOut, summary="修改后重新报送备案")
def resubmit_filing(request, filing_id: int, data: ResubmitIn):
    services.filing_resubmit(
        actor=request.auth,
        filing=selectors.filing_of(request.auth, filing_id),
        note=data.note,
        files=uploads_of_api(data.files),
    )
    return _detail(request, filing_id)
