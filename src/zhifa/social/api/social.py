"""/api/social/ 社会监督: the register of 监督员 and 联系点, the feedback with its actions, the surveys and
their results. Thin: schemas only parse; reads through selectors, writes through services (which check the
actor and the rules). Another region's row is a 404, an action the user may not take a 403, a refusal a 422
keyed by field with the reason in Chinese. Feedback files travel as base64 (supervision.attachments). The
Excel import of survey results is a page (a file upload), like the other imports."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.core import access
from zhifa.core.models import Region
from zhifa.core.params import Id, Year
from zhifa.core.privacy import mask_phone
from zhifa.core.selectors import chosen_agency
from zhifa.supervision.attachments import FileIn, FileOut, uploads_of_api

from .. import selectors
from ..choices import PointStatus, SupervisorStatus
from ..services import contact_points, feedback, supervisors, surveys, terms
from ..transitions import (
    HANDLE_FEEDBACK,
    MACHINE,
    MANAGE_POINT,
    MANAGE_SUPERVISOR,
    MANAGE_SURVEY,
    VIEW_POINT,
    VIEW_SUPERVISOR,
)

router = Router(tags=["社会监督"])
# the ?sort= values of the lists: each declared column both ways, "" the list's own order (core.sorting)
SupervisorSort = Annotated[str, selectors.SUPERVISOR_SORTS]
PointSort = Annotated[str, selectors.POINT_SORTS]
FeedbackSort = Annotated[str, selectors.FEEDBACK_SORTS]
SurveySort = Annotated[str, selectors.SURVEY_SORTS]


def _agencies(user, ids: list[int], perm: str):
    return [chosen_agency(user, pk, field="agencies", perm=perm) for pk in dict.fromkeys(ids)]


def _bureau(user, pk: int | None, perm: str):
    return chosen_agency(user, pk, field="bureau", perm=perm) if pk else None


# ---- schemas -------------------------------------------------------------------------------------------


class AgencyRef(Schema):
    id: int
    name: str


class SupervisorOut(Schema):
    id: int
    name: str
    category: str
    category_label: str
    unit: str
    phone: str
    fields_followed: str
    bureau_id: int
    bureau_name: str
    term_start: date
    term_end: date
    term_state: str
    term_state_label: str
    status: str
    status_label: str
    ended_on: date | None
    end_reason: str

    @staticmethod
    def resolve_category_label(obj) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_phone(obj, context) -> str:
        """Masked but for those who manage the register (个人信息保护法 第六条)."""
        return (
            obj.phone
            if access.can(context["request"].auth, MANAGE_SUPERVISOR, obj)
            else mask_phone(obj.phone)
        )

    @staticmethod
    def resolve_bureau_name(obj) -> str:
        return obj.bureau.name

    @staticmethod
    def resolve_term_state(obj) -> str:
        return str(terms.state(obj, ended=SupervisorStatus.DISMISSED).value)

    @staticmethod
    def resolve_term_state_label(obj) -> str:
        return str(terms.state(obj, ended=SupervisorStatus.DISMISSED).label)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class SupervisorDetailOut(SupervisorOut):
    agencies: list[AgencyRef]

    @staticmethod
    def resolve_agencies(obj) -> list:
        return list(obj.agencies.order_by("name"))


class SupervisorIn(Schema):
    name: str = Field(title="姓名")
    category: str = ""
    term_start: date | None = None
    term_end: date | None = None
    bureau_id: Id | None = None
    unit: str = Field("", title="工作单位及职务")
    phone: str = Field("", title="联系电话")
    fields_followed: str = Field("", title="关注领域")
    agency_ids: list[Id] = []


class RenewIn(Schema):
    term_end: date | None = None
    reason: str = Field(title="理由")


class EndIn(Schema):
    reason: str = Field(title="理由")


class PointOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    credit_code: str
    address: str
    liaison: str
    liaison_phone: str
    bureau_id: int
    bureau_name: str
    term_start: date
    term_end: date
    term_state: str
    term_state_label: str
    status: str
    status_label: str
    ended_on: date | None
    end_reason: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_liaison_phone(obj, context) -> str:
        user = context["request"].auth
        return obj.liaison_phone if access.can(user, MANAGE_POINT, obj) else mask_phone(obj.liaison_phone)

    @staticmethod
    def resolve_bureau_name(obj) -> str:
        return obj.bureau.name

    @staticmethod
    def resolve_term_state(obj) -> str:
        return str(terms.state(obj, ended=PointStatus.REVOKED).value)

    @staticmethod
    def resolve_term_state_label(obj) -> str:
        return str(terms.state(obj, ended=PointStatus.REVOKED).label)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class PointDetailOut(PointOut):
    agencies: list[AgencyRef]

    @staticmethod
    def resolve_agencies(obj) -> list:
        return list(obj.agencies.order_by("name"))


class PointIn(Schema):
    name: str = Field(title="名称")
    kind: str = ""
    address: str = Field("", title="地址")
    liaison: str = Field("", title="联络人")
    term_start: date | None = None
    term_end: date | None = None
    bureau_id: Id | None = None
    credit_code: str = Field("", title="统一社会信用代码")
    liaison_phone: str = Field("", title="联络人电话")
    agency_ids: list[Id] = []


class FeedbackOut(Schema):
    id: int
    title: str
    source: str
    source_label: str
    sender_name: str
    supervisor_id: int | None
    contact_point_id: int | None
    agency_id: int
    agency_name: str
    case_id: int | None
    received_on: date
    answer_due: date
    overdue: bool
    status: str
    status_label: str

    @staticmethod
    def resolve_source_label(obj) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_sender_name(obj) -> str:
        return str(obj.sender)

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return selectors.is_overdue(obj)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class FeedbackDetailOut(FeedbackOut):
    text: str
    answer: str
    answered_at: datetime | None
    acknowledged_at: datetime | None
    supervision_item_id: int | None
    complaint_id: int | None
    complaint_number: str | None
    files: list[FileOut]
    actions: list[str]

    @staticmethod
    def resolve_complaint_number(obj) -> str | None:
        return obj.complaint.number if obj.complaint_id else None

    @staticmethod
    def resolve_files(obj) -> list:
        return list(obj.files.all())

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        user = context["request"].auth
        perms = {HANDLE_FEEDBACK} if access.can(user, HANDLE_FEEDBACK, obj) else set()
        return MACHINE.offered(obj, perms)


class FeedbackIn(Schema):
    agency_id: Id
    title: str = Field(title="反馈事项")
    text: str = Field(title="反馈内容")
    supervisor_id: Id | None = None
    contact_point_id: Id | None = None
    case_id: Id | None = None
    received_on: date | None = None
    files: list[FileIn] = []


class AnswerIn(Schema):
    answer: str = Field(title="答复内容")


class SuperviseIn(Schema):
    reason: str = Field("", title="监督事由")


class ForwardIn(Schema):
    kind: str = Field("report", title="类别")
    subject_name: str = Field("", title="被投诉举报对象")


class ForwardOut(Schema):
    complaint_id: int
    number: str
    code: str = Field(title="查询码（只返回这一次）")


class CampaignOut(Schema):
    id: int
    title: str
    region_code: str
    region_name: str
    year: int
    method: str
    method_label: str
    conducted_by: str
    bureau_id: int
    status: str
    status_label: str
    response_count: int

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj) -> str:
        return obj.region.name

    @staticmethod
    def resolve_method_label(obj) -> str:
        return obj.get_method_display()

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class CampaignIn(Schema):
    region_code: str = Field(title="测评区域")
    year: Year | None = None
    title: str = Field(title="名称")
    method: str = ""
    conducted_by: str = Field("", title="实施单位")
    bureau_id: Id | None = None


class ResponseIn(Schema):
    agency_id: Id
    respondent_kind: str = ""
    rating: str = ""
    score: int | None = None
    respondent: str = Field("", title="受访者")
    comment: str = Field("", title="意见建议")


class ResponseOut(Schema):
    id: int
    agency_id: int
    respondent_kind: str
    respondent: str
    rating: str
    score: int | None
    comment: str


class ResultOut(Schema):
    """One agency's results; rates as exact fractions (numerator/denominator) and as percentages."""

    agency_id: int
    agency_name: str
    responses: int
    satisfied: int
    basic: int
    dissatisfied: int
    rated: int
    satisfaction_rate: str | None = Field(description="满意率，最简分数，如 5/6")
    satisfaction_percent: float | None
    scored: int
    score_sum: int
    mean_score: str | None = Field(description="平均分，最简分数，如 173/2")

    @staticmethod
    def resolve_satisfaction_rate(obj) -> str | None:
        return None if obj.satisfaction_rate is None else str(obj.satisfaction_rate)

    @staticmethod
    def resolve_satisfaction_percent(obj) -> float | None:
        return None if obj.satisfaction_rate is None else round(float(obj.satisfaction_rate) * 100, 2)

    @staticmethod
    def resolve_mean_score(obj) -> str | None:
        return None if obj.mean_score is None else str(obj.mean_score)


