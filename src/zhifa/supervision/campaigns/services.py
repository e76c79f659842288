"""案卷评查 writes: one keyword-only function per user action, each taking the actor, built on core.kit.

The organiser (执法监督人员 of the justice bureau) creates a campaign, commits the draw (the candidate list
of the region's closed files of the year and the seed commitment are fixed and published), draws (the
seed is revealed with the result), assigns two reviewers of other agencies to each file, and concludes
and publishes the results. A reviewer scores item by item against the automatic pre-scoring; the
second submission settles the file, or flags it for a third reviewer when the two disagree."""

import secrets
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from zhifa.accounts.models import User
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case
from zhifa.core import access, kit
from zhifa.core.choices import AgencyKind
from zhifa.core.kit import Actor
from zhifa.core.models import Agency

from ..actions import services as actions
from ..actions.choices import SupervisionKind, TargetKind
from ..models import (
    Campaign,
    CampaignFile,
    FileReview,
    ItemScore,
    ScoringTemplate,
    SupervisionItem,
    TemplateItem,
    TemplateVersion,
)
from . import defaults, drawing, findings, prescore, scoring
from .choices import CampaignStatus, FileStatus, ReviewRole, ReviewStatus, Section, VersionStatus
from .rules import REVIEWERS_PER_FILE, min_files_per_agency
from .transitions import MACHINE, MANAGE, SCORE

CLOSED = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)
CAMPAIGNS = Campaign.objects.select_related("agency__region", "template_version")
FILES = CampaignFile.objects.select_related(
    "campaign__agency", "campaign__template_version", "agency", "case"
)


# ---- 评查标准 ---------------------------------------------------------------------------------------


def _seed_default(agency: Agency, actor: Actor) -> TemplateVersion:
    template = ScoringTemplate.objects.create(agency=agency, name=defaults.TEMPLATE_NAME)
    # the rows of a version are written while it is a draft (a published version's rows are immutable)
    version = TemplateVersion.objects.create(template=template, number=1, **defaults.SETTINGS)
    TemplateItem.objects.bulk_create(
        [
            TemplateItem(
                version=version,
                order=order,
                code=code,
                section=section,
                title=title,
                max_points=Decimal(max_points),
                unit_points=Decimal(unit),
                precheck=check,
            )
            for order, (code, section, title, max_points, unit, check) in enumerate(defaults.ITEMS, start=1)
        ]
    )
    version.status, version.published_at = VersionStatus.PUBLISHED, timezone.now()
    version.save(update_fields=["status", "published_at"])
    kit.record(
        version,
        "campaign.template_publish",
        actor=actor,
        payload={"number": 1, "default": True},
        agency=agency,
    )
    return version


def template_in_force(agency: Agency, *, actor: Actor = None) -> TemplateVersion:
    """The bureau's latest published 评查标准 version; the default is seeded (and recorded) when it has none."""
    version = (
        TemplateVersion.objects.filter(template__agency=agency, status=VersionStatus.PUBLISHED)
        .order_by("-published_at", "-id")
        .first()
    )
    return version or _seed_default(agency, actor)


@transaction.atomic
def template_version_new(*, actor: Actor, template: ScoringTemplate) -> TemplateVersion:
    """A new draft version of a 评查标准, copied from its latest version (published ones never change)."""
    template = kit.locked(ScoringTemplate, template, actor=actor, perm=MANAGE)
    if template.versions.filter(status=VersionStatus.DRAFT).exists():
        kit.refuse("template", "该评查标准已有草稿版本，请先修改并发布草稿")
    latest = template.versions.order_by("-number").first()
    assert latest is not None  # a template is created with its first version
    items = list(latest.items.all())
    latest.pk, latest.number, latest.status, latest.published_at = (
        None,
        latest.number + 1,
        VersionStatus.DRAFT,
        None,
    )
    latest._state.adding = True
    latest.save()
    for item in items:
        item.pk, item.version = None, latest
        item._state.adding = True
    TemplateItem.objects.bulk_create(items)
    kit.record(
        latest,
        "campaign.template_draft",
        actor=actor,
        payload={"number": latest.number},
        agency=template.agency,
    )
    return latest


@dataclass(frozen=True)
class VersionInput:
    form_points: Decimal
    content_points: Decimal
    excellent_from: Decimal
    good_from: Decimal
    pass_from: Decimal
    disagreement_points: Decimal
    items: dict[str, tuple[Decimal, Decimal]]  # code → (max points, points per defect)


