"""案卷评查 reads, scoped by core.access: supervisors see their region's campaigns and files; an agency sees
the campaigns that drew its files and its own files' results; a reviewer of another agency sees only the
files assigned to them (and, while the campaign runs, those cases' evidence, documents and 案卷)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zhifa.core import access, workbench

from ..actions.selectors import items_visible_to
from ..models import Campaign, CampaignFile, FileReview, ScoringTemplate, TemplateVersion
from . import drawing
from .choices import CampaignStatus, FileStatus, Grade, ReviewStatus
from .rules import min_files_per_agency
from .transitions import MANAGE

VIEW = "supervision.view_campaign"
VIEW_FILE = "supervision.view_campaignfile"
VIEW_TEMPLATE = "supervision.view_scoringtemplate"
VIEW_VERSION = "supervision.view_templateversion"

CAMPAIGN_SORTS = {
    "": ("-year", "-id"),
    "year": ("year", "id"),
    "title": ("title", "id"),
    "status": ("status", "-id"),
}
FILE_SORTS = {
    "": ("order",),
    "score": ("score", "order"),
    "-score": ("-score", "order"),
    "agency": ("agency__credit_code", "order"),
    "grade": ("grade", "order"),
}


def grant_reviewers_their_files() -> None:
    """The reviewer assigned to a file sees it and its campaign; while the campaign runs, the case's
    evidence, documents and 案卷 zip too (read-only: a grant never lets anyone act)."""
    from zhifa.cases.models import Case, CaseDocument, Evidence

    def reviewing(user) -> QuerySet:
        return FileReview.objects.filter(
            reviewer=user, file__campaign__status=CampaignStatus.REVIEWING
        ).values("file__case_id")

    access.grant_view(
        CampaignFile, [VIEW_FILE], lambda u: Q(pk__in=FileReview.objects.filter(reviewer=u).values("file_id"))
    )
    access.grant_view(
        Campaign,
        [VIEW],
        lambda u: (
            Q(pk__in=FileReview.objects.filter(reviewer=u).values("file__campaign_id"))
            | Q(pk__in=CampaignFile.objects.filter(agency_id=u.agency_id).values("campaign_id"))
        ),
    )
    access.grant_view(
        Case, ["cases.view_evidence", "cases.view_casedocument"], lambda u: Q(pk__in=reviewing(u))
    )
    access.grant_view(Evidence, ["cases.view_evidence"], lambda u: Q(case_id__in=reviewing(u)))
    access.grant_view(CaseDocument, ["cases.view_casedocument"], lambda u: Q(case_id__in=reviewing(u)))


# ---- campaigns --------------------------------------------------------------------------------------


def campaigns_visible_to(
    user, *, q: str = "", year: int | None = None, status: str = "", sort: str = ""
) -> QuerySet[Campaign]:
    campaigns = access.visible_to(user, Campaign.objects.select_related("agency", "template_version"), VIEW)
    if q := q.strip():
        campaigns = campaigns.filter(Q(title__icontains=q) | Q(agency__name__icontains=q))
    if year:
        campaigns = campaigns.filter(year=year)
    if status:
        campaigns = campaigns.filter(status=status)
    return campaigns.annotate(file_count=Count("files")).order_by(
        *CAMPAIGN_SORTS.get(sort, CAMPAIGN_SORTS[""])
    )


def get_campaign(user, pk) -> Campaign:
    return access.get_visible_or_404(
        user, Campaign.objects.select_related("agency__region", "template_version__template"), VIEW, pk=pk
    )


def can_manage(user, campaign: Campaign) -> bool:
    return access.can(user, MANAGE, campaign)


# ---- files ------------------------------------------------------------------------------------------


def files_visible_to(
    user,
    *,
    campaign: Campaign | None = None,
    q: str = "",
    agency: int | None = None,
    status: str = "",
    grade: str = "",
    mine: bool = False,
    sort: str = "",
) -> QuerySet[CampaignFile]:
    files = access.visible_to(
        user, CampaignFile.objects.select_related("campaign", "agency", "case"), VIEW_FILE
    )
    if campaign is not None:
        files = files.filter(campaign=campaign)
    if q := q.strip():
        files = files.filter(
            Q(case__number__icontains=q) | Q(case__party_name__icontains=q) | Q(agency__name__icontains=q)
        )
    if agency:
        files = files.filter(agency_id=agency)
    if status:
        files = files.filter(status=status)
    if grade:
        files = files.filter(grade=grade)
    if mine:
        files = files.filter(reviews__reviewer=user)
    return files.order_by(*FILE_SORTS.get(sort, FILE_SORTS[""]))


def get_file(user, pk) -> CampaignFile:
    return access.get_visible_or_404(
        user,
        CampaignFile.objects.select_related(
            "campaign__agency", "campaign__template_version", "agency", "case__field"
        ),
        VIEW_FILE,
        pk=pk,
    )


def reviews_of(file: CampaignFile) -> QuerySet[FileReview]:
    return file.reviews.select_related("reviewer__agency").order_by("id")


def get_review(user, pk) -> FileReview:
    """A reviewer's own 评分: anyone else's is a 404, whoever can see the file."""
    found = (
        FileReview.objects.select_related(
            "file__campaign__template_version",
            "file__campaign__agency",
            "file__agency",
            "file__case__field",
            "reviewer",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or (not access.is_system(user) and found.reviewer_id != user.pk):
        raise Http404("未找到该对象，或您无权查看")
    return found


# ---- results ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyResult:
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


def results_by_agency(files: QuerySet[CampaignFile]) -> list[AgencyResult]:
    """Per agency: files drawn, files graded, the average score and the count of each grade."""
    rows = (
        files.order_by()
        .values("agency_id", "agency__name", "agency__credit_code")
        .annotate(
            n=Count("id"),
            final=Count("id", filter=Q(status=FileStatus.FINAL)),
            average=Avg("score", filter=Q(status=FileStatus.FINAL)),
            excellent=Count("id", filter=Q(grade=Grade.EXCELLENT)),
            good=Count("id", filter=Q(grade=Grade.GOOD)),
            passed=Count("id", filter=Q(grade=Grade.PASS)),
            failed=Count("id", filter=Q(grade=Grade.FAIL)),
            vetoed=Count("id", filter=Q(vetoed=True)),
        )
        .order_by("agency__credit_code")
    )
    return [
        AgencyResult(
            r["agency_id"],
            r["agency__name"],
            r["n"],
            r["final"],
            Decimal(r["average"]).quantize(Decimal("0.1")) if r["average"] is not None else None,
            r["excellent"],
            r["good"],
            r["passed"],
            r["failed"],
            r["vetoed"],
        )
        for r in rows
    ]


def draw_file(campaign: Campaign) -> dict:
    """The public draw file: everything `zhifa verify-campaign-draw` needs."""
    return {
        "algorithm": drawing.ALGORITHM,
        "agency": campaign.agency.name,
        "agency_code": campaign.agency.credit_code,
        "campaign": {"id": campaign.pk, "title": campaign.title, "year": campaign.year},
        "committed_at": campaign.committed_at.isoformat() if campaign.committed_at else "",
        "drawn_at": campaign.drawn_at.isoformat() if campaign.drawn_at else "",
        "minimum_per_agency": min_files_per_agency(),
        "candidate_hash": campaign.candidate_hash,
        "seed_commitment": campaign.seed_commitment,
        "seed": campaign.seed,
        "input": campaign.input,
        "result": campaign.result,
    }


def verification(campaign: Campaign) -> list[str] | None:
    """The draw's problems when rerun (empty: verified); None before the seed is revealed."""
    if not campaign.seed:
        return None
    return drawing.verify(draw_file(campaign), min_files_per_agency())


