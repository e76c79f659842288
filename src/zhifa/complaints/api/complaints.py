"""/api/complaints: the complaints the caller may see, one complaint (with the actions its table offers the
caller), entry, one POST per action, the 12345 batch, duplicates, statistics and the 有案不立 signal. Thin:
schemas only parse; reads through selectors, writes through services. Another agency's complaint is a
404, an action the user may not take a 403, a refusal a 422 keyed by field with the reason in Chinese."""

import base64
import binascii
from datetime import date
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases.services import PartyInput
from zhifa.core import access, kit
from zhifa.core.models import Agency, Region
from zhifa.core.params import Id
from zhifa.core.privacy import mask_phone
from zhifa.supervision.attachments import FileIn, uploads_of_api

from .. import hotline, selectors, services
from ..models import Complaint
from ..transitions import HANDLE, SETTLE, offered

router = Router(tags=["投诉举报"])


class ComplaintOut(Schema):
    id: int
    number: str | None
    kind: str
    kind_label: str
    channel: str
    channel_label: str
    hotline_number: str
    anonymous: bool
    subject_name: str
    title: str
    region_id: int
    item_code: str
    agency_id: int
    agency_name: str
    status: str
    status_label: str
    received_on: date
    ack_due: date
    reply_due: date
    overdue: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_channel_label(obj) -> str:
        return obj.get_channel_display()

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return selectors.is_overdue(obj)


class ComplaintDetailOut(ComplaintOut):
    name: str
    phone: str
    content: str
    place: str
    agency_hint: str
    accepted_on: date | None
    extension_workdays: int
    extension_reason: str
    progress: str
    reply: str
    replied_on: date | None
    rating: str
    wish: str
    rating_comment: str
    conclusion: str
    merged_into_id: int | None
    case_id: int | None
    supervision_item_id: int | None
    oversight_id: int | None
    actions: list[str]

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return offered(obj, _perms(context["request"].auth, obj))

    @staticmethod
    def resolve_phone(obj, context) -> str:
        """In full only to those handling the complaint (最小必要), as on the page."""
        return obj.phone if HANDLE in _perms(context["request"].auth, obj) else mask_phone(obj.phone)


class EnteredOut(Schema):
    complaint: ComplaintDetailOut
    code: str = Field(title="查询码（只返回这一次）")


class PortalComplaintIn(Schema):
    """A complaint as the portal's form takes it (api.public); the staff entry adds its own fields."""

    kind: str = Field("complaint", title="类别")
    anonymous: bool = Field(False, title="匿名投诉举报")
    name: str = Field("", title="姓名")
    phone: str = Field("", title="联系电话")
    email: str = Field("", title="电子邮箱")
    address: str = Field("", title="联系地址")
    region_id: Id | None = None
    subject_name: str = Field("", title="被投诉举报对象")
    agency_hint: str = Field("", title="涉及的执法部门")
    title: str = Field("", title="事项概要")
    content: str = Field("", title="具体内容")
    place: str = Field("", title="发生地点")
    files: list[FileIn] = Field([], title="附件")


class ComplaintIn(PortalComplaintIn):
    channel: str
    item_code: str = Field("", title="事项编码")
    hotline_number: str = Field("", title="12345工单号")
    received_on: date | None = None


class ReasonIn(Schema):
    reason: str = Field("", title="理由")


class AgencyReasonIn(Schema):
    agency_id: Id | None = None
    reason: str = Field("", title="理由")


class NoteIn(Schema):
    note: str = Field("", title="办理情况")


class ExtendIn(Schema):
    workdays: int | None = Field(None, ge=0, le=365)
    reason: str = Field("", title="延期理由")


class ReplyIn(Schema):
    reply: str = Field("", title="答复内容")


class ConclusionIn(Schema):
    conclusion: str = Field("", title="办结意见")


class OpinionIn(Schema):
    opinion: str = Field("", title="监督意见")


class MergeIn(Schema):
    into_id: Id | None = None


class CaseIn(Schema):
    party_kind: str = ""
    party_name: str = Field("", title="当事人名称")
    credit_code: str = Field("", title="统一社会信用代码")
    id_number: str = Field("", title="身份证号码")
    place: str = Field("", title="案发地点")
    item_code: str = Field("", title="事项编码")


class ItemIn(Schema):
    title: str = Field("", title="事项名称")
    reason: str = Field("", title="立项理由")


class OversightIn(Schema):
    title: str = Field("", title="督办事项")
    ground: str = ""
    description: str = Field("", title="督办要求")


class ImportIn(Schema):
    file_name: str = Field(title="文件名")
    content_base64: str