@transaction.atomic
def template_version_update(*, actor: Actor, version: TemplateVersion, data: VersionInput) -> TemplateVersion:
    """修改草稿: section points, grade cut-offs, disagreement threshold, each item's points."""
    version = kit.locked(
        TemplateVersion.objects.select_related("template__agency"), version, actor=actor, perm=MANAGE
    )
    if version.status != VersionStatus.DRAFT:
        kit.refuse("status", f"第{version.number}版已发布，不能修改；请新建版本")
    if data.form_points + data.content_points != scoring.FULL:
        kit.refuse("form_points", "形式评查与内容评查分值之和应为100分")
    if not Decimal(0) < data.pass_from < data.good_from < data.excellent_from <= scoring.FULL:
        kit.refuse("excellent_from", "分数线应为：0 < 合格 < 良好 < 优秀 ≤ 100")
    if not Decimal(0) <= data.disagreement_points <= scoring.FULL:
        kit.refuse("disagreement_points", "分歧分差应在0至100分之间")
    section_points = {
        Section.FORM: data.form_points,
        Section.CONTENT: data.content_points,
        Section.VETO: Decimal(0),
    }
    items = list(version.items.all())
    for item in items:
        if item.code not in data.items:
            continue
        max_points, unit = data.items[item.code]
        cap = section_points[item.section]
        if not Decimal(0) <= max_points <= cap or not Decimal(0) <= unit <= max_points:
            kit.refuse(
                f"item_{item.code}",
                f"{item.code} {item.title}：最高扣分应在0至{cap}分之间，每处扣分不超过最高扣分",
            )
        item.max_points, item.unit_points = max_points, unit
    for name in (
        "form_points",
        "content_points",
        "excellent_from",
        "good_from",
        "pass_from",
        "disagreement_points",
    ):
        setattr(version, name, getattr(data, name))
    version.save()
    TemplateItem.objects.bulk_update(items, ["max_points", "unit_points"])
    kit.record(
        version,
        "campaign.template_edit",
        actor=actor,
        payload={"number": version.number},
        agency=version.template.agency,
    )
    return version


@transaction.atomic
def template_version_publish(*, actor: Actor, version: TemplateVersion) -> TemplateVersion:
    version = kit.locked(
        TemplateVersion.objects.select_related("template__agency"), version, actor=actor, perm=MANAGE
    )
    if version.status != VersionStatus.DRAFT:
        kit.refuse("status", f"第{version.number}版已发布")
    version.status, version.published_at = VersionStatus.PUBLISHED, timezone.now()
    version.save(update_fields=["status", "published_at"])
    kit.record(
        version,
        "campaign.template_publish",
        actor=actor,
        payload={"number": version.number},
        agency=version.template.agency,
    )
    return version


# ---- the campaign -----------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *, actor: Actor, agency: Agency, title: str, year: int, template_version: TemplateVersion | None = None
) -> Campaign:
    """组织评查活动: a justice bureau over its region, for a year, under a published 评查标准."""
    access.require_for_agency(actor, MANAGE, agency, "您无权为该机关组织案卷评查")
    if agency.kind != AgencyKind.JUSTICE:
        kit.refuse("agency", f"{agency.name}不是司法行政机关，不能组织案卷评查")
    if not title.strip():
        kit.refuse("title", "请填写活动名称")
    if template_version is None:
        template_version = template_in_force(agency, actor=actor)
    elif template_version.template.agency_id != agency.pk or not template_version.is_published:
        kit.refuse("template_version", "请选择本机关已发布的评查标准版本")
    campaign = Campaign.objects.create(
        agency=agency,
        title=title.strip(),
        year=year,
        template_version=template_version,
        created_by=actor,
    )
    kit.record(
        campaign,
        "campaign.create",
        actor=actor,
        payload={"title": campaign.title, "year": year, "template_version": template_version.pk},
    )
    return campaign


def candidates(campaign: Campaign, per_agency: int) -> dict:
    """The draw input: every agency of the bureau's region with closed files decided in the year, each
    with its case numbers ascending (a case without a number is named "#<id>")."""
    by_agency: dict[str, list[str]] = defaultdict(list)
    cases = Case.objects.filter(
        agency__region__path__startswith=campaign.agency.region.path,
        status__in=CLOSED,
        decision__decided_on__year=campaign.year,
    )
    for code, number, pk in cases.values_list("agency__credit_code", "number", "pk").iterator(
        chunk_size=20000
    ):
        by_agency[code].append(number or f"#{pk}")
    agencies = [{"agency": code, "cases": sorted(by_agency[code])} for code in sorted(by_agency)]
    return {"year": campaign.year, "per_agency": per_agency, "agencies": agencies}