# ---- 行政执法监督员 ----------------------------------------------------------------------------------------


@router.get("/supervisors", response=list[SupervisorOut], summary="行政执法监督员名册")
@paginate
def supervisor_list(request, q: str = "", category: str = "", term: str = "", bureau_id: Id | None = None,
                    sort: SupervisorSort = ""):  # fmt: skip
    filters = selectors.RegisterFilters(q=q, kind=category, term=term, bureau=bureau_id, sort=sort)
    return selectors.supervisors_visible_to(request.auth, filters)


@router.get("/supervisors/{int:supervisor_id}", response=SupervisorDetailOut, summary="行政执法监督员详情")
def supervisor_detail(request, supervisor_id: int):
    return selectors.get_supervisor(request.auth, supervisor_id)


@router.post("/supervisors", response={201: SupervisorDetailOut}, summary="聘任行政执法监督员")
def supervisor_appoint(request, data: SupervisorIn):
    user = request.auth
    made = supervisors.supervisor_appoint(
        actor=user,
        data=supervisors.SupervisorInput(
            bureau=_bureau(user, data.bureau_id, MANAGE_SUPERVISOR), name=data.name, category=data.category,
            unit=data.unit, phone=data.phone, fields_followed=data.fields_followed,
            agencies=_agencies(user, data.agency_ids, MANAGE_SUPERVISOR), term_start=data.term_start,
            term_end=data.term_end,
        ),
    )  # fmt: skip
    return Status(201, selectors.get_supervisor(user, made.pk))


