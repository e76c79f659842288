"""行刑衔接 and referral pages (thin: forms → services; reads through selectors)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.cases.models import Case
from zhifa.core import access
from zhifa.core.forms import filters_of, query_of
from zhifa.core.pagination import paginate

from ..notices.forms import EmptyForm
from ..notices.pages import back_to, form_page, records_of
from . import forms, selectors, services
from .choices import ReferralKind, ReferralStatus
from .transitions import HANDLE, MACHINE, is_overdue, offered


@login_required
def referral_list(request):
    raw = filters_of(request, ("q", "kind", "status", "sort"))
    parsed = selectors.ReferralFilters(
        q=raw["q"],
        kind=raw["kind"] if raw["kind"] in ReferralKind.values else "",
        status=raw["status"] if raw["status"] in ReferralStatus.values else "",
        sort=selectors.REFERRAL_SORTS.parse(raw["sort"]).value,
    )
    page = paginate(request, selectors.referrals_visible_to(request.user, parsed))
    return render(request, "collaboration/referrals/list.html", {
        "page": page, "rows": [(r, is_overdue(r)) for r in page], "filters": raw,
        "query": query_of({**raw, "sort": parsed.sort}), "sorting": selectors.REFERRAL_SORTS.parse(parsed.sort),
        "kinds": ReferralKind.choices, "statuses": ReferralStatus.choices,
        "can_report": request.user.has_perm(HANDLE),
    })  # fmt: skip


@login_required
def referral_new(request):
    """报请移送 (涉嫌犯罪 → 公安机关; 问题线索 → 纪检监察), from the case page's card or the list."""
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    initial = (
        {"case": request.GET["case"], "kind": ReferralKind.CRIMINAL}
        if request.GET.get("case", "").isdigit()
        else None
    )
    form = forms.ReportForm(request.POST or None, initial=initial, user=request.user, perm=HANDLE)

    def call(data):
        agency = data.pop("agency") or request.user.agency
        return services.referral_report(actor=request.user, agency=agency, data=services.ReportInput(**data))

    return form_page(request, form, call, done="已报请机关负责人审批", title="报请移送",
                     back=reverse("collaboration:referral_list"),
                     redirect_to=lambda r: redirect("collaboration:referral_detail", r.pk),
                     extra={"hint": "机关负责人应当自接到报告之日起3日内作出批准移送或者不批准移送的决定；批准的，应当在24小时内移送。"})  # fmt: skip


@login_required
def referral_receive(request):
    """接收反向移送 (公安机关、人民检察院移送的案件)."""
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    form = forms.ReceiveForm(request.POST or None, user=request.user, perm=HANDLE)

    def call(data):
        agency = data.pop("agency") or request.user.agency
        return services.referral_receive(
            actor=request.user, agency=agency, data=services.ReceiveInput(**data)
        )

    return form_page(request, form, call, done="已接收移送", title="接收反向移送",
                     back=reverse("collaboration:referral_list"),
                     redirect_to=lambda r: redirect("collaboration:referral_detail", r.pk))  # fmt: skip


@login_required
def court_apply(request, case_pk: int):
    """申请人民法院强制执行 of one case's penalty."""
    case = access.get_visible_or_404(
        request.user, Case.objects.select_related("agency"), "cases.view_case", pk=case_pk
    )
    if not access.can(request.user, "cases.handle_case", case):
        raise PermissionDenied("您无权执行此操作")
    form = forms.CourtForm(request.POST or None)
    return form_page(request, form, lambda d: services.court_apply(actor=request.user, case=case,
                     data=services.CourtInput(**d)), done="已申请人民法院强制执行", title="申请人民法院强制执行",
                     back=reverse("cases:case_detail", args=[case.pk]),
                     redirect_to=lambda r: redirect("collaboration:referral_detail", r.pk),
                     extra={"subject_line": f"案件{case.number}（{case.party_name}）",
                            "hint": "复议、诉讼期限（决定书送达之日起六个月）届满之日起三个月内申请；申请前应当催告，催告书送达十日后当事人仍未履行的方可申请（行政强制法 第五十三条、第五十四条）。"})  # fmt: skip


@login_required
def referral_detail(request, pk: int):
    referral = selectors.get_referral(request.user, pk)
    return render(request, "collaboration/referrals/detail.html", {
        "referral": referral, "overdue": is_overdue(referral), "records": records_of(referral),
        "offered": [(a, MACHINE.first(a).label) for a in offered(request.user, referral)],
        "can_open_case": referral.case is not None and access.can(request.user, "cases.view_case", referral.case),
    })  # fmt: skip


STEPS = {
    "approve": (EmptyForm, lambda u, r, d: services.referral_approve(actor=u, referral=r)),
    "reject": (forms.ReasonForm, lambda u, r, d: services.referral_reject(actor=u, referral=r, **d)),
    "transfer": (EmptyForm, lambda u, r, d: services.referral_transfer(actor=u, referral=r)),
    "accept": (forms.AcceptForm, lambda u, r, d: services.referral_accept(actor=u, referral=r, **d)),
    "not-file": (forms.OutcomeForm, lambda u, r, d: services.referral_not_file(actor=u, referral=r, **d)),
    "return": (forms.OutcomeForm, lambda u, r, d: services.referral_return(actor=u, referral=r, **d)),
    "conclude": (forms.ConcludeForm, lambda u, r, d: services.referral_conclude(actor=u, referral=r, **d)),
}


@login_required
def referral_step(request, pk: int, action: str):
    referral = selectors.get_referral(request.user, pk)
    if action not in STEPS:
        raise Http404("没有该操作")
    if action not in offered(request.user, referral) and (
        request.method == "GET" or not access.can(request.user, MACHINE.first(action).perm, referral)
    ):
        raise PermissionDenied("您无权执行此操作")
    form_class, service = STEPS[action]
    label = MACHINE.first(action).label
    return form_page(request, form_class(request.POST or None), lambda d: service(request.user, referral, d),
                     done=f"已{label}", title=label, back=reverse("collaboration:referral_detail", args=[pk]),
                     redirect_to=back_to("collaboration:referral_detail", pk),
                     extra={"subject_line": f"{referral.get_kind_display()}：{referral.organ}"})  # fmt: skip
