"""/api/collaboration/notices/ (抄告, and the 信息共享 register under /sharing): lists, one 抄告 with the actions
offered to the caller's side, and one POST per action. Thin: schemas parse; reads through selectors, writes
through services. Another agency's row is a 404, an action of the other side a 422 with the reason."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.catalog.models import EnforcementItem
from zhifa.core import kit
from zhifa.core.models import Agency
from zhifa.core.params import Id
from zhifa.core.selectors import chosen_agency

from . import document, selectors, services
from .transitions import HANDLE, is_overdue, offered

router = Router(tags=["协同执法"])


def peer(pk: int | None, field: str) -> Agency | None:
    """An agency a hand-off goes to, by id (any active agency: it need not be the caller's)."""
    if pk is None:
        return None
    found = Agency.objects.select_related("region").filter(pk=pk, active=True).first()
    if found is None:
        kit.refuse(field, f"未找到编号为{pk}的有效机关")
    return found


def acting_agency(request, agency_id: int | None, perm: str) -> Agency:
    """The agency the caller acts for: the one named (the picker's choice), else the caller's own."""
    if agency_id:
        return chosen_agency(request.auth, agency_id, perm=perm)
    if request.auth.agency is None:
        kit.refuse("agency_id", "请选择机关")
    return request.auth.agency


class NoticeOut(Schema):
    id: int
    kind: str
    kind_label: str
    sender_id: int
    sender_name: str
    receiver_id: int | None
    receiver_name: str
    case_id: int | None
    title: str
    number: str
    party: str
    decided_on: date
    urgent: bool
    status: str
    status_label: str
    due_on: date
    ack_due: date | None
    overdue: bool
    sent_at: datetime | None
    acknowledged_at: datetime | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_sender_name(obj) -> str:
        return obj.sender.name

    @staticmethod
    def resolve_receiver_name(obj) -> str:
        return obj.receiver.name if obj.receiver else ""

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(obj)


class NoticeDetailOut(NoticeOut):
    content: str
    note: str
    actions: list[str]

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return offered(context["request"].auth, obj)


class ApprovalIn(Schema):
    agency_id: Id | None = None
    title: str = Field("", title="决定事项")
    number: str = Field("", title="决定文号")
    party: str = Field("", title="当事人")
    decided_on: date | None = None
    item_id: Id | None = None
    urgent: bool = False
    content: str = Field("", title="决定内容")
    note: str = Field("", title="抄告说明")


class SendIn(Schema):
    receiver_id: Id | None = None
    note: str = Field("", title="抄告说明")


class SharingOut(Schema):
    id: int
    provider_id: int
    receiver_id: int
    category: str
    method: str
    content: str
    frequency: str
    last_shared_on: date | None
    times: int


class SharingIn(Schema):
    agency_id: Id | None = None
    receiver_id: Id | None = None
    category: str = ""
    method: str = ""
    content: str = Field("", title="共享内容")
    frequency: str = Field("", title="共享频次")


class ShareIn(Schema):
    on: date | None = None


def _notice(request, notice_id: int):
    return selectors.get_notice(request.auth, notice_id)


@router.get("", response=list[NoticeOut], summary="抄告列表")
@paginate
def notice_list(
    request,
    q: str = "",
    kind: str = "",
    status: str = "",
    direction: Literal["", "in", "out"] = "",
    overdue: bool = False,
    sort: Annotated[str, selectors.NOTICE_SORTS] = "",
):
    filters = selectors.NoticeFilters(
        q=q, kind=kind, status=status, direction=direction, overdue=overdue, sort=sort
    )
    return selectors.notices_visible_to(request.auth, filters)


@router.post("", response={201: NoticeDetailOut}, summary="录入审批决定并抄告综合行政执法部门")
def notice_enter(request, data: ApprovalIn):
    item = None
    if data.item_id is not None:
        item = EnforcementItem.objects.select_related("version").filter(pk=data.item_id).first()
        if item is None:
            kit.refuse("item_id", f"未找到编号为{data.item_id}的执法事项")
    notice = services.notice_enter_approval(
        actor=request.auth,
        agency=acting_agency(request, data.agency_id, HANDLE),
        data=services.ApprovalInput(
            title=data.title, party=data.party, decided_on=data.decided_on, number=data.number, item=item,
            urgent=data.urgent, content=data.content, note=data.note,
        ),
    )  # fmt: skip
    return Status(201, _notice(request, notice.pk))


@router.get("/sharing", response=list[SharingOut], summary="信息共享登记")
@paginate
def sharing_list(
    request,
    q: str = "",
    category: str = "",
    sort: Annotated[str, selectors.SHARING_SORTS] = "",
):
    return selectors.sharing_visible_to(request.auth, q, category, sort)


@router.post("/sharing", response={201: SharingOut}, summary="登记共享事项")
def sharing_register(request, data: SharingIn):
    entry = services.sharing_register(
        actor=request.auth,
        agency=acting_agency(request, data.agency_id, HANDLE),
        data=services.SharingInput(
            receiver=peer(data.receiver_id, "receiver_id"), category=data.category, method=data.method,
            content=data.content, frequency=data.frequency,
        ),
    )  # fmt: skip
    return Status(201, entry)


@router.post("/sharing/{int:entry_id}/share", response=SharingOut, summary="登记一次共享")
def sharing_share(request, entry_id: int, data: ShareIn):
    entry = selectors.get_sharing(request.auth, entry_id)
    return services.sharing_record(actor=request.auth, entry=entry, on=data.on)


@router.get("/{int:notice_id}", response=NoticeDetailOut, summary="抄告详情")
def notice_detail(request, notice_id: int):
    return _notice(request, notice_id)


@router.post("/{int:notice_id}/send", response=NoticeDetailOut, summary="抄告（抄告机关）")
def notice_send(request, notice_id: int, data: SendIn):
    notice = _notice(request, notice_id)
    services.notice_send(
        actor=request.auth, notice=notice, receiver=peer(data.receiver_id, "receiver_id"), note=data.note
    )
    return _notice(request, notice_id)


@router.post("/{int:notice_id}/acknowledge", response=NoticeDetailOut, summary="签收抄告（接收机关）")
def notice_acknowledge(request, notice_id: int):
    services.notice_acknowledge(actor=request.auth, notice=_notice(request, notice_id))
    return _notice(request, notice_id)


@router.get("/{int:notice_id}/file/{fmt}", summary="下载抄告单（pdf 或 docx）")
def notice_file(request, notice_id: int, fmt: Literal["pdf", "docx"]) -> HttpResponse:
    notice = _notice(request, notice_id)
    response = HttpResponse(document.render_notice(notice, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}.{fmt}"'
    return response
