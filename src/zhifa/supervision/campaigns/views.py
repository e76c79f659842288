"""案卷评查 pages: campaigns (list, new, detail with its actions), the drawn files (list, detail with the
reviewers and the read-only 案卷 links), the reviewer's scoring page, the 评查标准 versions, the report and
the draw file; and the public results on the portal. Pages parse, call a service or selector, render."""

import json
from decimal import Decimal
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.accounts.models import User
from zhifa.core import access, exports
from zhifa.core.exports import Column, xlsx_download, xlsx_response
from zhifa.core.forms import apply_errors, filters_of, query_of, refusal_messages
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param, year_param

from ..actions.transitions import SUPERVISE
from ..models import Campaign, ScoringTemplate
from . import findings, report, selectors, services
from .choices import CampaignStatus, FileStatus, Grade, ReviewStatus, VersionStatus
from .forms import AssignForm, CampaignForm, CommitForm, DrawForm, ScoreForm, VersionForm
from .transitions import MACHINE, MANAGE

CAMPAIGN_SORTS = [("", "年度（新→旧）"), ("year", "年度（旧→新）"), ("title", "活动名称"), ("status", "状态")]
FILE_SORTS = [
    ("", "抽取顺序"),
    ("-score", "得分（高→低）"),
    ("score", "得分（低→高）"),
    ("agency", "办案机关"),
    ("grade", "等次"),
]


def _form_page(request, form, title: str, save, back: str = ""):
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(save(dict(form.cleaned_data)))
        except ValidationError as exc:
            apply_errors(form, exc)
    return render(
        request, "supervision/campaigns/form.html", {"form": form, "title": title, "back_url": back}
    )


# ---- campaigns --------------------------------------------------------------------------------------


def _campaigns(request):
    filters = filters_of(request, ("q", "status", "sort"))
    year = year_param(request)
    campaigns = selectors.campaigns_visible_to(
        request.user, q=filters["q"], year=year, status=filters["status"], sort=filters["sort"]
    )
    return campaigns, {**filters, "year": str(year or "")}


@login_required
@permission_required(selectors.VIEW, raise_exception=True)
def campaign_list(request):
    campaigns, filters = _campaigns(request)
    context = {
        "page": paginate(request, campaigns),
        "filters": filters,
        "query": query_of(filters),
        "statuses": CampaignStatus.choices,
        "sorts": CAMPAIGN_SORTS,
        "can_create": request.user.has_perm(MANAGE),
    }
    return render(request, "supervision/campaigns/campaign_list.html", context)


CAMPAIGN_EXPORT = exports.register(
    exports.ListExport(
        key="supervision.campaign_list",
        filename="案卷评查活动.xlsx",
        columns=(
            Column("评查年度", lambda c: c.year),
            Column("活动名称", lambda c: c.title),
            Column("组织机关", lambda c: c.agency.name),
            Column("状态", lambda c: c.get_status_display()),
            Column("抽取卷数", lambda c: c.file_count),
            Column("评查标准", lambda c: str(c.template_version)),
        ),
        queryset=lambda user, params: _campaigns(exports.request_of(params, user))[0].select_related(
            "template_version__template"
        ),
        perm=selectors.VIEW,
    )
)


@login_required
@permission_required(selectors.VIEW, raise_exception=True)
def campaign_export(request):
    _campaigns(request)  # a malformed year is a 400, as on the list
    return exports.respond(request, CAMPAIGN_EXPORT)


@login_required
@permission_required(MANAGE, raise_exception=True)
def campaign_new(request):
    form = CampaignForm(request.POST or None, user=request.user)

    def save(data) -> str:
        campaign = services.campaign_create(
            actor=request.user,
            agency=data["agency"],
            title=data["title"],
            year=data["year"],
            template_version=data["template_version"],
        )
        return reverse("supervision:campaign_detail", args=[campaign.pk])

    return _form_page(request, form, "组织案卷评查", save, reverse("supervision:campaign_list"))


