"""/api/review/: the reviews the caller may see (their jurisdiction plus what is assigned to them), one
review with its rounds and the automatic pre-check, and one POST per action. Thin: reads through
review.selectors, writes through review.services (which check the actor and the rules). Another
agency's review is a 404, an action the user may not do a 403, a refusal a 422 with the reason."""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.cases import selectors as case_selectors
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.penalties import MEASURES_HELP

from .. import precheck, selectors, services
from ..choices import CheckPoint
from ..models import PreReview, Review

router = Router(tags=["review"])


class RoundOut(Schema):
    number: int
    kind: str
    measures: list[PenaltyMeasure]
    fine: Decimal | None
    confiscation: Decimal | None
    other_measures: str
    deviation_reason: str
    proposal: str
    suspected_crime: bool | None
    answers: dict
    submitted_at: datetime
    due_on: date
    result: str
    checklist: dict
    summary: str
    opinion_number: str
    reviewed_at: datetime | None


class ReviewOut(Schema):
    id: int
    case_id: int
    case_number: str
    status: str
    status_label: str
    reviewer_id: int | None
    from_pool: bool
    due_on: date | None
    passed_by: str

    @staticmethod
    def resolve_case_number(obj) -> str:
        return obj.case.number

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class FindingOut(Schema):
    point: str
    ok: bool
    text: str
    links: list[list[str]]


class ReviewDetailOut(ReviewOut):
    rounds: list[RoundOut]
    precheck: list[FindingOut]

    @staticmethod
    def resolve_rounds(obj) -> list:
        return list(obj.rounds.order_by("number"))

    @staticmethod
    def resolve_precheck(obj) -> list:
        return [
            {"point": f.point, "ok": f.ok, "text": f.text, "links": [list(link) for link in f.links]}
            for findings in precheck.run(obj).values()
            for f in findings
        ]


class ProposalIn(Schema):
    proposal: str = Field(title="拟处理意见（事实、理由、依据）")
    kind: str = "penalty"
    measures: list[PenaltyMeasure] = Field(default_factory=list, description=MEASURES_HELP)
    fine: Decimal | None = None
    confiscation: Decimal | None = None
    other_measures: str = Field("", title="其他处罚")
    deviation_reason: str = Field("", title="偏离裁量基准的理由")
    facts: dict = {}
    evidence_list: str = Field("", title="证据清单（留空则按已上传证据生成）")
    suspected_crime: bool | None = None
    crime_note: str = Field("", title="涉嫌犯罪情况说明")


class ResubmitIn(ProposalIn):
    answers: dict[str, str] = {}


class PointIn(Schema):
    ok: bool | None = None
    comment: str = ""


class OpinionIn(Schema):
    checklist: dict[str, PointIn]
    summary: str = Field("", title="审核意见（综述）")


# titled in the words of the page's form (review.forms): a control character is refused alike
class ReasonIn(Schema):
    reason: str = Field(title="异议理由")


class ResolveIn(Schema):
    method: str
    outcome: str
    note: str = Field(title="讨论情况（参加人员、主要意见、结论）")


class QuestionIn(Schema):
    text: str = Field(title="提请预审核的事项")


class AnswerIn(Schema):
    text: str = Field(title="预审核意见")


class InviteIn(Schema):
    author: str = Field(title="姓名")
    role: str
    text: str = Field(title="书面意见")


class AssignIn(Schema):
    reviewer_id: int


def _review(request, review_id: int) -> Review:
    return selectors.get_review(request.auth, review_id)


def _detail(request, review: Review) -> Review:
    return selectors.get_review(request.auth, review.pk)


@router.get("/", response=list[ReviewOut], summary="法制审核列表")
@paginate
def review_list(request, q: str = "", status: str = "", mine: bool = False):
    return selectors.reviews_visible_to(request.auth, q=q, status=status, mine=mine)


@router.get("/checkpoints", response=list[list[str]], summary="审核要点")
def checkpoints(request):
    return [[p.value, p.label] for p in CheckPoint]


@router.get("/{int:review_id}", response=ReviewDetailOut, summary="法制审核详情（含各轮意见与自动预审）")
def review_detail(request, review_id: int):
    return _review(request, review_id)


@router.post("/cases/{int:case_id}", response={201: ReviewDetailOut}, summary="送审")
def submit(request, case_id: int, data: ProposalIn):
    case = case_selectors.get_case(request.auth, case_id)
    review = services.review_submit(actor=request.auth, case=case, data=services.ProposalInput(**data.dict()))
    return Status(201, _detail(request, review))


@router.post("/{int:review_id}/resubmit", response=ReviewDetailOut, summary="答复审核意见并再次送审")
def resubmit(request, review_id: int, data: ResubmitIn):
    values = data.dict()
    answers = values.pop("answers")
    review = services.review_resubmit(
        actor=request.auth,
        review=_review(request, review_id),
        data=services.ProposalInput(**values),
        answers=answers,
    )
    return _detail(request, review)


@router.post("/{int:review_id}/opinion", response=ReviewDetailOut, summary="出具审核意见")
def opinion(request, review_id: int, data: OpinionIn):
    checklist = {point: row.dict() for point, row in data.checklist.items()}
    review = services.review_give_opinion(
        actor=request.auth, review=_review(request, review_id), checklist=checklist, summary=data.summary
    )
    return _detail(request, review)


@router.post("/{int:review_id}/dispute", response=ReviewDetailOut, summary="对审核意见提出异议")
def dispute(request, review_id: int, data: ReasonIn):
    review = _review(request, review_id)
    services.review_dispute(actor=request.auth, review=review, reason=data.reason)
    return _detail(request, review)


@router.post("/{int:review_id}/resolve", response=ReviewDetailOut, summary="记录集体讨论或机关负责人决定")
def resolve(request, review_id: int, data: ResolveIn):
    review = _review(request, review_id)
    services.review_resolve(actor=request.auth, review=review, **data.dict())
    return _detail(request, review)


@router.post("/{int:review_id}/assign", response=ReviewDetailOut, summary="改派审核人员（司法局协调）")
def assign(request, review_id: int, data: AssignIn):
    from django.contrib.auth import get_user_model

    review = _review(request, review_id)
    reviewer = get_object_or_404(get_user_model(), pk=data.reviewer_id)
    services.review_assign(actor=request.auth, review=review, reviewer=reviewer)
    return _detail(request, review)


@router.post("/{int:review_id}/invite", response=ReviewDetailOut, summary="登记法律顾问、公职律师书面意见")
def invite(request, review_id: int, data: InviteIn):
    review = _review(request, review_id)
    services.review_invite_opinion(actor=request.auth, review=review, **data.dict())
    return _detail(request, review)


@router.post("/{int:review_id}/pre-review", response=ReviewDetailOut, summary="提请司法行政机关预审核")
def pre_review(request, review_id: int, data: QuestionIn):
    review = _review(request, review_id)
    services.review_request_pre_review(actor=request.auth, review=review, question=data.text)
    return _detail(request, review)


@router.post("/pre-reviews/{int:pre_review_id}/answer", response=ReviewDetailOut, summary="答复预审核")
def pre_review_answer(request, pre_review_id: int, data: AnswerIn):
    pre = get_object_or_404(PreReview, pk=pre_review_id)
    review = _review(request, pre.review_id)
    services.review_answer_pre_review(actor=request.auth, pre_review=pre, opinion=data.text)
    return _detail(request, review)