@router.post("/supervisors/{int:supervisor_id}/renew", response=SupervisorDetailOut, summary="续聘")
def supervisor_renew(request, supervisor_id: int, data: RenewIn):
    supervisor = selectors.get_supervisor(request.auth, supervisor_id)
    supervisors.supervisor_renew(actor=request.auth, supervisor=supervisor, term_end=data.term_end,
                                 reason=data.reason)  # fmt: skip
    return selectors.get_supervisor(request.auth, supervisor_id)


@router.post("/supervisors/{int:supervisor_id}/dismiss", response=SupervisorDetailOut, summary="解聘")
def supervisor_dismiss(request, supervisor_id: int, data: EndIn):
    supervisor = selectors.get_supervisor(request.auth, supervisor_id)
    supervisors.supervisor_dismiss(actor=request.auth, supervisor=supervisor, reason=data.reason)
    return selectors.get_supervisor(request.auth, supervisor_id)


# ---- 监督联系点 ------------------------------------------------------------------------------------------


@router.get("/points", response=list[PointOut], summary="监督联系点名册")
@paginate
def point_list(request, q: str = "", kind: str = "", term: str = "", bureau_id: Id | None = None,
               sort: PointSort = ""):  # fmt: skip
    filters = selectors.RegisterFilters(q=q, kind=kind, term=term, bureau=bureau_id, sort=sort)
    return selectors.points_visible_to(request.auth, filters)


@router.get("/points/{int:point_id}", response=PointDetailOut, summary="监督联系点详情")
def point_detail(request, point_id: int):
    return selectors.get_point(request.auth, point_id)