@login_required
@permission_required(selectors.VIEW, raise_exception=True)
def campaign_detail(request, pk):
    campaign = selectors.get_campaign(request.user, pk)
    files = selectors.files_visible_to(request.user, campaign=campaign)
    manage = selectors.can_manage(request.user, campaign)
    offered = MACHINE.offered(campaign, {MANAGE}) if manage else []
    verification = selectors.verification(campaign)
    context = {
        "campaign": campaign,
        "version": campaign.template_version,
        "results": selectors.results_by_agency(files),
        "file_count": files.count(),
        "my_pending": files.filter(
            reviews__reviewer=request.user, reviews__status=ReviewStatus.PENDING
        ).count(),
        "status_counts": {label: files.filter(status=code).count() for code, label in FileStatus.choices},
        "can_manage": manage,
        "offered": offered,
        # (action, label, button class): the next step of the campaign's state is the main button
        "buttons": MACHINE.buttons(campaign, offered),
        "verification": verification,
        "minimum": services.min_files_per_agency(),
    }
    return render(request, "supervision/campaigns/campaign_detail.html", context)


def _managed(request, pk) -> Campaign:
    campaign = selectors.get_campaign(request.user, pk)
    access.require(request.user, MANAGE, campaign)
    return campaign


@login_required
def campaign_commit(request, pk):
    campaign = _managed(request, pk)
    form = CommitForm(request.POST or None)

    def save(data) -> str:
        services.campaign_commit(
            actor=request.user,
            campaign=campaign,
            per_agency=data["per_agency"],
            seed_commitment=data["seed_commitment"],
        )
        messages.success(request, "已公布抽取承诺：候选案卷名单的哈希值和随机种子承诺已固定")
        return reverse("supervision:campaign_detail", args=[campaign.pk])

    return _form_page(
        request,
        form,
        f"{campaign.title} · 公布抽取承诺",
        save,
        reverse("supervision:campaign_detail", args=[pk]),
    )


@login_required
def campaign_draw(request, pk):
    campaign = _managed(request, pk)
    form = DrawForm(request.POST or None)

    def save(data) -> str:
        services.campaign_draw(actor=request.user, campaign=campaign, seed=data["seed"])
        messages.success(request, "已随机抽取案卷并公开随机种子")
        return reverse("supervision:campaign_detail", args=[campaign.pk])

    return _form_page(
        request,
        form,
        f"{campaign.title} · 随机抽取案卷",
        save,
        reverse("supervision:campaign_detail", args=[pk]),
    )


ACTIONS = {
    "assign": (services.campaign_assign_auto, "已为待分配的案卷分配评查人（{}人次）"),
    "conclude": (services.campaign_conclude, "评查已结束"),
    "publish": (services.campaign_publish, "评查结果已在公示网站公布"),
}


@login_required
@require_POST
def campaign_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404("没有该操作")
    campaign = _managed(request, pk)
    service, message = ACTIONS[action]
    try:
        made = service(actor=request.user, campaign=campaign)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, message.format(made))
    return redirect("supervision:campaign_detail", pk=campaign.pk)


@login_required
@permission_required(selectors.VIEW, raise_exception=True)
def campaign_report(request, pk, fmt):
    campaign = selectors.get_campaign(request.user, pk)
    access.require(request.user, MANAGE, campaign)
    name = report.title_of(campaign)
    if fmt == "xlsx":
        return xlsx_download(f"{name}.xlsx", report.xlsx_bytes(campaign))
    response = HttpResponse(report.docx_bytes(campaign), content_type=report.DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name + '.docx')}"
    return response


def _draw_file_response(campaign: Campaign) -> HttpResponse:
    if not campaign.seed:
        raise Http404("抽取后才提供抽取文件")
    body = json.dumps(selectors.draw_file(campaign), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(campaign.title + '抽取文件.json')}"
    )
    return response


@login_required
@permission_required(selectors.VIEW, raise_exception=True)
def campaign_draw_file(request, pk):
    return _draw_file_response(selectors.get_campaign(request.user, pk))


# ---- files ------------------------------------------------------------------------------------------


def _files(request, campaign):
    filters = filters_of(request, ("q", "status", "grade", "mine", "sort"))
    agency = id_param(request, "agency")
    files = selectors.files_visible_to(
        request.user,
        campaign=campaign,
        q=filters["q"],
        agency=agency,
        status=filters["status"],
        grade=filters["grade"],
        mine=filters["mine"] == "1",
        sort=filters["sort"],
    )
    return files, {**filters, "agency": str(agency or "")}


@login_required
@permission_required(selectors.VIEW_FILE, raise_exception=True)
def campaign_files(request, pk):
    campaign = selectors.get_campaign(request.user, pk)
    files, filters = _files(request, campaign)
    context = {
        "campaign": campaign,
        "page": paginate(request, files.prefetch_related("reviews__reviewer")),
        "filters": filters,
        "query": query_of(filters),
        "statuses": FileStatus.choices,
        "grades": Grade.choices,
        "sorts": FILE_SORTS,
        "agencies": sorted(
            {(r.agency_id, r.agency_name) for r in selectors.results_by_agency(files)}, key=lambda a: a[1]
        ),
    }
    return render(request, "supervision/campaigns/file_list.html", context)


