"""回访与满意度测评 (seed 002 (十八) 第三方测评): a campaign of one region for one year, the respondents'
opinions per agency (entered one by one or imported from Excel, all or nothing), and its close — only a
closed campaign's results count (selectors.satisfaction_by_agency)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zhifa.core import kit
from zhifa.core.kit import Actor
from zhifa.core.models import Agency, Region

from .. import clocks
from ..choices import Rating, RespondentKind, SurveyMethod, SurveyStatus
from ..models import SCORE_MAX, SCORE_MIN, SurveyCampaign, SurveyResponse
from ..transitions import MANAGE_SURVEY
from . import terms

CAMPAIGNS = SurveyCampaign.objects.select_related("bureau__region", "region")
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class CampaignInput:
    region: Region | None
    year: int | None
    title: str
    method: str
    conducted_by: str = ""
    bureau: Agency | None = None


@dataclass(frozen=True)
class ResponseInput:
    agency: Agency | None
    respondent_kind: str
    rating: str = ""
    score: int | None = None
    respondent: str = ""
    comment: str = ""


@transaction.atomic
def survey_create(*, actor: Actor, data: CampaignInput) -> SurveyCampaign:
    """组织测评 of a region of the bureau's (its own or one below) for a year."""
    bureau = terms.bureau(actor, data.bureau, MANAGE_SURVEY, "组织测评")
    region = data.region
    if region is None:
        kit.refuse("region", "请选择测评区域")
    if not region.path.startswith(bureau.region.path):
        kit.refuse("region", f"{region.name}不在{bureau.name}的辖区内")
    today = clocks.today()
    if data.year is None:
        kit.refuse("year", "请填写年度")
    if not EARLIEST_YEAR <= data.year <= today.year:
        kit.refuse("year", f"年度应在{EARLIEST_YEAR}年至{today.year}年之间")
    title = kit.text(data.title, "title", "名称", 200)
    method = kit.choice(data.method, SurveyMethod, "method", "方式")
    conducted_by = kit.text(data.conducted_by, "conducted_by", "实施单位", 200, required=False)
    if method == SurveyMethod.THIRD_PARTY and not conducted_by:
        kit.refuse("conducted_by", "第三方测评请填写实施单位")
    campaign = SurveyCampaign.objects.create(
        bureau=bureau, region=region, year=data.year, title=title, method=method,
        conducted_by=conducted_by, created_by=actor,
    )  # fmt: skip
    kit.record(
        campaign,
        "social_survey.create",
        actor=actor,
        payload={"status": campaign.status, "region": region.code, "year": data.year, "title": title,
                 "method": method},
    )  # fmt: skip
    return campaign


def check_response(campaign: SurveyCampaign, data: ResponseInput) -> ResponseInput:
    """One opinion's rules (shared by the entry and the import, which reports them with the row number)."""
    agency = data.agency
    if agency is None:
        kit.refuse("agency", "请选择被测评机关")
    if not agency.region.path.startswith(campaign.region.path):
        kit.refuse("agency", f"{agency.name}不在测评区域{campaign.region.name}内")
    kind = kit.choice(data.respondent_kind, RespondentKind, "respondent_kind", "受访者类别")
    if data.rating and data.rating not in Rating.values:
        kit.refuse("rating", "“满意度评价”的取值无效")
    if data.score is not None and not SCORE_MIN <= data.score <= SCORE_MAX:
        kit.refuse("score", f"评分应在{SCORE_MIN}至{SCORE_MAX}之间，不能为{data.score}")
    if not data.rating and data.score is None:
        kit.refuse("rating", "请填写满意度评价或评分（至少一项）")
    return ResponseInput(
        agency=agency,
        respondent_kind=kind,
        rating=data.rating,
        score=data.score,
        respondent=kit.text(data.respondent, "respondent", "受访者", 100, required=False),
        comment=kit.text(data.comment, "comment", "意见建议", 2000, required=False),
    )


def open_campaign(actor: Actor, campaign: SurveyCampaign) -> SurveyCampaign:
    """The campaign under lock, still taking results."""
    campaign = kit.locked(CAMPAIGNS, campaign, actor=actor, perm=MANAGE_SURVEY)
    if campaign.status != SurveyStatus.OPEN:
        kit.refuse("status", f"测评“{campaign.title}”已结束，不能再录入结果")
    return campaign


def make_responses(actor: Actor, campaign: SurveyCampaign, rows: list[ResponseInput]) -> list[SurveyResponse]:
    return SurveyResponse.objects.bulk_create(
        SurveyResponse(
            campaign=campaign,
            agency=row.agency,
            respondent_kind=row.respondent_kind,
            respondent=row.respondent,
            rating=row.rating,
            score=row.score,
            comment=row.comment,
            entered_by=actor,
        )
        for row in rows
    )


@transaction.atomic
def response_add(*, actor: Actor, campaign: SurveyCampaign, data: ResponseInput) -> SurveyResponse:
    """录入一条测评结果."""
    campaign = open_campaign(actor, campaign)
    row = check_response(campaign, data)
    (response,) = make_responses(actor, campaign, [row])
    assert row.agency is not None
    kit.record(
        campaign,
        "social_survey.response_add",
        actor=actor,
        payload={"status": campaign.status, "agency": row.agency.pk, "rating": row.rating,
                 "score": row.score, "respondent_kind": row.respondent_kind},
    )  # fmt: skip
    return response


@transaction.atomic
def survey_close(*, actor: Actor, campaign: SurveyCampaign) -> SurveyCampaign:
    """结束测评: its results then count for the agencies (and no more are entered)."""
    campaign = open_campaign(actor, campaign)
    count = campaign.responses.count()
    if not count:
        kit.refuse("status", "测评还没有任何结果，不能结束")
    campaign.closed_at = timezone.now()
    kit.move(
        campaign, SurveyStatus.CLOSED, actor=actor, action="social_survey.close", fields=("closed_at",),
        payload={"responses": count},
    )  # fmt: skip
    return campaign
