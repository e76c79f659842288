"""回访与满意度测评 pages: campaigns (list, new, detail with the results per agency), entering one result,
the Excel import (template download; all or nothing, errors with row numbers), closing, and the results
page every agency reads for itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core import access
from zhifa.core.exports import xlsx_download, xlsx_response
from zhifa.core.forms import refusal_messages
from zhifa.core.pagination import paginate
from zhifa.core.params import year_param

from .. import forms, selectors
from ..choices import SurveyStatus
from ..services import survey_import, surveys
from ..transitions import MANAGE_SURVEY
from .shared import form_page, records


def _percent(value) -> str:
    return "—" if value is None else f"{float(value) * 100:.2f}%"


def _score(value) -> str:
    return "—" if value is None else f"{float(value):.2f}"


def _rows(results):
    return [(r, _percent(r.satisfaction_rate), _score(r.mean_score)) for r in results]


@login_required
def survey_list(request):
    year = year_param(request)
    status = request.GET.get("status", "")
    status = status if status in SurveyStatus.values else ""
    sorting = selectors.SURVEY_SORTS.of(request)
    page = paginate(
        request, selectors.campaigns_visible_to(request.user, year=year, status=status, sort=sorting.value)
    )
    return render(
        request,
        "social/surveys.html",
        {
            "page": page,
            "year": year or "",
            "status": status,
            "filters": {"year": year or "", "status": status},
            "sorting": sorting,
            "statuses": SurveyStatus.choices,
            "can_manage": request.user.has_perm(MANAGE_SURVEY),
        },
    )


@login_required
def survey_new(request):
    if not request.user.has_perm(MANAGE_SURVEY):
        raise Http404("未找到该页面")
    form = forms.CampaignForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title="组织回访与满意度测评", back=reverse("social:survey_list"),
        call=lambda f: surveys.survey_create(actor=request.user, data=f.to_input()),
        done="测评已登记", target=lambda c: reverse("social:survey_detail", args=[c.pk]),
    )  # fmt: skip


@login_required
def survey_detail(request, pk: int):
    campaign = selectors.get_campaign(request.user, pk)
    manage = access.can(request.user, MANAGE_SURVEY, campaign) and campaign.status == SurveyStatus.OPEN
    return render(
        request,
        "social/survey.html",
        {
            "campaign": campaign,
            "results": _rows(selectors.results_visible_to(request.user, campaign=campaign.pk)),
            "page": paginate(request, selectors.responses_of(request.user, campaign)),
            "records": records(campaign),
            "can_manage": manage,
        },
    )


def _manageable(request, pk: int):
    campaign = selectors.get_campaign(request.user, pk)
    if not access.can(request.user, MANAGE_SURVEY, campaign):
        raise PermissionDenied("您无权执行此操作")
    return campaign


@login_required
def response_new(request, pk: int):
    campaign = _manageable(request, pk)
    form = forms.ResponseForm(request.POST or None, campaign=campaign)
    url = reverse("social:survey_detail", args=[campaign.pk])
    return form_page(
        request, form, title=f"录入测评结果：{campaign.title}", back=url, done="测评结果已录入",
        target=lambda _: url, call=lambda f: surveys.response_add(actor=request.user, campaign=campaign,
                                                                  data=f.to_input()),
    )  # fmt: skip


@login_required
def response_import(request, pk: int):
    campaign = _manageable(request, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = survey_import.responses_import(
                actor=request.user, campaign=campaign, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            refusal_messages(request, error, form)
        else:
            if result.ok:
                messages.success(request, f"已导入{result.created}条测评结果")
                return redirect("social:survey_detail", campaign.pk)
    return render(request, "social/import.html", {"form": form, "campaign": campaign, "result": result})


@login_required
def import_template(request):
    return xlsx_download("测评结果导入模板.xlsx", survey_import.template(), holds_data=False)


@login_required
@require_POST
def survey_close(request, pk: int):
    campaign = _manageable(request, pk)
    try:
        surveys.survey_close(actor=request.user, campaign=campaign)
    except ValidationError as error:
        refusal_messages(request, error)
    else:
        messages.success(request, "测评已结束，结果计入各机关")
    return redirect("social:survey_detail", campaign.pk)


@login_required
def results(request):
    """满意度测评结果 per agency of the closed campaigns (an agency: its own), by year."""
    year = year_param(request)
    rows = selectors.results_visible_to(request.user, year=year)
    return render(request, "social/results.html", {"rows": _rows(rows), "year": year or ""})


RESULT_HEADERS = ["机关", "评价人次", "满意", "基本满意", "不满意", "满意率", "评分人次", "平均分"]


@login_required
def results_export(request):
    year = year_param(request)
    rows = selectors.results_visible_to(request.user, year=year)
    return xlsx_response(
        "满意度测评结果.xlsx",
        RESULT_HEADERS,
        (
            [r.agency_name, r.responses, r.satisfied, r.basic, r.dissatisfied, _percent(r.satisfaction_rate),
             r.scored, _score(r.mean_score)]
            for r in rows
        ),
    )  # fmt: skip
