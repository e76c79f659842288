"""/api/supervision/ 监督事项: the items the caller may see, one item with its findings, instruments,
replies and escalations (and the actions the transition table offers the caller), and one POST per action.
Thin: schemas only parse; reads through selectors, writes through services (which check the actor and the
rules). Another agency's item is a 404, an action the user may not take a 403, a refusal a 422 keyed by
field with the reason in Chinese.

Rectification files travel as base64 in the reply's JSON (bounded by the request size the server accepts);
the pages upload them as multipart files."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases import selectors as case_selectors
from zhifa.core import access
from zhifa.core.params import Id
from zhifa.core.selectors import chosen_agency
from zhifa.supervision import attachments
from zhifa.supervision.attachments import FileIn, FileOut
from zhifa.supervision.models import Instrument, SupervisionItem

from . import clocks, document, selectors, services, sources
from .transitions import MACHINE, REPLY, SUPERVISE, is_overdue

router = Router(tags=["执法监督"])


class SourceOut(Schema):
    """来源: what the item was opened from (sources.py)."""

    kind: str = Field(description="来源种类（登记的键，如 record、inspection、case）")
    kind_label: str
    id: str
    title: str


class ItemOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    target_kind: str
    category: str
    theme: str
    agency_id: int
    agency_name: str
    bureau_id: int
    case_id: int | None
    status: str
    status_label: str
    grade: str
    escalation: str
    due_on: date | None
    overdue: bool
    opened_at: datetime
    source: SourceOut | None

    @staticmethod
    def resolve_source(obj) -> dict | None:
        if not obj.source_type:
            return None
        kind = sources.of_item(obj)
        return {
            "kind": kind.key if kind else "",
            "kind_label": kind.label if kind else "",
            "id": obj.source_id,
            "title": obj.source_label,
        }

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return is_overdue(obj)


class FindingOut(Schema):
    id: int
    text: str
    case_ids: list[int]
    record_ids: list[int]
    document_ids: list[int]
    created_at: datetime

    @staticmethod
    def resolve_case_ids(obj) -> list[int]:
        return [c.pk for c in obj.cases.all()]

    @staticmethod
    def resolve_record_ids(obj) -> list[int]:
        return [r.pk for r in obj.records.all()]

    @staticmethod
    def resolve_document_ids(obj) -> list[int]:
        return [d.pk for d in obj.documents.all()]


class InstrumentOut(Schema):
    id: int
    grade: str
    grade_label: str
    number: str
    issuer: str
    requirements: str
    finding_ids: list[int]
    reply_due: date
    rectify_due: date
    issued_at: datetime

    @staticmethod
    def resolve_grade_label(obj) -> str:
        return obj.get_grade_display()

    @staticmethod
    def resolve_finding_ids(obj) -> list[int]:
        return [f.pk for f in obj.findings.all()]


class ReplyOut(Schema):
    id: int
    instrument_id: int
    text: str
    submitted_at: datetime
    outcome: str
    review_note: str
    reviewed_at: datetime | None
    files: list[FileOut]

    @staticmethod
    def resolve_files(obj) -> list:
        return list(obj.files.all())


class EscalationOut(Schema):
    id: int
    step: str
    step_label: str
    note: str
    due_on: date | None
    created_at: datetime

    @staticmethod
    def resolve_step_label(obj) -> str:
        return obj.get_step_display()


class ItemDetailOut(ItemOut):
    reason: str
    close_note: str
    findings: list[FindingOut]
    instruments: list[InstrumentOut]
    replies: list[ReplyOut]
    escalations: list[EscalationOut]
    actions: list[str]
    source_url: str = Field(description="来源页面的地址（调用者看不到来源时为空）")

    @staticmethod
    def resolve_source_url(obj, context) -> str:
        return sources.link_of(context["request"].auth, obj)

    @staticmethod
    def resolve_findings(obj) -> list:
        return list(obj.findings.prefetch_related("cases", "records", "documents"))

    @staticmethod
    def resolve_instruments(obj) -> list:
        return list(obj.instruments.prefetch_related("findings"))

    @staticmethod
    def resolve_replies(obj) -> list:
        return list(obj.replies.prefetch_related("files"))

    @staticmethod
    def resolve_escalations(obj) -> list:
        return list(obj.escalations.all())

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        user = context["request"].auth
        perms = {perm for perm in (SUPERVISE, REPLY) if access.can(user, perm, obj)}
        offered = MACHINE.offered(obj, perms)
        return [a for a in offered if a != "reply" or user.agency_id == obj.agency_id]


class OpenIn(Schema):
    kind: str
    target_kind: str
    agency_ids: list[Id] = []
    case_id: Id | None = None
    category: str = ""
    title: str = Field("", title="事项名称")
    theme: str = Field("", title="专项主题")
    reason: str = Field("", title="监督事由")


class FromCaseIn(Schema):
    category: str = ""
    reason: str = Field("", title="监督事由")


class FindingIn(Schema):
    text: str = Field(title="问题描述")
    case_ids: list[Id] = []
    record_ids: list[Id] = []
    document_ids: list[Id] = []


class IssueIn(Schema):
    grade: str
    requirements: str = Field(title="监督意见和整改要求")
    finding_ids: list[Id] = []
    reply_due: date | None = None
    rectify_due: date | None = None


class ReplyIn(Schema):
    text: str = Field(title="答复和整改情况")
    files: list[FileIn] = []


class AcceptIn(Schema):
    note: str = Field("", title="验收意见")


class CloseIn(Schema):
    note: str = Field("", title="办结说明")


class ReasonIn(Schema):
    reason: str = Field(title="退回理由")


class EscalateIn(Schema):
    step: str
    note: str = Field(title="情况说明")
    due_on: date | None = None


def _item(request, item_id: int) -> SupervisionItem:
    return selectors.get_item(request.auth, item_id)


@router.get("/items", response=list[ItemOut], summary="监督事项列表")
@paginate
def item_list(
    request,
    q: str = "",
    status: str = "",
    kind: str = "",
    category: str = "",
    overdue: bool = False,
    sort: Annotated[str, selectors.ITEM_SORTS] = "",
):
    filters = selectors.ItemFilters(
        q=q, status=status, kind=kind, category=category, overdue=overdue, sort=sort
    )
    return selectors.items_visible_to(request.auth, filters)


@router.get("/items/{int:item_id}", response=ItemDetailOut, summary="监督事项详情")
def item_detail(request, item_id: int):
    return _item(request, item_id)


@router.post("/items", response={201: list[ItemOut]}, summary="立项监督（专项主题涉及几个机关即立几项）")
def item_open(request, data: OpenIn):
    user = request.auth
    agencies = [chosen_agency(user, pk, field="agencies") for pk in dict.fromkeys(data.agency_ids)]
    case = case_selectors.get_case(user, data.case_id) if data.case_id else None
    made = services.item_open(
        actor=user,
        data=services.OpenInput(
            kind=data.kind,
            target_kind=data.target_kind,
            title=data.title,
            agencies=tuple(agencies),
            case=case,
            category=data.category,
            theme=data.theme,
            reason=data.reason,
        ),
    )
    return Status(201, made)


@router.post("/cases/{int:case_id}/items", response={201: ItemDetailOut}, summary="从案件一键发起监督")
def item_from_case(request, case_id: int, data: FromCaseIn):
    case = case_selectors.get_case(request.auth, case_id)
    item = services.item_open_from_case(
        actor=request.auth, case=case, reason=data.reason, category=data.category
    )
    return Status(201, _item(request, item.pk))


@router.post(
    "/sources/{key}/{int:source_id}/items",
    response={201: ItemDetailOut},
    summary="从来源一键立项监督（执法记录 record、行政检查 inspection、案件 case 等）",
)
def item_from_source(request, key: str, source_id: int, data: FromCaseIn):
    _, obj = sources.lookup(request.auth, key, source_id)
    item = services.item_open_from_source(
        actor=request.auth, source=obj, reason=data.reason, category=data.category
    )
    return Status(201, _item(request, item.pk))


@router.post("/items/{int:item_id}/findings", response={201: ItemDetailOut}, summary="记录发现的问题")
def finding_add(request, item_id: int, data: FindingIn):
    item = _item(request, item_id)
    services.finding_add(actor=request.auth, item=item, **data.dict())
    return Status(201, _item(request, item_id))


@router.post("/items/{int:item_id}/instruments", response={201: ItemDetailOut}, summary="制发监督文书")
def instrument_issue(request, item_id: int, data: IssueIn):
    item = _item(request, item_id)
    services.instrument_issue(actor=request.auth, item=item, **data.dict())
    return Status(201, _item(request, item_id))


@router.get("/instruments/{int:instrument_id}/{fmt}", summary="下载监督文书（pdf 或 docx）")
def instrument_file(request, instrument_id: int, fmt: Literal["pdf", "docx"]) -> HttpResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("item__agency"), pk=instrument_id)
    _item(request, instrument.item_id)
    response = HttpResponse(document.render(instrument, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="instrument-{instrument.pk}.{fmt}"'
    return response


@router.post("/items/{int:item_id}/reply", response=ItemDetailOut, summary="答复并提交整改材料（被监督机关）")
def reply_submit(request, item_id: int, data: ReplyIn):
    item = _item(request, item_id)
    services.reply_submit(
        actor=request.auth, item=item, text=data.text, files=attachments.uploads_of_api(data.files)
    )
    return _item(request, item_id)


@router.post("/items/{int:item_id}/accept", response=ItemDetailOut, summary="整改验收通过")
def reply_accept(request, item_id: int, data: AcceptIn):
    services.reply_accept(actor=request.auth, item=_item(request, item_id), note=data.note)
    return _item(request, item_id)


@router.post("/items/{int:item_id}/return", response=ItemDetailOut, summary="退回重新整改")
def reply_return(request, item_id: int, data: ReasonIn):
    services.reply_return(actor=request.auth, item=_item(request, item_id), reason=data.reason)
    return _item(request, item_id)


@router.post(
    "/items/{int:item_id}/escalate",
    response=ItemDetailOut,
    summary="逾期升级（限期整改、约谈、通报、报告本级政府）",
)
def escalate(request, item_id: int, data: EscalateIn):
    services.escalate(actor=request.auth, item=_item(request, item_id), **data.dict())
    return _item(request, item_id)


@router.post("/items/{int:item_id}/close", response=ItemDetailOut, summary="办结（未发现问题）")
def item_close(request, item_id: int, data: CloseIn):
    services.item_close(actor=request.auth, item=_item(request, item_id), note=data.note)
    return _item(request, item_id)


@router.get(
    "/deadlines", response=dict[str, list[date]], summary="各类监督文书的默认答复、整改期限（本机关所在地区）"
)
def default_deadlines(request):
    region = request.auth.agency.region if request.auth.agency_id else None
    if region is None:
        return {}
    return {grade: list(clocks.default_deadlines(region, grade)) for grade in document.Grade.values}
