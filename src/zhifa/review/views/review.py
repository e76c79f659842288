"""法制审核 pages (thin: forms → services; reads through selectors). The detail page is the working
page for everyone involved: the reviewer (checklist beside the pre-check), the handling unit (answers,
resubmission, disagreement), the agency head (集体讨论 / 负责人决定) and the justice bureau (改派、预审核)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.cases import selectors as case_selectors
from zhifa.cases.models import CaseDocument, Evidence
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, query_of
from zhifa.core.models import Agency
from zhifa.core.pagination import paginate
from zhifa.core.params import year_param

from .. import opinion_document, precheck, selectors, services
from ..choices import CheckPoint, ReviewStatus
from ..forms import (
    AnswerPreReviewForm,
    DisputeForm,
    InviteForm,
    OpinionForm,
    PreReviewForm,
    ProposalForm,
    ResolveForm,
    answers_from,
)
from ..models import PoolMember, PreReview, ReviewRound
from ..transitions import MACHINE


def _filters(request) -> dict:
    return {
        "q": request.GET.get("q", "").strip(),
        "status": request.GET.get("status", ""),
        "mine": bool(request.GET.get("mine")),
    }


@login_required
def review_list(request):
    filters = _filters(request)
    sorting = selectors.REVIEW_SORTS.of(request)
    page = paginate(request, sorting.apply(selectors.reviews_visible_to(request.user, **filters)))
    today = timezone.localdate()
    rows = [(r, selectors.is_overdue(r, today)) for r in page]
    return render(
        request,
        "review/review_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "sorting": sorting,
            "query": query_of({**filters, "mine": "1" if filters["mine"] else "", "sort": sorting.value}),
            "statuses": ReviewStatus.choices,
        },
    )


EXPORT = exports.register(
    exports.ListExport(
        key="review.review_list",
        filename="法制审核.xlsx",
        columns=(
            Column("案件编号", lambda r: r.case.number),
            Column("当事人", lambda r: r.case.party_name),
            Column("办案机关", lambda r: r.case.agency.name),
            Column("状态", lambda r: r.get_status_display()),
            Column("审核人员", lambda r: str(r.reviewer or "")),
            Column("协作库指派", lambda r: "是" if r.from_pool else "否"),
            Column("审核期限", lambda r: r.due_on, "date"),
            Column("送审日期", lambda r: timezone.localtime(r.created_at).date(), "date"),
        ),
        queryset=lambda user, params: selectors.REVIEW_SORTS.parse(params.get("sort", "")).apply(
            selectors.reviews_visible_to(user, **_filters(exports.request_of(params)))
        ),
    )
)


@login_required
def review_export(request):
    return exports.respond(request, EXPORT)


def _can(user, perm, review) -> bool:
    return access.can(user, perm, review)


def _detail_context(request, review, opinion_form: OpinionForm | None = None, **extra) -> dict:
    user, case = request.user, review.case
    rounds = list(review.rounds.select_related("submitted_by", "reviewed_by").order_by("number"))
    last = rounds[-1] if rounds else None
    is_reviewer = review.reviewer_id == user.pk
    can_submit = _can(user, services.SUBMIT, review)
    # what the transition table allows in this status to this user (the opinion: the assigned reviewer)
    perms = {p for p in (services.RESOLVE, services.COORDINATE) if _can(user, p, review)}
    perms |= {services.SUBMIT} if can_submit else set()
    perms |= {services.OPINION} if is_reviewer and user.has_perm(services.OPINION) else set()
    available = MACHINE.available(review.status, perms)
    allowed = set(available)
    findings = precheck.openable_by(user, precheck.run(review, last)) if last else {}
    points = [(p, findings.get(p.value, [])) for p in CheckPoint]
    opinion_form = opinion_form or OpinionForm()
    context = {
        "review": review,
        "case": case,
        "can_open_case": access.can(user, case_selectors.VIEW, case),
        "rounds": rounds,
        "last": last,
        "points": points,
        "overdue": selectors.is_overdue(review),
        "disputes": list(review.disputes.select_related("raised_by", "resolved_by")),
        "pre_reviews": list(review.pre_reviews.select_related("justice", "answered_by")),
        "invited": list(review.invited_opinions.all()),
        "documents": list(case.documents.order_by("generated_at").only("title", "number", "kind")),
        "evidence": list(case.evidence.order_by("created_at", "id")),
        "can_opine": "opinion" in allowed,
        "can_resubmit": "resubmit" in allowed,
        "can_dispute": "dispute" in allowed,
        "can_resolve": "resolve" in allowed,
        "can_assign": "assign" in allowed,
        # each action's form has its own card: the next step's button is the page's main one (§5)
        "buttons": MACHINE.button_classes(review, available),
        "can_invite": is_reviewer or can_submit,
        "can_pre_review": case.is_complex and (is_reviewer or can_submit),
        "answerable": [
            p
            for p in review.pre_reviews.all()
            if not p.answered_at and p.justice_id == user.agency_id and user.has_perm(services.COORDINATE)
        ],
        "dispute_form": DisputeForm(),
        "resolve_form": ResolveForm(),
        "invite_form": InviteForm(),
        "pre_review_form": PreReviewForm(),
        "answer_form": AnswerPreReviewForm(),
        "candidates": _candidates(review) if "assign" in allowed else [],
        "opinion_form": opinion_form,
        "opinion_rows": opinion_form.rows(findings),
    }
    context.update(extra)
    return context


def _candidates(review):
    from .. import reviewers

    return list(reviewers.agency_reviewers(review.case)) + list(reviewers.pool_reviewers(review.case))


@login_required
def review_detail(request, pk: int):
    review = selectors.get_review(request.user, pk)
    return render(request, "review/review_detail.html", _detail_context(request, review))


@login_required
def case_review(request, case_pk: int):
    """The entry from the case page: its review, or the submission form when there is none yet."""
    case = case_selectors.get_case(request.user, case_pk)
    existing = selectors.review_of_case(request.user, case)
    if existing is not None:
        return redirect("review:review_detail", existing.pk)
    if not access.can(request.user, services.SUBMIT, case):
        raise PermissionDenied("您无权送审本案")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_submit(actor=request.user, case=case, data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"已送法制审核，审核人员：{review.reviewer}")
            return redirect("review:review_detail", review.pk)
    return render(request, "review/submit.html", {"case": case, "form": form, "title": "送法制审核"})


@login_required
def review_resubmit(request, pk: int):
    review = selectors.get_review(request.user, pk)
    last = review.rounds.order_by("-number").first()
    form = ProposalForm(request.POST or None, initial=ProposalForm.initial_from(last))
    problems = (
        [
            (CheckPoint(p), comment, request.POST.get(f"answer_{p}", ""))
            for p, comment in last.problems.items()
        ]
        if review.status == ReviewStatus.PROBLEMS
        else []
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_resubmit(
                actor=request.user, review=review, data=form.to_input(), answers=answers_from(request.POST)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "已再次送审")
            return redirect("review:review_detail", review.pk)
    return render(
        request,
        "review/submit.html",
        {
            "case": review.case,
            "review": review,
            "form": form,
            "problems": problems,
            "title": "答复审核意见并再次送审",
        },
    )


@login_required
@require_POST
def review_opinion(request, pk: int):
    review = selectors.get_review(request.user, pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.review_give_opinion(
                actor=request.user,
                review=review,
                checklist=form.checklist(),
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "审核意见已出具")
            return redirect("review:review_detail", review.pk)
    for text in form.non_field_errors():  # such as a reviewer who must withdraw: about no point
        messages.error(request, text)
    context = _detail_context(request, review, opinion_form=form, form=form)
    return render(request, "review/review_detail.html", context)


def _form_action(request, pk, form_class, call, success, key):
    """One action form of the detail page: a refusal is shown beside its field in that form (`key` of the
    detail context), the user's input kept."""
    review = selectors.get_review(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("review:review_detail", review.pk)
    for text in form.non_field_errors():  # a refusal of the state: the form may not be shown in it
        messages.error(request, text)
    return render(
        request, "review/review_detail.html", _detail_context(request, review, form=form, **{key: form})
    )


@login_required
@require_POST
def review_dispute(request, pk: int):
    return _form_action(
        request,
        pk,
        DisputeForm,
        lambda r, d: services.review_dispute(actor=request.user, review=r, reason=d["reason"]),
        "异议已提交，待集体讨论或机关负责人决定",
        "dispute_form",
    )


@login_required
@require_POST
def review_resolve(request, pk: int):
    return _form_action(
        request,
        pk,
        ResolveForm,
        lambda r, d: services.review_resolve(actor=request.user, review=r, **d),
        "处理结果已记录",
        "resolve_form",
    )


@login_required
@require_POST
def review_invite(request, pk: int):
    return _form_action(
        request,
        pk,
        InviteForm,
        lambda r, d: services.review_invite_opinion(actor=request.user, review=r, **d),
        "书面意见已登记",
        "invite_form",
    )


@login_required
@require_POST
def review_pre_review(request, pk: int):
    return _form_action(
        request,
        pk,
        PreReviewForm,
        lambda r, d: services.review_request_pre_review(actor=request.user, review=r, **d),
        "已提请司法行政机关预审核",
        "pre_review_form",
    )


@login_required
@require_POST
def pre_review_answer(request, pk: int):
    pre = get_object_or_404(PreReview, pk=pk)
    return _form_action(
        request,
        pre.review_id,
        AnswerPreReviewForm,
        lambda r, d: services.review_answer_pre_review(actor=request.user, pre_review=pre, **d),
        "预审核意见已答复",
        "answer_form",
    )


@login_required
@require_POST
def review_assign(request, pk: int):
    review = selectors.get_review(request.user, pk)
    reviewer = get_user_model().objects.filter(pk=request.POST.get("reviewer") or 0).first()
    if reviewer is None:
        raise Http404("没有该人员")
    try:
        services.review_assign(actor=request.user, review=review, reviewer=reviewer)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return render(request, "review/review_detail.html", _detail_context(request, review), status=422)
    messages.success(request, f"已改派给{reviewer}")
    return redirect("review:review_detail", review.pk)


@login_required
def opinion_file(request, pk: int, fmt: str):
    """法制审核意见书 (PDF or DOCX) of one round."""
    round = get_object_or_404(
        ReviewRound.objects.select_related("review__case__agency", "reviewed_by"), pk=pk
    )
    selectors.get_review(request.user, round.review_id)  # 404 outside what the user may see
    if not round.opinion_number:
        raise Http404("该轮尚未出具审核意见")
    content = opinion_document.render(round, fmt)
    types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    response = HttpResponse(content, content_type=types[fmt])
    name = f"法制审核意见书_{round.opinion_number}.{fmt}".replace("/", "_")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def material_evidence(request, pk: int, evidence_pk: int):
    """An evidence file of the reviewed case — also for a pool reviewer of another agency, who cannot
    open the case's own pages."""
    from zhifa.cases.evidence.views import download_response

    review = selectors.get_review(request.user, pk)
    return download_response(
        get_object_or_404(Evidence.objects.select_related("case"), pk=evidence_pk, case_id=review.case_id),
        request,
    )


@login_required
def material_document(request, pk: int, document_pk: int):
    """A document (PDF) of the reviewed case, likewise."""
    review = selectors.get_review(request.user, pk)
    document = get_object_or_404(
        CaseDocument.objects.select_related("case"), pk=document_pk, case_id=review.case_id
    )
    response = HttpResponse(document.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(document.file_stem + '.pdf')}"
    return response


@login_required
def review_stats(request):
    year = year_param(request, default=timezone.localdate().year)
    agencies = selectors.stats_agencies(request.user)
    page = paginate(request, agencies.order_by("region__path", "name"))
    stats = selectors.agency_stats(Agency.objects.filter(pk__in=[a.pk for a in page]), year)
    return render(request, "review/stats.html", {"stats": stats, "page": page, "year": year})


@login_required
def pool(request):
    """协作库 of the signed-in user's 司法局."""
    if not request.user.has_perm(services.COORDINATE) or request.user.agency is None:
        raise PermissionDenied("您无权管理法制审核协作库")
    justice = request.user.agency
    if request.method == "POST":
        user = get_user_model().objects.filter(username=request.POST.get("username", "").strip()).first()
        try:
            if user is None:
                raise ValidationError({"user": "没有该用户名的人员"})
            services.pool_add(actor=request.user, justice=justice, user=user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, f"已将{user}加入协作库")
            return redirect("review:pool")
    members = (
        PoolMember.objects.filter(justice=justice)
        .select_related("user__agency")
        .order_by("user__agency__name")
    )
    return render(request, "review/pool.html", {"justice": justice, "members": members})
