"""/api/collaboration/transfers/ 案件移送, /boundaries/ 职责边界 and /disputes/ 管辖争议. Thin: schemas only parse;
reads through selectors, writes through services (which check the actor and the rules). A transfer the caller
is no party to is a 404 (supervisors of the region excepted), an action the caller may not take a 403, a
refusal a 422 keyed by field with the reason in Chinese."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases import selectors as case_selectors
from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.core.params import Id
from zhifa.core.selectors import chosen_agency

from ..boundaries import selectors as boundary_selectors
from ..boundaries import services as boundary_services
from ..disputes import services as disputes
from ..models import Dispute, Transfer
from . import document, selectors, services
from .transitions import MACHINE

router = Router(tags=["协同执法"])
boundaries_router = Router(tags=["协同执法"])
disputes_router = Router(tags=["协同执法"])


class EvidenceOut(Schema):
    id: int
    name: str
    sha256: str
    size: int
    arrival: str


class ActionOut(Schema):
    action: str
    label: str


class TransferOut(Schema):
    id: int
    number: str
    kind: str
    status: str
    status_label: str
    agency_id: int
    agency_name: str
    receiver_id: int
    receiver_name: str
    case_id: int | None
    receiver_case_id: int | None
    item_code: str
    item_name: str
    summary: str
    party_name: str
    urgent: bool
    out_of_competence: bool
    discovered_at: datetime
    due_on: date | None
    due_at: datetime | None
    answer_due: date | None
    sent_at: datetime | None
    received_at: datetime | None
    evidence_ok: bool | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_receiver_name(obj) -> str:
        return obj.receiver.name


class TransferDetailOut(TransferOut):
    facts: str
    source_material: str
    reasons: str
    competence_reason: str
    refusal_reason: str
    evidence: list[EvidenceOut]
    actions: list[ActionOut] = []

    @staticmethod
    def resolve_evidence(obj) -> list:
        return list(obj.evidence.all())


class TransferIn(Schema):
    agency_id: Id = Field(title="移送机关")
    receiver_id: Id = Field(title="接收机关")
    item_code: str = Field("", title="执法事项编码")
    summary: str = Field("", title="案由")
    facts: str = Field("", title="基本违法事实")
    source_material: str = Field("", title="案源材料")
    reasons: str = Field("", title="移送理由")
    party_kind: str = Field("", title="当事人类型")
    party_name: str = Field("", title="当事人")
    party_id: str = Field("", title="证件号码或统一社会信用代码")
    party_address: str = Field("", title="住所（地址）")
    party_phone: str = Field("", title="联系电话")
    place: str = Field("", title="发现地点")
    discovered_at: datetime = Field(title="发现时间")
    urgent: bool = False
    case_id: Id | None = None
    evidence_ids: list[Id] = []
    competence_reason: str = Field("", title="移送非主管机关的理由")


class ReasonIn(Schema):
    reason: str = Field("", title="理由")


class DisputeIn(Schema):
    forum: str = Field("", title="提请")
    reason: str = Field("", title="争议事由")
    interim: str = Field("", title="先予协同处置情况")


class DecideIn(Schema):
    side: str = Field("", title="决定管辖的机关")
    decision: str = Field("", title="决定内容")
    organ: str = Field("", title="作出决定的机关")


def _detail(request, pk: int) -> Transfer:
    transfer = access.get_visible_or_404(request.auth, selectors.transfers_visible_to(request.auth), pk=pk)
    transfer.actions = [  # type: ignore[attr-defined]
        {"action": a, "label": MACHINE.first(a).label}
        for a in selectors.offered_actions(request.auth, transfer)
    ]
    return transfer


def _step(request, pk: int, action: str) -> Transfer:
    from django.core.exceptions import PermissionDenied

    transfer = _detail(request, pk)
    if not selectors.may(request.auth, transfer, action):
        raise PermissionDenied("您无权执行此操作")
    return transfer


@router.get("", response=list[TransferOut], summary="案件移送列表（view=in 收到的，out 已发出）")
@paginate
def transfer_list(
    request,
    view: Literal["", "in", "out"] = "",
    q: str = "",
    status: str = "",
    sort: Annotated[str, selectors.TRANSFER_SORTS] = "",
):
    return selectors.transfer_list(request.auth, view=view, q=q, status=status, sort=sort)


@router.get("/{int:transfer_id}", response=TransferDetailOut, summary="案件移送详情")
def transfer_detail(request, transfer_id: int):
    return _detail(request, transfer_id)


@router.post("", response={201: TransferDetailOut}, summary="登记案件移送（附移送材料）")
def transfer_create(request, data: TransferIn):
    user = request.auth
    agency = chosen_agency(user, data.agency_id)
    receiver = _receiver(data.receiver_id)
    case = case_selectors.get_case(user, data.case_id) if data.case_id else None
    payload = data.dict(exclude={"agency_id", "receiver_id", "case_id", "evidence_ids"})
    transfer = services.transfer_create(
        actor=user,
        agency=agency,
        data=services.TransferInput(
            receiver=receiver, case=case, evidence_ids=tuple(dict.fromkeys(data.evidence_ids)), **payload
        ),
    )
    return Status(201, _detail(request, transfer.pk))


def _receiver(pk: int) -> Agency:
    """Any active agency may receive (the list of agencies is public); an unknown one is refused."""
    from zhifa.core import kit

    agency = Agency.objects.select_related("region").filter(pk=pk).first()
    if agency is None:
        kit.refuse("receiver", "未找到接收机关")
    return agency


@router.post("/{int:transfer_id}/approve", response=TransferDetailOut, summary="批准移送（发出移送函）")
def transfer_approve(request, transfer_id: int):
    services.transfer_approve(actor=request.auth, transfer=_step(request, transfer_id, "approve"))
    return _detail(request, transfer_id)


@router.post("/{int:transfer_id}/withdraw", response=TransferDetailOut, summary="撤回移送")
def transfer_withdraw(request, transfer_id: int, data: ReasonIn):
    services.transfer_withdraw(
        actor=request.auth, transfer=_step(request, transfer_id, "withdraw"), reason=data.reason
    )
    return _detail(request, transfer_id)


@router.post("/{int:transfer_id}/acknowledge", response=TransferDetailOut, summary="签收（核验证据哈希值）")
def transfer_acknowledge(request, transfer_id: int):
    services.transfer_acknowledge(actor=request.auth, transfer=_step(request, transfer_id, "acknowledge"))
    return _detail(request, transfer_id)


@router.post("/{int:transfer_id}/accept", response=TransferDetailOut, summary="接收（登记本机关案件）")
def transfer_accept(request, transfer_id: int):
    services.transfer_accept(actor=request.auth, transfer=_step(request, transfer_id, "accept"))
    return _detail(request, transfer_id)


@router.post("/{int:transfer_id}/refuse", response=TransferDetailOut, summary="拒收（须写明理由）")
def transfer_refuse(request, transfer_id: int, data: ReasonIn):
    services.transfer_refuse(
        actor=request.auth, transfer=_step(request, transfer_id, "refuse"), reason=data.reason
    )
    return _detail(request, transfer_id)


@router.post("/{int:transfer_id}/keep", response=TransferDetailOut, summary="被拒收后自行办理")
def transfer_keep(request, transfer_id: int):
    services.transfer_keep(actor=request.auth, transfer=_step(request, transfer_id, "keep"))
    return _detail(request, transfer_id)


@router.post("/{int:transfer_id}/dispute", response={201: TransferDetailOut}, summary="提请管辖争议")
def transfer_dispute(request, transfer_id: int, data: DisputeIn):
    disputes.dispute_open(actor=request.auth, transfer=_step(request, transfer_id, "dispute"), **data.dict())
    return Status(201, _detail(request, transfer_id))


@router.get("/{int:transfer_id}/letter/{fmt}", summary="下载移送函（pdf 或 docx）")
def transfer_letter(request, transfer_id: int, fmt: Literal["pdf", "docx"]) -> HttpResponse:
    transfer = _detail(request, transfer_id)  # before approval: the draft the leader reads (no number)
    response = HttpResponse(document.render(transfer, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="transfer-{transfer.pk}.{fmt}"'
    return response


# ---- 管辖争议 --------------------------------------------------------------------------------------


class DisputeOut(Schema):
    id: int
    transfer_id: int
    forum: str
    status: str
    reason: str
    interim: str
    decided_agency_id: int | None
    decision: str
    decided_by_organ: str
    decided_at: datetime | None


@disputes_router.get("", response=list[DisputeOut], summary="管辖争议列表")
@paginate
def dispute_list(request):
    return selectors.disputes_visible_to(request.auth)


@disputes_router.post("/{int:dispute_id}/decide", response=DisputeOut, summary="录入管辖争议决定")
def dispute_decide(request, dispute_id: int, data: DecideIn):
    dispute: Dispute = access.get_visible_or_404(
        request.auth, selectors.disputes_visible_to(request.auth), pk=dispute_id
    )
    return disputes.dispute_decide(actor=request.auth, dispute=dispute, **data.dict())


# ---- 职责边界 --------------------------------------------------------------------------------------


class BoundaryOut(Schema):
    id: int
    region_id: int
    item_code: str
    item_name: str
    from_agency_id: int
    agency_id: int
    transferred_on: date
    document: str
    ended_on: date | None


class BoundaryIn(Schema):
    agency_id: Id = Field(title="承接的综合行政执法部门")
    from_agency_id: Id = Field(title="划出部门")
    item_code: str = Field("", title="事项编码")
    item_name: str = Field("", title="事项名称")
    transferred_on: date = Field(title="划转日期")
    document: str = Field("", title="划转依据")


class CompetentOut(Schema):
    id: int
    name: str


@boundaries_router.get("", response=list[BoundaryOut], summary="职责边界（划转事项）列表")
@paginate
def boundary_list(request, q: str = "", sort: Annotated[str, boundary_selectors.BOUNDARY_SORTS] = ""):
    return boundary_selectors.boundary_list(request.auth, q=q, sort=sort)


@boundaries_router.post("", response={201: BoundaryOut}, summary="登记划转事项")
def boundary_add(request, data: BoundaryIn):
    user = request.auth
    agency = chosen_agency(user, data.agency_id)
    from_agency = _receiver(data.from_agency_id)
    row = boundary_services.boundary_add(
        actor=user,
        data=boundary_services.BoundaryInput(
            region=agency.region,
            item_code=data.item_code,
            item_name=data.item_name,
            from_agency=from_agency,
            agency=agency,
            transferred_on=data.transferred_on,
            document=data.document,
        ),
    )
    return Status(201, row)


@boundaries_router.get(
    "/competent", response=list[CompetentOut], summary="某事项的主管机关（先查职责边界，再查执法事项清单）"
)
def competent(request, item_code: str):
    user = request.auth
    if user.agency_id is None:
        return []
    return boundary_selectors.competent_agencies(item_code.strip().upper()[:32], user.agency.region)