@transaction.atomic
def campaign_commit(
    *, actor: Actor, campaign: Campaign, per_agency: int, seed_commitment: str = ""
) -> Campaign:
    """公布抽取承诺: fix the candidate files and publish their hash and the seed commitment. A draw below the
    minimum per agency is refused. The bureau may hold its own seed and give its SHA-256 here."""
    campaign = kit.locked(CAMPAIGNS, campaign, actor=actor, perm=MANAGE)
    MACHINE.require(campaign, "commit")
    minimum = min_files_per_agency()
    if per_agency < minimum:
        kit.refuse(
            "per_agency",
            f"每个机关至少抽取{minimum}卷（不足{minimum}卷的全部抽取），不能只抽取{per_agency}卷",
        )
    seed_commitment = seed_commitment.strip().lower()
    if seed_commitment and (len(seed_commitment) != 64 or set(seed_commitment) - set("0123456789abcdef")):
        kit.refuse("seed_commitment", "种子承诺应为随机种子的SHA-256值（64位十六进制）")
    data = candidates(campaign, per_agency)
    try:
        drawing.check_input(data, minimum)
    except drawing.DrawError as exc:
        kit.refuse("per_agency", str(exc))
    sealed = "" if seed_commitment else secrets.token_hex(32)
    campaign.per_agency, campaign.input, campaign.candidate_hash = per_agency, data, drawing.digest(data)
    campaign.seed_commitment = seed_commitment or drawing.seed_commitment(sealed)
    campaign.sealed_seed, campaign.committed_at = sealed, timezone.now()
    MACHINE.move(
        campaign,
        "commit",
        actor=actor,
        fields=("per_agency", "input", "candidate_hash", "seed_commitment", "sealed_seed", "committed_at"),
        payload={
            "per_agency": per_agency,
            "candidates": sum(len(a["cases"]) for a in data["agencies"]),
            "candidate_hash": campaign.candidate_hash,
            "seed_commitment": campaign.seed_commitment,
        },
    )
    return campaign


@transaction.atomic
def campaign_draw(*, actor: Actor, campaign: Campaign, seed: str = "") -> Campaign:
    """随机抽取: with the seed matching the commitment; the seed is revealed with the result, and every
    drawn file is added to the campaign."""
    campaign = kit.locked(CAMPAIGNS, campaign, actor=actor, perm=MANAGE)
    MACHINE.require(campaign, "draw")
    seed = (seed or campaign.sealed_seed).strip().lower()
    if not seed:
        kit.refuse("seed", "请提供随机种子（其SHA-256须与公布的种子承诺一致）")
    if drawing.seed_commitment(seed) != campaign.seed_commitment:
        kit.refuse("seed", "随机种子与抽取前公布的种子承诺不一致，不能抽取")
    try:
        result = drawing.run(seed, campaign.input or {})
    except drawing.DrawError as exc:
        kit.refuse("seed", str(exc))
    _add_files(campaign, result)
    campaign.result, campaign.seed, campaign.sealed_seed, campaign.drawn_at = (
        result,
        seed,
        seed,
        timezone.now(),
    )
    MACHINE.move(
        campaign,
        "draw",
        actor=actor,
        fields=("result", "seed", "sealed_seed", "drawn_at"),
        payload={"files": sum(len(numbers) for numbers in result.values()), "seed": seed},
    )
    return campaign


def _add_files(campaign: Campaign, result: dict[str, list[str]]) -> None:
    agencies = dict(Agency.objects.filter(credit_code__in=result).values_list("credit_code", "pk"))
    rows, order = [], 0
    for code, numbers in result.items():
        by_number: dict[str, int] = {}
        numbered = [n for n in numbers if not n.startswith("#")]
        for pk, number in Case.objects.filter(agency_id=agencies[code], number__in=numbered).values_list(
            "pk", "number"
        ):
            by_number[number] = pk
        by_number.update({n: int(n[1:]) for n in numbers if n.startswith("#")})
        for number in numbers:
            order += 1
            rows.append(
                CampaignFile(
                    campaign=campaign, case_id=by_number[number], agency_id=agencies[code], order=order
                )
            )
    CampaignFile.objects.bulk_create(rows, batch_size=1000)


# ---- 交叉评查 ---------------------------------------------------------------------------------------


