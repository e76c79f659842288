"""领导干部学法 pages: list (search by topic or lecturer, year, sort, paging, Excel), new (attendees from
the officer search picker), detail, and the report per agency for a year (Excel too)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from zhifa.core import exports
from zhifa.core.exports import Column, xlsx_response
from zhifa.core.forms import filters_of, query_of
from zhifa.core.pagination import paginate
from zhifa.core.params import year_param

from .. import forms, selectors
from ..services import leader_study
from ..transitions import MANAGE_STUDY, VIEW_STUDY
from .shared import form_page, records, this_year

FILTERS = ("q", "year")


def _studies(request):
    rows = selectors.studies_visible_to(request.user, q=request.GET.get("q", ""), year=year_param(request))
    return selectors.STUDY_SORTS.of(request).apply(rows)


@login_required
@permission_required(VIEW_STUDY, raise_exception=True)
def study_list(request):
    filters = filters_of(request, FILTERS)
    sorting = selectors.STUDY_SORTS.of(request)
    return render(
        request,
        "training/studies.html",
        {
            "page": paginate(request, _studies(request)),
            "filters": filters,
            "sorting": sorting,
            "query": query_of({**filters, "sort": sorting.value}),
            "can_create": request.user.has_perm(MANAGE_STUDY),
        },
    )


STUDY_EXPORT = exports.register(
    exports.ListExport(
        key="training.study_list",
        filename="领导干部学法.xlsx",
        columns=(
            Column("机关", lambda s: s.agency.name),
            Column("学法日期", lambda s: s.held_on, "date"),
            Column("学法主题", lambda s: s.topic),
            Column("授课人", lambda s: s.lecturer),
            Column("学时", lambda s: s.hours),
            Column("参学人数", lambda s: s.attendee_count),
        ),
        queryset=lambda user, params: _studies(exports.request_of(params, user)),
        perm=VIEW_STUDY,
    )
)


@login_required
@permission_required(VIEW_STUDY, raise_exception=True)
def study_export(request):
    _studies(request)  # a malformed year is a 400
    return exports.respond(request, STUDY_EXPORT)


@login_required
def study_new(request):
    if not request.user.has_perm(MANAGE_STUDY):
        raise Http404("未找到该页面")
    form = forms.StudyForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title="记录领导干部学法", back=reverse("training:study_list"),
        call=lambda f: leader_study.leader_study_record(actor=request.user, data=f.to_input()),
        done="领导干部学法已记录", target=lambda s: reverse("training:study_detail", args=[s.pk]),
    )  # fmt: skip


@login_required
def study_detail(request, pk: int):
    study = selectors.get_study(request.user, pk)
    return render(
        request,
        "training/study.html",
        {
            "study": study,
            "attendees": list(study.attendees.select_related("agency").order_by("name", "id")),
            "records": records(study),
        },
    )


@login_required
@permission_required(VIEW_STUDY, raise_exception=True)
def study_report(request):
    year = this_year(request)
    return render(
        request,
        "training/study_report.html",
        {"year": year, "rows": selectors.study_report(request.user, year)},
    )


@login_required
@permission_required(VIEW_STUDY, raise_exception=True)
def study_report_export(request):
    year = this_year(request)
    rows = [
        [r.agency_name, r.sessions, r.hours, r.attendances]
        for r in selectors.study_report(request.user, year)
    ]
    return xlsx_response(
        f"{year}年度领导干部学法情况.xlsx", ["机关", "学法次数", "学时合计", "参学人次"], rows
    )