class StatOut(Schema):
    key: str
    label: str
    total: int
    replied: int
    on_time: int
    on_time_rate: float | None
    rated: int
    satisfied: int
    fairly: int
    unsatisfied: int
    satisfaction: float | None


def _perms(user, complaint) -> set[str]:
    perms = set()
    if access.can(user, HANDLE, complaint) and getattr(user, "agency_id", None) == complaint.agency_id:
        perms.add(HANDLE)
    if access.can(user, SETTLE, complaint):
        perms.add(SETTLE)
    return perms


def _complaint(request, complaint_id: int) -> Complaint:
    return selectors.get_complaint(request.auth, complaint_id)


def _region(pk: int | None) -> Region | None:
    if pk is None:
        return None
    region = Region.objects.filter(pk=pk).first()
    if region is None:
        kit.refuse("region", f"未找到编号为{pk}的区划")
    return region


def _agency(pk: int | None, field: str = "agency") -> Agency | None:
    if pk is None:
        return None
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        kit.refuse(field, f"未找到编号为{pk}的机关")
    return agency


@router.get("/complaints", response=list[ComplaintOut], summary="投诉举报列表")
@paginate
def complaint_list(
    request,
    q: str = "",
    status: str = "",
    channel: str = "",
    kind: str = "",
    agency: Id | None = None,
    overdue: bool = False,
    sort: Annotated[str, selectors.COMPLAINT_SORTS] = "",
):
    filters = selectors.Filters(
        q=q, status=status, channel=channel, kind=kind, agency=agency, overdue=overdue, sort=sort
    )
    return selectors.complaints_visible_to(request.auth, filters)


@router.post("/complaints", response={201: EnteredOut}, summary="登记投诉举报（返回只显示一次的查询码）")
def complaint_enter(request, data: ComplaintIn):
    payload = data.dict(exclude={"files", "region_id"})
    complaint, code = services.complaint_enter(
        actor=request.auth,
        data=services.ComplaintInput(
            **payload, region=_region(data.region_id), files=uploads_of_api(data.files)
        ),
    )
    return Status(
        201,
        {
            "complaint": selectors.get_complaint(request.auth, complaint.pk)
            if access.can(request.auth, "complaints.view_complaint", complaint)
            else complaint,
            "code": code,
        },
    )


@router.get(
    "/complaints/stats", response=list[StatOut], summary="投诉举报统计（按承办机关、执法事项或来源渠道）"
)
def complaint_stats(
    request,
    dimension: Literal["agency", "item", "channel"] = "agency",
    since: date | None = None,
    until: date | None = None,
):
    return [
        {**r.__dict__, "on_time_rate": r.on_time_rate, "satisfaction": r.satisfaction}
        for r in selectors.statistics(request.auth, dimension, since, until)
    ]


@router.get("/complaints/unfiled", response=list[ComplaintOut], summary="有案不立线索（受理后逾期未立案）")
@paginate
def complaint_unfiled(request):
    return selectors.unfiled(queryset=selectors.complaints_visible_to(request.auth))


@router.post(
    "/complaints/import", response={201: list[ComplaintOut]}, summary="导入12345工单（JSON或xlsx，整批导入）"
)
def complaint_import(request, data: ImportIn):
    try:
        content = base64.b64decode(data.content_base64, validate=True)
    except (binascii.Error, ValueError):
        kit.refuse("file", "文件内容不是有效的Base64编码")
    made = hotline.hotline_import(actor=request.auth, name=data.file_name, content=content)
    return Status(201, made)


@router.get("/complaints/{int:complaint_id}", response=ComplaintDetailOut, summary="投诉举报详情")
def complaint_detail(request, complaint_id: int):
    return _complaint(request, complaint_id)


@router.get(
    "/complaints/{int:complaint_id}/duplicates", response=list[ComplaintOut], summary="疑似重复的投诉举报"
)
def complaint_duplicates(request, complaint_id: int):
    return list(selectors.duplicates_of(_complaint(request, complaint_id), request.auth)[:20])


def _after(request, complaint_id: int) -> Complaint:
    """The complaint after an action, or a 404 once it has left the caller's sight (passed on)."""
    try:
        return _complaint(request, complaint_id)
    except Http404:
        return Complaint.objects.select_related("agency").get(pk=complaint_id)