def eligible_reviewers(campaign: Campaign):
    """Who may be assigned: active users of the bureau's region holding the 评查打分 permission."""
    users = (
        User.objects.filter(is_active=True, agency__region__path__startswith=campaign.agency.region.path)
        .select_related("agency")
        .prefetch_related("roles")
    )
    return [u for u in users.order_by("agency__credit_code", "pk") if u.has_perm(SCORE)]


def _next_role(file: CampaignFile) -> str:
    count = file.reviews.count()
    if count < REVIEWERS_PER_FILE:
        return [ReviewRole.FIRST, ReviewRole.SECOND][count]
    if file.status == FileStatus.DISPUTED and count == REVIEWERS_PER_FILE:
        return ReviewRole.THIRD
    if file.status == FileStatus.DISPUTED:
        kit.refuse("reviewer", "该案卷已有第三评查人")
    kit.refuse("reviewer", f"该案卷已有{REVIEWERS_PER_FILE}名评查人，仅在两人评分分歧时增加第三评查人")


def _assign(actor: Actor, file: CampaignFile, reviewer: User, pool: list[User] | None = None) -> FileReview:
    if reviewer.agency_id == file.agency_id:
        kit.refuse(
            "reviewer", f"{reviewer.real_name}是{file.agency.name}的人员，交叉评查不得评查本机关的案卷"
        )
    if reviewer not in (pool if pool is not None else eligible_reviewers(file.campaign)):
        kit.refuse("reviewer", f"{reviewer.real_name}不是本辖区具有评查权限的人员")
    if file.reviews.filter(reviewer=reviewer).exists():
        kit.refuse("reviewer", f"{reviewer.real_name}已是该案卷的评查人")
    if file.status == FileStatus.FINAL:
        kit.refuse("reviewer", "该案卷已评定")
    role = _next_role(file)
    review = FileReview.objects.create(file=file, reviewer=reviewer, role=role)
    if role == ReviewRole.SECOND:
        file.status = FileStatus.REVIEWING
        file.save(update_fields=["status"])
    kit.record(
        file,
        "campaign.assign",
        actor=actor,
        payload={
            "reviewer": reviewer.pk,
            "reviewer_name": reviewer.real_name,
            "role": role,
            "case": file.case_id,
        },
        agency=file.campaign.agency,
    )
    return review


@transaction.atomic
def file_assign(*, actor: Actor, file: CampaignFile, reviewer: User) -> FileReview:
    """分配评查人: never of the file's own agency; two per file, a third only for a disputed file."""
    file = kit.locked(FILES, file, actor=actor)
    kit.require(actor, MANAGE, file.campaign)
    MACHINE.require(file.campaign, "assign")
    return _assign(actor, file, reviewer)


@transaction.atomic
def campaign_assign_auto(*, actor: Actor, campaign: Campaign) -> int:
    """自动分配: every file still short of reviewers gets the least-loaded eligible reviewers of other
    agencies (ties by agency code, then account). Returns how many assignments were made."""
    campaign = kit.locked(CAMPAIGNS, campaign, actor=actor, perm=MANAGE)
    MACHINE.require(campaign, "assign")
    pool = eligible_reviewers(campaign)
    if not pool:
        kit.refuse("reviewer", "辖区内没有具有评查权限的人员")
    load = dict(
        FileReview.objects.filter(file__campaign=campaign, status=ReviewStatus.PENDING)
        .values("reviewer")
        .annotate(n=Count("id"))
        .values_list("reviewer", "n")
    )
    made = 0
    files = (
        FILES.filter(campaign=campaign)
        .filter(Q(status=FileStatus.ASSIGNING) | Q(status=FileStatus.DISPUTED))
        .annotate(n=Count("reviews"))
    )
    for file in files.order_by("order"):
        wanted = REVIEWERS_PER_FILE - file.n if file.status == FileStatus.ASSIGNING else 3 - file.n
        taken = set(file.reviews.values_list("reviewer_id", flat=True))
        choices = sorted(
            (u for u in pool if u.agency_id != file.agency_id and u.pk not in taken),
            key=lambda u: (load.get(u.pk, 0), u.agency.credit_code, u.pk),
        )
        for reviewer in choices[:wanted]:
            file.campaign = campaign
            _assign(actor, file, reviewer, pool)
            load[reviewer.pk] = load.get(reviewer.pk, 0) + 1
            made += 1
    if not made:
        kit.refuse("reviewer", "没有需要分配评查人的案卷，或没有其他机关的评查人员可分配")
    return made