@router.post("/points", response={201: PointDetailOut}, summary="设立监督联系点")
def point_establish(request, data: PointIn):
    user = request.auth
    made = contact_points.point_establish(
        actor=user,
        data=contact_points.PointInput(
            bureau=_bureau(user, data.bureau_id, MANAGE_POINT), name=data.name, kind=data.kind,
            credit_code=data.credit_code, address=data.address, liaison=data.liaison,
            liaison_phone=data.liaison_phone, agencies=_agencies(user, data.agency_ids, MANAGE_POINT),
            term_start=data.term_start, term_end=data.term_end,
        ),
    )  # fmt: skip
    return Status(201, selectors.get_point(user, made.pk))


@router.post("/points/{int:point_id}/renew", response=PointDetailOut, summary="监督联系点续期")
def point_renew(request, point_id: int, data: RenewIn):
    point = selectors.get_point(request.auth, point_id)
    contact_points.point_renew(actor=request.auth, point=point, term_end=data.term_end, reason=data.reason)
    return selectors.get_point(request.auth, point_id)


@router.post("/points/{int:point_id}/revoke", response=PointDetailOut, summary="撤销监督联系点")
def point_revoke(request, point_id: int, data: EndIn):
    point = selectors.get_point(request.auth, point_id)
    contact_points.point_revoke(actor=request.auth, point=point, reason=data.reason)
    return selectors.get_point(request.auth, point_id)


# ---- 反馈 ----------------------------------------------------------------------------------------------


@router.get("/feedback", response=list[FeedbackOut], summary="社会监督反馈")
@paginate
def feedback_list(request, q: str = "", status: str = "", source: str = "", agency_id: Id | None = None,
                  supervisor_id: Id | None = None, contact_point_id: Id | None = None, overdue: bool = False,
                  sort: FeedbackSort = ""):  # fmt: skip
    filters = selectors.FeedbackFilters(
        q=q, status=status, source=source, agency=agency_id, supervisor=supervisor_id,
        contact_point=contact_point_id, overdue=overdue, sort=sort,
    )  # fmt: skip
    return selectors.feedback_visible_to(request.auth, filters)


@router.get("/feedback/{int:feedback_id}", response=FeedbackDetailOut, summary="社会监督反馈详情")
def feedback_detail(request, feedback_id: int):
    return selectors.get_feedback(request.auth, feedback_id)


@router.post("/feedback", response={201: FeedbackDetailOut}, summary="录入社会监督反馈")
def feedback_submit(request, data: FeedbackIn):
    from zhifa.cases.models import Case

    user = request.auth
    agency = chosen_agency(user, data.agency_id, field="agency", perm=HANDLE_FEEDBACK)
    supervisor = (
        access.get_visible_or_404(user, selectors.Supervisor.objects.select_related("bureau__region"),
                                  VIEW_SUPERVISOR, pk=data.supervisor_id)
        if data.supervisor_id else None
    )  # fmt: skip
    point = (
        access.get_visible_or_404(user, selectors.ContactPoint.objects.select_related("bureau__region"),
                                  VIEW_POINT, pk=data.contact_point_id)
        if data.contact_point_id else None
    )  # fmt: skip
    case = (
        access.get_visible_or_404(user, Case.objects.all(), "cases.view_case", pk=data.case_id)
        if data.case_id else None
    )  # fmt: skip
    made = feedback.feedback_submit(
        actor=user,
        data=feedback.FeedbackInput(
            agency=agency, title=data.title, text=data.text, supervisor=supervisor, contact_point=point,
            case=case, received_on=data.received_on, files=uploads_of_api(data.files),
        ),
    )  # fmt: skip
    return Status(201, selectors.get_feedback(user, made.pk))


@router.post("/feedback/{int:feedback_id}/acknowledge", response=FeedbackDetailOut, summary="受理反馈")
def feedback_acknowledge(request, feedback_id: int):
    feedback.feedback_acknowledge(
        actor=request.auth, feedback=selectors.get_feedback(request.auth, feedback_id)
    )
    return selectors.get_feedback(request.auth, feedback_id)


