"""案卷评查: the /api/supervision/ endpoints of this feature — campaigns (create, commit, draw, assign,
conclude, publish, results, draw file and its verification), drawn files (list, detail, assign a
reviewer), a reviewer's reviews (the pre-scoring proposals, submit the scores), the 评查标准 versions.
Thin: reads through the selectors, writes through the services; another agency's object is a 404, an
action the user may not take a 403, a refusal a 422 keyed by field."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from zhifa.accounts.models import User
from zhifa.core.params import Id, Year
from zhifa.core.selectors import chosen_agency

from ..actions import selectors as action_selectors
from ..actions.api import ItemDetailOut
from ..models import Campaign, FileReview, TemplateVersion
from . import selectors, services
from .transitions import MACHINE, MANAGE, SCORE

router = Router(tags=["执法监督"])


def _user(request, perm: str = selectors.VIEW):
    if not request.auth.has_perm(perm):
        raise PermissionDenied("您无权查看案卷评查")
    return request.auth


class CampaignOut(Schema):
    id: int
    title: str
    year: int
    status: str
    status_label: str = Field(alias="get_status_display")
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    template_version_id: int
    per_agency: int | None
    candidate_hash: str
    seed_commitment: str
    seed: str
    committed_at: datetime | None
    drawn_at: datetime | None
    published_at: datetime | None


class CampaignDetailOut(CampaignOut):
    actions: list[str] = Field(default_factory=list, description="当前状态下可以执行的操作")


class CampaignIn(Schema):
    agency_id: Id
    title: str = Field(title="活动名称")
    year: Year
    template_version_id: Id | None = None


class CommitIn(Schema):
    per_agency: int = Field(ge=0, le=1000)
    seed_commitment: str = Field("", title="种子承诺（可选）")


class DrawIn(Schema):
    seed: str = Field("", title="随机种子（可选）")


class AgencyResultOut(Schema):
    agency_id: int
    agency_name: str
    files: int
    final: int
    average: Decimal | None
    excellent: int
    good: int
    passed: int
    failed: int
    vetoed: int


class VerifyOut(Schema):
    verified: bool
    problems: list[str]


class ReviewOut(Schema):
    id: int
    file_id: int
    reviewer_id: int
    reviewer_name: str = Field(alias="reviewer.real_name")
    role: str
    status: str
    score: Decimal | None
    grade: str
    vetoed: bool
    submitted_at: datetime | None


class FileOut(Schema):
    id: int
    campaign_id: int
    case_id: int
    case_number: str = Field(alias="case.number")
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    order: int
    status: str
    score: Decimal | None
    grade: str
    vetoed: bool


class FileDetailOut(FileOut):
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_reviews(obj) -> list:
        return list(selectors.reviews_of(obj))


class AssignIn(Schema):
    reviewer_id: Id


class AssignedOut(Schema):
    assigned: int


class EvidenceOut(Schema):
    text: str
    links: list[list[str]]


class ProposalOut(Schema):
    code: str
    title: str
    section: str
    max_points: Decimal
    deduction: Decimal
    veto: bool
    evidence: list[EvidenceOut]


class ScoreIn(Schema):
    deduction: Decimal | None = Field(None, description="扣分；不填则采纳自动预评")
    veto: bool | None = Field(None, description="否决项是否存在；不填则采纳自动预评")
    reason: str = Field("", title="理由", description="与自动预评不一致时的理由")


class SubmitIn(Schema):
    scores: dict[str, ScoreIn] = Field(default_factory=dict, description="评查项目编码 → 评分")


class ItemOut(Schema):
    code: str
    section: str
    title: str
    max_points: Decimal
    unit_points: Decimal
    precheck: str


class VersionOut(Schema):
    id: int
    template_id: int
    number: int
    status: str
    form_points: Decimal
    content_points: Decimal
    excellent_from: Decimal
    good_from: Decimal
    pass_from: Decimal
    disagreement_points: Decimal
    items: list[ItemOut]


def _detail(user, campaign: Campaign) -> CampaignDetailOut:
    out = CampaignDetailOut.model_validate(campaign, from_attributes=True)
    out.actions = MACHINE.offered(campaign, {MANAGE}) if selectors.can_manage(user, campaign) else []
    return out


@router.get("/campaigns", response=list[CampaignOut], summary="案卷评查活动")
@paginate
def campaign_list(request, q: str = "", year: Year | None = None, status: str = "", sort: str = ""):
    return selectors.campaigns_visible_to(_user(request), q=q, year=year, status=status, sort=sort)


@router.post("/campaigns", response={201: CampaignDetailOut}, summary="组织案卷评查")
def campaign_create(request, payload: CampaignIn):
    user = _user(request, MANAGE)
    agency = chosen_agency(user, payload.agency_id, perm=MANAGE)
    version = None
    if payload.template_version_id:
        version = get_object_or_404(
            TemplateVersion.objects.select_related("template"), pk=payload.template_version_id
        )
    campaign = services.campaign_create(
        actor=user, agency=agency, title=payload.title, year=payload.year, template_version=version
    )
    return Status(201, _detail(user, campaign))


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut, summary="评查活动详情")
def campaign_detail(request, campaign_id: Id):
    user = _user(request)
    return _detail(user, selectors.get_campaign(user, campaign_id))


@router.post(
    "/campaigns/{campaign_id}/commit", response=CampaignDetailOut, summary=MACHINE.first("commit").label
)
def campaign_commit(request, campaign_id: Id, payload: CommitIn):
    user = _user(request)
    campaign = services.campaign_commit(
        actor=user,
        campaign=selectors.get_campaign(user, campaign_id),
        per_agency=payload.per_agency,
        seed_commitment=payload.seed_commitment,
    )
    return _detail(user, campaign)


@router.post("/campaigns/{campaign_id}/draw", response=CampaignDetailOut, summary=MACHINE.first("draw").label)
def campaign_draw(request, campaign_id: Id, payload: DrawIn):
    user = _user(request)
    campaign = services.campaign_draw(
        actor=user, campaign=selectors.get_campaign(user, campaign_id), seed=payload.seed
    )
    return _detail(user, campaign)


@router.post("/campaigns/{campaign_id}/assign", response=AssignedOut, summary="自动分配评查人")
def campaign_assign(request, campaign_id: Id):
    user = _user(request)
    made = services.campaign_assign_auto(actor=user, campaign=selectors.get_campaign(user, campaign_id))
    return {"assigned": made}


@router.post(
    "/campaigns/{campaign_id}/conclude", response=CampaignDetailOut, summary=MACHINE.first("conclude").label
)
def campaign_conclude(request, campaign_id: Id):
    user = _user(request)
    return _detail(
        user, services.campaign_conclude(actor=user, campaign=selectors.get_campaign(user, campaign_id))
    )


@router.post(
    "/campaigns/{campaign_id}/publish", response=CampaignDetailOut, summary=MACHINE.first("publish").label
)
def campaign_publish(request, campaign_id: Id):
    user = _user(request)
    return _detail(
        user, services.campaign_publish(actor=user, campaign=selectors.get_campaign(user, campaign_id))
    )


@router.get("/campaigns/{campaign_id}/results", response=list[AgencyResultOut], summary="各机关评查结果")
def campaign_results(request, campaign_id: Id):
    user = _user(request)
    campaign = selectors.get_campaign(user, campaign_id)
    return selectors.results_by_agency(selectors.files_visible_to(user, campaign=campaign))


@router.get("/campaigns/{campaign_id}/draw-file", response=dict, summary="抽取文件")
def campaign_draw_file(request, campaign_id: Id):
    user = _user(request)
    campaign = selectors.get_campaign(user, campaign_id)
    if not campaign.seed:
        from django.http import Http404

        raise Http404("抽取后才提供抽取文件")
    return selectors.draw_file(campaign)


@router.get("/campaigns/{campaign_id}/verify", response=VerifyOut, summary="复核抽取")
def campaign_verify(request, campaign_id: Id):
    user = _user(request)
    problems = selectors.verification(selectors.get_campaign(user, campaign_id))
    if problems is None:
        return {"verified": False, "problems": ["尚未抽取，随机种子尚未公开"]}
    return {"verified": not problems, "problems": problems}


@router.get("/campaigns/{campaign_id}/files", response=list[FileOut], summary="抽取的案卷")
@paginate
def campaign_files(
    request,
    campaign_id: Id,
    q: str = "",
    agency: Id | None = None,
    status: str = "",
    grade: str = "",
    mine: bool = False,
    sort: str = "",
):
    user = _user(request, selectors.VIEW_FILE)
    campaign = selectors.get_campaign(user, campaign_id)
    return selectors.files_visible_to(
        user, campaign=campaign, q=q, agency=agency, status=status, grade=grade, mine=mine, sort=sort
    )


@router.get("/campaign-files/{file_id}", response=FileDetailOut, summary="评查案卷详情")
def campaign_file(request, file_id: Id):
    user = _user(request, selectors.VIEW_FILE)
    return selectors.get_file(user, file_id)


@router.post("/campaign-files/{file_id}/assign", response={201: ReviewOut}, summary="分配评查人")
def campaign_file_assign(request, file_id: Id, payload: AssignIn):
    user = _user(request, selectors.VIEW_FILE)
    file = selectors.get_file(user, file_id)
    reviewer = get_object_or_404(User.objects.select_related("agency"), pk=payload.reviewer_id)
    return Status(201, services.file_assign(actor=user, file=file, reviewer=reviewer))


@router.post(
    "/campaign-files/{file_id}/items", response={201: ItemDetailOut}, summary="评查发现的问题转为监督事项"
)
def campaign_file_open_item(request, file_id: Id):
    user = _user(request, selectors.VIEW_FILE)
    item = services.file_open_item(actor=user, file=selectors.get_file(user, file_id))
    return Status(201, action_selectors.get_item(user, item.pk))


@router.get("/campaign-reviews", response=list[ReviewOut], summary="我的评查任务")
@paginate
def my_reviews(request, status: str = ""):
    user = _user(request, SCORE)
    reviews = FileReview.objects.filter(reviewer=user).select_related("reviewer").order_by("-id")
    return reviews.filter(status=status) if status else reviews


@router.get("/campaign-reviews/{review_id}/proposals", response=list[ProposalOut], summary="自动预评")
def review_proposals(request, review_id: Id):
    review = selectors.get_review(_user(request, SCORE), review_id)
    proposals = services.proposals_for(review)
    return [
        {
            "code": item.code,
            "title": item.title,
            "section": item.section,
            "max_points": item.max_points,
            "deduction": proposals[item.code].deduction,
            "veto": proposals[item.code].veto,
            "evidence": proposals[item.code].evidence,
        }
        for item in review.file.campaign.template_version.items.all()
        if item.code in proposals
    ]


@router.post("/campaign-reviews/{review_id}/submit", response=ReviewOut, summary="提交评分")
def review_submit(request, review_id: Id, payload: SubmitIn):
    user = _user(request, SCORE)
    review = selectors.get_review(user, review_id)
    scores = {
        code: services.ItemInput(deduction=s.deduction, veto=s.veto, reason=s.reason)
        for code, s in payload.scores.items()
    }
    return services.review_submit(actor=user, review=review, scores=scores)


@router.get("/campaign-templates/versions/{version_id}", response=VersionOut, summary="评查标准版本")
def template_version(request, version_id: Id):
    user = _user(request, selectors.VIEW_VERSION)
    version = selectors.get_version(user, version_id)
    return {
        **{f: getattr(version, f) for f in VersionOut.model_fields if f != "items"},
        "items": list(version.items.all()),
    }