@dataclass(frozen=True)
class ItemInput:
    deduction: Decimal | None = None  # None: the pre-scoring's proposal
    veto: bool | None = None
    reason: str = ""


def _locked_review(actor: Actor, review: FileReview) -> FileReview:
    review = kit.locked(
        FileReview.objects.select_related(
            "file__campaign__agency",
            "file__campaign__template_version",
            "file__agency",
            "file__case",
            "reviewer",
        ),
        review,
        actor=actor,
    )
    if not access.is_system(actor):
        if review.reviewer_id != actor.pk:
            raise Http404("未找到该对象，或您无权查看")
        if not actor.has_perm(SCORE):
            raise PermissionDenied("您无权评查打分")
    return review


def proposals_for(review: FileReview) -> dict[str, prescore.Proposal]:
    return prescore.propose(review.file.campaign.template_version.items.all(), review.file.case)


@transaction.atomic
def review_submit(*, actor: Actor, review: FileReview, scores: dict[str, ItemInput]) -> FileReview:
    """提交评分: each item's deduction within its range (veto items: yes or no); where it departs from the
    automatic pre-scoring, the reviewer's reason. The second submission settles the file or flags it."""
    review = _locked_review(actor, review)
    file, campaign = review.file, review.file.campaign
    if review.reviewer.agency_id == file.agency_id:
        kit.refuse(
            "reviewer", f"{review.reviewer.real_name}是{file.agency.name}的人员，交叉评查不得评查本机关的案卷"
        )
    if review.status != ReviewStatus.PENDING:
        kit.refuse("status", "该评分已提交，不能重复提交")
    if campaign.status != CampaignStatus.REVIEWING:
        kit.refuse("status", f"评查活动当前为“{campaign.get_status_display()}”，不能评分")
    version = campaign.template_version
    items = list(version.items.all())
    unknown = set(scores) - {item.code for item in items}
    if unknown:
        kit.refuse("items", f"评查标准第{version.number}版没有项目：{'、'.join(sorted(unknown))}")
    proposals = prescore.propose(items, file.case)
    rows, deductions, vetoed = [], [], False
    for item in items:
        given, proposal = scores.get(item.code, ItemInput()), proposals.get(item.code)
        proposed = proposal.deduction if proposal and not item.is_veto else None
        proposed_veto = bool(proposal and proposal.veto)
        if item.is_veto:
            veto = proposed_veto if given.veto is None else given.veto
            deduction, departs = Decimal(0), proposal is not None and veto != proposed_veto
        else:
            veto = False
            deduction = given.deduction if given.deduction is not None else (proposed or Decimal(0))
            if not Decimal(0) <= deduction <= item.max_points:
                kit.refuse(
                    f"item_{item.code}",
                    f"{item.code} {item.title}：扣分应在0至{item.max_points}分之间，填写的是{deduction}分",
                )
            departs = proposed is not None and deduction != proposed
        if departs and not given.reason.strip():
            kit.refuse(f"reason_{item.code}", f"{item.code} {item.title}：与自动预评不一致，请说明理由")
        vetoed = vetoed or veto
        deductions.append((item.section, deduction))
        rows.append(
            ItemScore(
                review=review,
                item=item,
                deduction=deduction,
                vetoed=veto,
                proposed=proposed,
                proposed_veto=proposed_veto,
                evidence=proposal.evidence if proposal else [],
                reason=given.reason.strip(),
            )
        )
    cutoffs = scoring.Cutoffs.of(version)
    result = scoring.outcome(deductions, vetoed, cutoffs)
    ItemScore.objects.bulk_create(rows)
    review.status, review.score, review.grade, review.vetoed = (
        ReviewStatus.SUBMITTED,
        result.score,
        result.grade,
        result.vetoed,
    )
    review.submitted_at = timezone.now()
    review.save(update_fields=["status", "score", "grade", "vetoed", "submitted_at"])
    kit.record(
        file,
        "campaign.score",
        actor=actor,
        payload={
            "role": review.role,
            "score": result.score,
            "grade": result.grade,
            "vetoed": result.vetoed,
            "case": file.case_id,
        },
        agency=campaign.agency,
    )
    _settle(actor, file, cutoffs)
    return review


def _outcome(review: FileReview) -> scoring.Outcome:
    assert review.score is not None
    return scoring.Outcome(review.score, review.grade, review.vetoed)