@router.post("/feedback/{int:feedback_id}/answer", response=FeedbackDetailOut, summary="答复反馈")
def feedback_answer(request, feedback_id: int, data: AnswerIn):
    row = selectors.get_feedback(request.auth, feedback_id)
    feedback.feedback_answer(actor=request.auth, feedback=row, answer=data.answer)
    return selectors.get_feedback(request.auth, feedback_id)


@router.post(
    "/feedback/{int:feedback_id}/supervise", response={201: dict[str, int]}, summary="反馈转为监督事项"
)
def feedback_supervise(request, feedback_id: int, data: SuperviseIn):
    row = selectors.get_feedback(request.auth, feedback_id)
    item = feedback.feedback_supervise(actor=request.auth, feedback=row, reason=data.reason)
    return Status(201, {"item_id": item.pk})


@router.post("/feedback/{int:feedback_id}/forward", response={201: ForwardOut}, summary="反馈转为投诉举报")
def feedback_forward(request, feedback_id: int, data: ForwardIn):
    row = selectors.get_feedback(request.auth, feedback_id)
    complaint, code = feedback.feedback_forward(
        actor=request.auth, feedback=row, kind=data.kind, subject_name=data.subject_name
    )
    return Status(201, {"complaint_id": complaint.pk, "number": complaint.number, "code": code})


# ---- 测评 ----------------------------------------------------------------------------------------------


@router.get("/surveys", response=list[CampaignOut], summary="回访与满意度测评")
@paginate
def survey_list(request, year: Year | None = None, status: str = "", sort: SurveySort = ""):
    return selectors.campaigns_visible_to(request.auth, year=year, status=status, sort=sort)


@router.get("/surveys/{int:campaign_id}", response=CampaignOut, summary="测评详情")
def survey_detail(request, campaign_id: int):
    return selectors.get_campaign(request.auth, campaign_id)


@router.post("/surveys", response={201: CampaignOut}, summary="组织回访与满意度测评")
def survey_create(request, data: CampaignIn):
    user = request.auth
    region = Region.objects.filter(code=data.region_code.strip()).first()
    made = surveys.survey_create(
        actor=user,
        data=surveys.CampaignInput(
            bureau=_bureau(user, data.bureau_id, MANAGE_SURVEY), region=region, year=data.year,
            title=data.title, method=data.method, conducted_by=data.conducted_by,
        ),
    )  # fmt: skip
    return Status(201, selectors.get_campaign(user, made.pk))


@router.get("/surveys/{int:campaign_id}/responses", response=list[ResponseOut], summary="测评的逐条结果")
@paginate
def survey_responses(request, campaign_id: int):
    return selectors.responses_of(request.auth, selectors.get_campaign(request.auth, campaign_id))


@router.post("/surveys/{int:campaign_id}/responses", response={201: ResponseOut}, summary="录入测评结果")
def response_add(request, campaign_id: int, data: ResponseIn):
    user = request.auth
    campaign = selectors.get_campaign(user, campaign_id)
    agency = chosen_agency(user, data.agency_id, field="agency", perm="core.view_agency")
    made = surveys.response_add(
        actor=user,
        campaign=campaign,
        data=surveys.ResponseInput(
            agency=agency, respondent_kind=data.respondent_kind, rating=data.rating, score=data.score,
            respondent=data.respondent, comment=data.comment,
        ),
    )  # fmt: skip
    return Status(201, made)


@router.post("/surveys/{int:campaign_id}/close", response=CampaignOut, summary="结束测评")
def survey_close(request, campaign_id: int):
    surveys.survey_close(actor=request.auth, campaign=selectors.get_campaign(request.auth, campaign_id))
    return selectors.get_campaign(request.auth, campaign_id)


@router.get("/surveys/{int:campaign_id}/results", response=list[ResultOut], summary="测评的各机关结果")
def survey_results(request, campaign_id: int):
    campaign = selectors.get_campaign(request.auth, campaign_id)
    return selectors.results_visible_to(request.auth, campaign=campaign.pk)


@router.get("/results", response=list[ResultOut], summary="满意度测评结果（按机关，已结束的测评）")
def results(request, year: Year | None = None):
    return selectors.results_visible_to(request.auth, year=year)