@login_required
@permission_required(selectors.VIEW_FILE, raise_exception=True)
def campaign_files_export(request, pk):
    campaign = selectors.get_campaign(request.user, pk)
    files, _filters = _files(request, campaign)
    rows = (
        (
            f.order,
            f.agency.name,
            f.case.number,
            f.case.summary,
            f.get_status_display(),
            f.score,
            f.get_grade_display(),
            "是" if f.vetoed else "否",
        )
        for f in files
    )
    return xlsx_response(f"{campaign.title}案卷.xlsx", report.FILE_HEADERS, rows)


def _case_links(user, case) -> list[tuple[str, str]]:
    links = [
        ("cases.view_case", "案件详情", "cases:case_detail"),
        ("cases.view_evidence", "证据", "cases:evidence_list"),
        ("cases.view_casedocument", "文书", "cases:case_documents"),
        ("cases.view_evidence", "下载电子案卷（ZIP）", "cases:casefile"),
    ]
    return [
        (label, reverse(name, args=[case.pk])) for perm, label, name in links if access.can(user, perm, case)
    ]


@login_required
@permission_required(selectors.VIEW_FILE, raise_exception=True)
def campaign_file(request, pk):
    file = selectors.get_file(request.user, pk)
    manage = selectors.can_manage(request.user, file.campaign)
    reviews = list(selectors.reviews_of(file).prefetch_related("items__item"))
    form = None
    if manage and file.campaign.status == CampaignStatus.REVIEWING and file.status != FileStatus.FINAL:
        form = AssignForm(
            request.POST or None, reviewers=services.eligible_reviewers(file.campaign), own=file.agency_id
        )
        if request.method == "POST" and form.is_valid():
            try:
                reviewer = User.objects.get(pk=form.cleaned_data["reviewer"])
                services.file_assign(actor=request.user, file=file, reviewer=reviewer)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已分配评查人{reviewer.real_name}")
                return redirect("supervision:campaign_file", pk=file.pk)
    concluded = file.campaign.status in (CampaignStatus.CONCLUDED, CampaignStatus.PUBLISHED)
    items = list(selectors.items_of_file(request.user, file))
    context = {
        "file": file,
        "campaign": file.campaign,
        "reviews": reviews,
        "items": items,
        "findings": findings.file_findings(file) if concluded else [],
        "can_rectify": manage and concluded and not items and request.user.has_perm(SUPERVISE),
        "case_links": _case_links(request.user, file.case),
        "form": form,
        "mine": next(
            (r for r in reviews if r.reviewer_id == request.user.pk and r.status == ReviewStatus.PENDING),
            None,
        ),
    }
    return render(request, "supervision/campaigns/file_detail.html", context)


@login_required
@require_POST
def campaign_file_rectify(request, pk):
    """评查问题转整改: one button on the file page opens the 监督事项 with the file's findings."""
    file = selectors.get_file(request.user, pk)
    try:
        item = services.file_open_item(actor=request.user, file=file)
    except ValidationError as exc:
        refusal_messages(request, exc)
        return redirect("supervision:campaign_file", pk=file.pk)
    messages.success(request, f"已立项监督事项，评查发现的{item.findings.count()}项问题已转为整改事项")
    return redirect("supervision:action_detail", item.pk)


def _score_input(form: ScoreForm) -> dict[str, services.ItemInput]:
    data, scores = form.cleaned_data, {}
    for item in form.items:
        value, reason = data.get(f"item_{item.code}"), data.get(f"reason_{item.code}", "")
        if item.is_veto:
            scores[item.code] = services.ItemInput(veto=None if not value else value == "yes", reason=reason)
        else:
            scores[item.code] = services.ItemInput(deduction=value, reason=reason)
    return scores