# ---- templates --------------------------------------------------------------------------------------


def templates_visible_to(user) -> QuerySet[ScoringTemplate]:
    return access.visible_to(user, ScoringTemplate.objects.select_related("agency"), VIEW_TEMPLATE).order_by(
        "agency__name", "id"
    )


def get_version(user, pk) -> TemplateVersion:
    return access.get_visible_or_404(
        user, TemplateVersion.objects.select_related("template__agency"), VIEW_VERSION, pk=pk
    )


# ---- 工作台 ------------------------------------------------------------------------------------------


def pending(user) -> list[workbench.PendingItem]:
    """A reviewer's files to score; an organiser's disputed files waiting for a third reviewer."""
    from django.urls import reverse

    items = [
        workbench.PendingItem(
            "案卷评查",
            f"评查案卷 {r.file.case.number}（{r.file.agency.name}，{r.get_role_display()}）",
            reverse("supervision:campaign_score", args=[r.pk]),
        )
        for r in FileReview.objects.filter(
            reviewer=user, status=ReviewStatus.PENDING, file__campaign__status=CampaignStatus.REVIEWING
        ).select_related("file__case", "file__agency")[:50]
    ]
    if user.has_perm(MANAGE):
        disputed = access.visible_to(
            user, Campaign.objects.filter(status=CampaignStatus.REVIEWING), MANAGE
        ).annotate(
            disputed=Count("files", filter=Q(files__status=FileStatus.DISPUTED)),
            waiting=Count("files", filter=Q(files__status=FileStatus.ASSIGNING)),
        )
        for campaign in disputed:
            if campaign.disputed or campaign.waiting:
                items.append(
                    workbench.PendingItem(
                        "案卷评查",
                        f"{campaign.title}：{campaign.waiting}卷待分配评查人，{campaign.disputed}卷评分分歧待第三人评查",
                        reverse("supervision:campaign_detail", args=[campaign.pk]),
                        due=timezone.localdate(),
                    )
                )
    return items


def items_of_file(user, file: CampaignFile) -> QuerySet:
    """The 监督事项 opened from `file`'s findings that `user` may see."""
    return items_visible_to(user).filter(campaign_file=file)