@router.post("/complaints/{int:complaint_id}/accept", response=ComplaintDetailOut, summary="受理")
def complaint_accept(request, complaint_id: int):
    services.complaint_accept(actor=request.auth, complaint=_complaint(request, complaint_id))
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/transfer", response=ComplaintOut, summary="转办")
def complaint_transfer(request, complaint_id: int, data: AgencyReasonIn):
    complaint = _complaint(request, complaint_id)
    services.complaint_transfer(
        actor=request.auth, complaint=complaint, agency=_agency(data.agency_id), reason=data.reason
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/dispute", response=ComplaintDetailOut, summary="提请转办争议")
def complaint_dispute(request, complaint_id: int, data: ReasonIn):
    services.complaint_dispute(
        actor=request.auth, complaint=_complaint(request, complaint_id), reason=data.reason
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/settle", response=ComplaintDetailOut, summary="裁定承办机关")
def complaint_settle(request, complaint_id: int, data: AgencyReasonIn):
    complaint = _complaint(request, complaint_id)
    services.complaint_settle(
        actor=request.auth, complaint=complaint, agency=_agency(data.agency_id), reason=data.reason
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/handle", response=ComplaintDetailOut, summary="开始办理")
def complaint_handle(request, complaint_id: int, data: NoteIn):
    services.complaint_handle(actor=request.auth, complaint=_complaint(request, complaint_id), note=data.note)
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/extend", response=ComplaintDetailOut, summary="延长答复期限")
def complaint_extend(request, complaint_id: int, data: ExtendIn):
    services.complaint_extend(actor=request.auth, complaint=_complaint(request, complaint_id), **data.dict())
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/reply", response=ComplaintDetailOut, summary="答复")
def complaint_reply(request, complaint_id: int, data: ReplyIn):
    services.complaint_reply(
        actor=request.auth, complaint=_complaint(request, complaint_id), reply=data.reply
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/redo", response=ComplaintDetailOut, summary="责令重新办理")
def complaint_redo(request, complaint_id: int, data: OpinionIn):
    services.complaint_redo(
        actor=request.auth, complaint=_complaint(request, complaint_id), opinion=data.opinion
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/close", response=ComplaintDetailOut, summary="办结")
def complaint_close(request, complaint_id: int, data: ConclusionIn):
    services.complaint_close(
        actor=request.auth, complaint=_complaint(request, complaint_id), conclusion=data.conclusion
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/merge", response=ComplaintDetailOut, summary="合并为重复件")
def complaint_merge(request, complaint_id: int, data: MergeIn):
    into = None
    if data.into_id is not None:
        into = selectors.complaints_visible_to(request.auth).filter(pk=data.into_id).first()
        if into is None:
            kit.refuse("into", f"未找到编号为{data.into_id}的投诉举报")
    services.complaint_merge(actor=request.auth, complaint=_complaint(request, complaint_id), into=into)
    return _after(request, complaint_id)


@router.post(
    "/complaints/{int:complaint_id}/case", response=ComplaintDetailOut, summary="登记为案件（来源：投诉举报）"
)
def complaint_open_case(request, complaint_id: int, data: CaseIn):
    party = PartyInput(
        kind=data.party_kind, name=data.party_name, credit_code=data.credit_code, id_number=data.id_number
    )
    services.complaint_open_case(actor=request.auth, complaint=_complaint(request, complaint_id), party=party,
                                 place=data.place, item_codes=(data.item_code,) if data.item_code else ())  # fmt: skip
    return _after(request, complaint_id)


@router.post(
    "/complaints/{int:complaint_id}/item", response=ComplaintDetailOut, summary="立项监督（日常监督）"
)
def complaint_open_item(request, complaint_id: int, data: ItemIn):
    services.complaint_open_item(
        actor=request.auth, complaint=_complaint(request, complaint_id), **data.dict()
    )
    return _after(request, complaint_id)


@router.post("/complaints/{int:complaint_id}/oversight", response=ComplaintDetailOut, summary="督办")
def complaint_open_oversight(request, complaint_id: int, data: OversightIn):
    services.complaint_open_oversight(
        actor=request.auth, complaint=_complaint(request, complaint_id), **data.dict()
    )
    return _after(request, complaint_id)


class LinkCaseIn(Schema):
    case_number: str = Field("", title="案件编号")
    note: str = Field("", title="关联说明")


class LinkableCaseOut(Schema):
    id: int
    number: str
    party_name: str
    summary: str
    registered_on: date | None


@router.get(
    "/complaints/{int:complaint_id}/cases",
    response=list[LinkableCaseOut],
    summary="查找可关联的本机关案件（按案件编号、当事人或案由）",
)
def complaint_linkable_cases(request, complaint_id: int, q: str = ""):
    return selectors.linkable_cases(_complaint(request, complaint_id), q)


@router.post("/complaints/{int:complaint_id}/link_case", response=ComplaintDetailOut, summary="关联已立案件")
def complaint_link_case(request, complaint_id: int, data: LinkCaseIn):
    services.complaint_link_case(
        actor=request.auth, complaint=_complaint(request, complaint_id), **data.dict()
    )
    return _after(request, complaint_id)