def _settle(actor: Actor, file: CampaignFile, cutoffs: scoring.Cutoffs) -> None:
    submitted = {r.role: r for r in file.reviews.filter(status=ReviewStatus.SUBMITTED)}
    if ReviewRole.THIRD in submitted:
        final = _outcome(submitted[ReviewRole.THIRD])
    elif ReviewRole.FIRST in submitted and ReviewRole.SECOND in submitted:
        first, second = _outcome(submitted[ReviewRole.FIRST]), _outcome(submitted[ReviewRole.SECOND])
        if scoring.disagree(first, second, cutoffs):
            file.status = FileStatus.DISPUTED
            file.save(update_fields=["status"])
            kit.record(
                file,
                "campaign.dispute",
                actor=actor,
                payload={"scores": [first.score, second.score], "threshold": cutoffs.disagreement_points},
                agency=file.campaign.agency,
            )
            return
        final = scoring.agreed(first, second, cutoffs)
    else:
        return
    file.status, file.score, file.grade, file.vetoed = (
        FileStatus.FINAL,
        final.score,
        final.grade,
        final.vetoed,
    )
    file.save(update_fields=["status", "score", "grade", "vetoed"])
    kit.record(
        file,
        "campaign.file_final",
        actor=actor,
        payload={"score": final.score, "grade": final.grade, "vetoed": final.vetoed, "case": file.case_id},
        agency=file.campaign.agency,
    )


@transaction.atomic
def campaign_conclude(*, actor: Actor, campaign: Campaign) -> Campaign:
    """结束评查: when every drawn file has its final grade."""
    campaign = kit.locked(CAMPAIGNS, campaign, actor=actor, perm=MANAGE)
    MACHINE.require(campaign, "conclude")
    open_files = campaign.files.exclude(status=FileStatus.FINAL).count()
    if open_files:
        kit.refuse("status", f"尚有{open_files}卷未评定，不能结束评查")
    campaign.concluded_at = timezone.now()
    MACHINE.move(
        campaign, "conclude", actor=actor, fields=("concluded_at",), payload={"files": campaign.files.count()}
    )
    return campaign


@transaction.atomic
def campaign_publish(*, actor: Actor, campaign: Campaign) -> Campaign:
    """公布评查结果: the per-agency summary and the draw file go on the portal (seed 000 §19)."""
    campaign = kit.locked(CAMPAIGNS, campaign, actor=actor, perm=MANAGE)
    MACHINE.require(campaign, "publish")
    campaign.published_at = timezone.now()
    MACHINE.move(campaign, "publish", actor=actor, fields=("published_at",))
    return campaign


# ---- findings become rectification items ------------------------------------------------------------


@transaction.atomic
def file_open_item(*, actor: Actor, file: CampaignFile) -> SupervisionItem:
    """评查问题转整改: from a graded file of a concluded campaign, one 监督事项 of the file's agency about its
    case, carrying the deductions and vetoes (with the pre-scoring's evidence and the reviewers' reasons)
    over as the item's findings, each linked to the case. Refused when the file has no finding."""
    file = kit.locked(FILES, file, actor=actor)
    kit.require(actor, MANAGE, file.campaign)
    campaign = file.campaign
    if campaign.status not in (CampaignStatus.CONCLUDED, CampaignStatus.PUBLISHED):
        kit.refuse(
            "status",
            f"评查结束后才能将评查发现的问题转为监督事项（活动当前为“{campaign.get_status_display()}”）",
        )
    existing = file.supervision_items.first()
    if existing is not None:
        kit.refuse("file", f"该案卷已立项监督事项（{existing.title}），请在该事项中处理")
    found = findings.file_findings(file)
    number = file.case.number or f"#{file.case_id}"
    if not found:
        kit.refuse(
            "file",
            f"案卷{number}评查未发现问题（{file.score}分，{file.get_grade_display()}，无扣分和否决项），"
            "无需立项整改",
        )
    item = actions.item_open(
        actor=actor,
        data=actions.OpenInput(
            kind=SupervisionKind.ROUTINE,
            target_kind=TargetKind.CASE,
            case=file.case,
            title=f"{campaign.title}：案卷{number}评查问题整改",
            reason=(
                f"{campaign.title}评查结果：{file.score}分，{file.get_grade_display()}"
                f"{'（触发否决项）' if file.vetoed else ''}，发现问题{len(found)}项"
            ),
            campaign_file=file,
            source=file,
        ),
    )[0]
    for finding in found:
        actions.finding_add(actor=actor, item=item, text=finding.text, case_ids=[file.case_id])
    return item
