"""/api/collaboration/referrals/: 行刑衔接 and the other referrals — list, report, receive (反向移送), the
court application of a case, one referral with the actions offered, and one POST per action. Thin."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases.models import Case
from zhifa.core import access, kit
from zhifa.core.params import Id

from ..notices.api import acting_agency
from . import selectors, services
from .transitions import HANDLE, is_overdue, offered

router = Router(tags=["协同执法"])


class ReferralOut(Schema):
    id: int
    kind: str
    kind_label: str
    agency_id: int
    agency_name: str
    organ: str
    case_id: int | None
    party: str
    status: str
    status_label: str
    reported_at: datetime
    approval_due: date | None
    transfer_due_at: datetime | None
    overdue: bool

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


class ReferralDetailOut(ReferralOut):
    facts: str
    materials: str
    flagged_in_review: bool
    approved_at: datetime | None
    transferred_at: datetime | None
    reason: str
    outcome_on: date | None
    outcome: str
    reminded_on: date | None
    period_ends_on: date | None
    apply_due: date | None
    applied_on: date | None
    actions: list[str]

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        return offered(context["request"].auth, obj)


class ReportIn(Schema):
    agency_id: Id | None = None
    kind: str = ""
    organ: str = Field("", title="接收机关")
    case_id: Id | None = None
    party: str = Field("", title="当事人（涉嫌人）")
    facts: str = Field("", title="事实和理由")
    materials: str = Field("", title="移送材料清单")


class ReceiveIn(Schema):
    agency_id: Id | None = None
    organ: str = Field("", title="移送机关")
    party: str = Field("", title="当事人（涉嫌人）")
    facts: str = Field("", title="事实和理由")
    materials: str = Field("", title="移送材料清单")


class CourtIn(Schema):
    court: str = Field("", title="人民法院")
    reminded_on: date | None = None
    applied_on: date | None = None
    note: str = Field("", title="申请事项")


class ReasonIn(Schema):
    reason: str = Field("", title="理由")


class OutcomeIn(Schema):
    on: date | None = None
    reason: str = Field("", title="理由")


class AcceptIn(Schema):
    on: date | None = None
    note: str = Field("", title="说明")


class ConcludeIn(Schema):
    on: date | None = None
    outcome: str = Field("", title="处理结果")


def _referral(request, referral_id: int):
    return selectors.get_referral(request.auth, referral_id)


def _case(request, case_id: int | None, field: str = "case_id") -> Case | None:
    if case_id is None:
        return None
    case = (
        access.visible_to(request.auth, Case.objects.select_related("agency"), "cases.view_case")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        kit.refuse(field, f"未找到编号为{case_id}的案件")
    return case


@router.get("", response=list[ReferralOut], summary="行刑衔接与移送列表")
@paginate
def referral_list(
    request, q: str = "", kind: str = "", status: str = "",
    sort: Annotated[str, selectors.REFERRAL_SORTS] = "",
):  # fmt: skip
    return selectors.referrals_visible_to(
        request.auth, selectors.ReferralFilters(q=q, kind=kind, status=status, sort=sort)
    )


@router.post(
    "",
    response={201: ReferralDetailOut},
    summary="报请移送（涉嫌犯罪移送公安机关、问题线索移送纪检监察机关）",
)
def referral_report(request, data: ReportIn):
    made = services.referral_report(
        actor=request.auth,
        agency=acting_agency(request, data.agency_id, HANDLE),
        data=services.ReportInput(kind=data.kind, organ=data.organ, facts=data.facts, case=_case(request, data.case_id),
                                  party=data.party, materials=data.materials),
    )  # fmt: skip
    return Status(201, _referral(request, made.pk))


@router.post(
    "/received", response={201: ReferralDetailOut}, summary="接收公安、检察机关移送的案件（反向移送）"
)
def referral_receive(request, data: ReceiveIn):
    made = services.referral_receive(
        actor=request.auth,
        agency=acting_agency(request, data.agency_id, HANDLE),
        data=services.ReceiveInput(
            organ=data.organ, facts=data.facts, party=data.party, materials=data.materials
        ),
    )
    return Status(201, _referral(request, made.pk))


@router.post(
    "/court/{int:case_id}",
    response={201: ReferralDetailOut},
    summary="申请人民法院强制执行（行政强制法 第五十三条）",
)
def court_apply(request, case_id: int, data: CourtIn):
    case = access.get_visible_or_404(
        request.auth, Case.objects.select_related("agency"), "cases.view_case", pk=case_id
    )
    made = services.court_apply(actor=request.auth, case=case, data=services.CourtInput(**data.dict()))
    return Status(201, _referral(request, made.pk))


@router.get("/{int:referral_id}", response=ReferralDetailOut, summary="移送详情")
def referral_detail(request, referral_id: int):
    return _referral(request, referral_id)


@router.post(
    "/{int:referral_id}/approve", response=ReferralDetailOut, summary="批准移送（机关负责人，3日内）"
)
def referral_approve(request, referral_id: int):
    services.referral_approve(actor=request.auth, referral=_referral(request, referral_id))
    return _referral(request, referral_id)


@router.post("/{int:referral_id}/reject", response=ReferralDetailOut, summary="不批准移送（理由记录在案）")
def referral_reject(request, referral_id: int, data: ReasonIn):
    services.referral_reject(actor=request.auth, referral=_referral(request, referral_id), reason=data.reason)
    return _referral(request, referral_id)


@router.post("/{int:referral_id}/transfer", response=ReferralDetailOut, summary="移送（批准后24小时内）")
def referral_transfer(request, referral_id: int):
    services.referral_transfer(actor=request.auth, referral=_referral(request, referral_id))
    return _referral(request, referral_id)


@router.post("/{int:referral_id}/accept", response=ReferralDetailOut, summary="登记立案（受理）")
def referral_accept(request, referral_id: int, data: AcceptIn):
    services.referral_accept(actor=request.auth, referral=_referral(request, referral_id), **data.dict())
    return _referral(request, referral_id)


@router.post("/{int:referral_id}/not-file", response=ReferralDetailOut, summary="登记不予立案（不予受理）")
def referral_not_file(request, referral_id: int, data: OutcomeIn):
    services.referral_not_file(actor=request.auth, referral=_referral(request, referral_id), **data.dict())
    return _referral(request, referral_id)


@router.post("/{int:referral_id}/return", response=ReferralDetailOut, summary="登记退回")
def referral_return(request, referral_id: int, data: OutcomeIn):
    services.referral_return(actor=request.auth, referral=_referral(request, referral_id), **data.dict())
    return _referral(request, referral_id)


@router.post("/{int:referral_id}/conclude", response=ReferralDetailOut, summary="登记处理结果")
def referral_conclude(request, referral_id: int, data: ConcludeIn):
    services.referral_conclude(actor=request.auth, referral=_referral(request, referral_id), **data.dict())
    return _referral(request, referral_id)