@login_required
@permission_required(services.SCORE, raise_exception=True)
def campaign_score(request, pk):
    review = selectors.get_review(request.user, pk)
    file = review.file
    items = list(file.campaign.template_version.items.all())
    context: dict = {"review": review, "file": file, "campaign": file.campaign}
    if review.status == ReviewStatus.SUBMITTED:
        context["scored"] = review.items.select_related("item")
        return render(request, "supervision/campaigns/score.html", context)
    proposals = services.proposals_for(review)
    form = ScoreForm(request.POST or None, items=items, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(actor=request.user, review=review, scores=_score_input(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "评分已提交")
            return redirect("supervision:campaign_file", pk=file.pk)
    context.update(form=form, proposals=proposals, case_links=_case_links(request.user, file.case))
    return render(request, "supervision/campaigns/score.html", context)


# ---- 评查标准 ----------------------------------------------------------------------------------------


@login_required
@permission_required(selectors.VIEW_TEMPLATE, raise_exception=True)
def campaign_templates(request):
    templates = selectors.templates_visible_to(request.user).prefetch_related("versions")
    return render(request, "supervision/campaigns/template_list.html", {"templates": templates})


@login_required
@permission_required(selectors.VIEW_VERSION, raise_exception=True)
def campaign_template_version(request, pk):
    version = selectors.get_version(request.user, pk)
    context = {
        "version": version,
        "items": version.items.all(),
        "can_manage": access.can(request.user, MANAGE, version.template),
        "is_draft": version.status == VersionStatus.DRAFT,
    }
    return render(request, "supervision/campaigns/template_version.html", context)


@login_required
def campaign_template_edit(request, pk):
    version = selectors.get_version(request.user, pk)
    access.require(request.user, MANAGE, version)
    items = list(version.items.all())
    initial = {
        name: getattr(version, name)
        for name in (
            "form_points",
            "content_points",
            "excellent_from",
            "good_from",
            "pass_from",
            "disagreement_points",
        )
    }
    for item in items:
        initial[f"item_{item.code}"], initial[f"unit_{item.code}"] = item.max_points, item.unit_points
    form = VersionForm(request.POST or None, initial=initial, items=items)

    def save(data) -> str:
        points = {item.code: (data[f"item_{item.code}"], data[f"unit_{item.code}"]) for item in form.items}
        services.template_version_update(
            actor=request.user,
            version=version,
            data=services.VersionInput(
                **{name: Decimal(data[name]) for name in initial if not name.startswith(("item_", "unit_"))},
                items=points,
            ),
        )
        return reverse("supervision:campaign_template_version", args=[version.pk])

    return _form_page(
        request, form, f"修改{version}", save, reverse("supervision:campaign_template_version", args=[pk])
    )


@login_required
@require_POST
def campaign_template_publish(request, pk):
    version = selectors.get_version(request.user, pk)
    try:
        services.template_version_publish(actor=request.user, version=version)
    except ValidationError as exc:
        refusal_messages(request, exc)
    else:
        messages.success(request, f"{version}已发布")
    return redirect("supervision:campaign_template_version", pk=version.pk)


@login_required
@require_POST
def campaign_template_new_version(request, pk):
    template = access.get_visible_or_404(
        request.user, ScoringTemplate.objects.all(), selectors.VIEW_TEMPLATE, pk=pk
    )
    try:
        version = services.template_version_new(actor=request.user, template=template)
    except ValidationError as exc:
        refusal_messages(request, exc)
        return redirect("supervision:campaign_templates")
    return redirect("supervision:campaign_template_version", pk=version.pk)


# ---- the portal -------------------------------------------------------------------------------------


def public_campaigns(request):
    campaigns = (
        Campaign.objects.filter(status=CampaignStatus.PUBLISHED)
        .select_related("agency")
        .order_by("-year", "-id")
    )
    return render(request, "supervision/campaigns/public_list.html", {"page": paginate(request, campaigns)})


def _published(pk) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("agency", "template_version__template"),
        pk=pk,
        status=CampaignStatus.PUBLISHED,
    )


def public_campaign(request, pk):
    campaign = _published(pk)
    context = {
        "campaign": campaign,
        "version": campaign.template_version,
        "results": selectors.results_by_agency(campaign.files.all()),
        "verification": selectors.verification(campaign),
    }
    return render(request, "supervision/campaigns/public_detail.html", context)


def public_draw_file(request, pk):
    return _draw_file_response(_published(pk))


def public_verify(request, pk):
    """The draw rerun on the server, as JSON (the same check as `zhifa verify-campaign-draw`)."""
    campaign = _published(pk)
    problems = selectors.verification(campaign) or []
    return JsonResponse(
        {"verified": not problems, "problems": problems}, json_dumps_params={"ensure_ascii": False}
    )
