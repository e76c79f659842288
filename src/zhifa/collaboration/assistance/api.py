"""/api/collaboration/assistance/: 协助 requests — list, send, one request with the actions offered to the
caller's side, and one POST per action. Thin: schemas parse; rules are the services'."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases.models import Case
from zhifa.core import access, kit
from zhifa.core.params import Id

from ..notices import document
from ..notices.api import acting_agency, peer
from . import selectors, services
from .transitions import HANDLE, is_overdue, offered

router = Router(tags=["协同执法"])


class RequestOut(Schema):
    id: int
    number: str
    kind: str
    kind_label: str
    requester_id: int
    requester_name: str
    helper_id: int
    helper_name: str
    cross_region: bool
    case_id: int | None
    subject: str
    urgent: bool
    status: str
    status_label: str
    sent_at: datetime
    received_on: date | None
    due_on: date | None
    due_at: datetime | None
    overdue: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_requester_name(obj) -> str:
        return obj.requester.name

    @staticmethod
    def resolve_helper_name(obj) -> str:
        return obj.helper.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(obj)


class RequestDetailOut(RequestOut):
    questions: str
    answer: str
    answered_on: date | None
    decline_reason: str
    extended_reason: str
    actions: list[str]

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return offered(context["request"].auth, obj)


class RequestIn(Schema):
    agency_id: Id | None = None
    kind: str = ""
    helper_id: Id | None = None
    subject: str = Field("", title="协助事项名称")
    questions: str = Field("", title="请求协助的内容")
    case_id: Id | None = None
    urgent: bool = False


class ExtendIn(Schema):
    new_due: date | None = None
    reason: str = Field("", title="延期理由")


class AnswerIn(Schema):
    answer: str = Field("", title="书面答复")


class DeclineIn(Schema):
    reason: str = Field("", title="不予协助的理由")


def _request(request, request_id: int):
    return selectors.get_request(request.auth, request_id)


@router.get("", response=list[RequestOut], summary="协助请求列表")
@paginate
def request_list(
    request,
    q: str = "",
    kind: str = "",
    status: str = "",
    direction: Literal["", "in", "out"] = "",
    overdue: bool = False,
    sort: Annotated[str, selectors.ASSISTANCE_SORTS] = "",
):
    filters = selectors.RequestFilters(
        q=q, kind=kind, status=status, direction=direction, overdue=overdue, sort=sort
    )
    return selectors.requests_visible_to(request.auth, filters)


@router.post("", response={201: RequestDetailOut}, summary="发送协助函")
def request_send(request, data: RequestIn):
    case = None
    if data.case_id is not None:
        case = (
            access.visible_to(request.auth, Case.objects.all(), "cases.view_case")
            .filter(pk=data.case_id)
            .first()
        )
        if case is None:
            kit.refuse("case_id", f"未找到编号为{data.case_id}的案件")
    made = services.assistance_request(
        actor=request.auth,
        agency=acting_agency(request, data.agency_id, HANDLE),
        data=services.RequestInput(
            kind=data.kind, helper=peer(data.helper_id, "helper_id"), subject=data.subject,
            questions=data.questions, case=case, urgent=data.urgent,
        ),
    )  # fmt: skip
    return Status(201, _request(request, made.pk))


@router.get("/{int:request_id}", response=RequestDetailOut, summary="协助请求详情")
def request_detail(request, request_id: int):
    return _request(request, request_id)


@router.post("/{int:request_id}/receive", response=RequestDetailOut, summary="签收协助函（协助机关）")
def request_receive(request, request_id: int):
    services.assistance_receive(actor=request.auth, request=_request(request, request_id))
    return _request(request, request_id)


@router.post("/{int:request_id}/extend", response=RequestDetailOut, summary="延期答复（期限届满前事先告知）")
def request_extend(request, request_id: int, data: ExtendIn):
    services.assistance_extend(actor=request.auth, request=_request(request, request_id), **data.dict())
    return _request(request, request_id)


@router.post("/{int:request_id}/answer", response=RequestDetailOut, summary="书面答复")
def request_answer(request, request_id: int, data: AnswerIn):
    services.assistance_answer(actor=request.auth, request=_request(request, request_id), answer=data.answer)
    return _request(request, request_id)


@router.post("/{int:request_id}/decline", response=RequestDetailOut, summary="不予协助（须写明理由）")
def request_decline(request, request_id: int, data: DeclineIn):
    services.assistance_decline(actor=request.auth, request=_request(request, request_id), reason=data.reason)
    return _request(request, request_id)


@router.get("/{int:request_id}/file/{fmt}", summary="下载协助函（pdf 或 docx）")
def request_file(request, request_id: int, fmt: Literal["pdf", "docx"]) -> HttpResponse:
    item = _request(request, request_id)
    response = HttpResponse(document.render_assistance(item, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="assistance-{item.pk}.{fmt}"'
    return response
