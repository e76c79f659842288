"""领导干部学法 pages: list (search by topic or lecturer, year, sort, paging, Excel), new (attendees from
the officer search picker), detail, 更正 and 删除 (each with its reason), and the report per agency for a
year (Excel too)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from zhifa.core import access, exports
from zhifa.core.exports import Column, xlsx_response
from zhifa.core.forms import list_context, submit
from zhifa.core.params import year_param

from .. import forms, selectors
from ..services import leader_study
from ..transitions import MANAGE_STUDY, VIEW_STUDY
from .shared import form_page, managed, records, this_year

FILTERS = ("q", "year")


def _studies(request):
    rows = selectors.studies_visible_to(request.user, q=request.GET.get("q", ""), year=year_param(request))
    return selectors.STUDY_SORTS.of(request).apply(rows)


@login_required
@permission_required(VIEW_STUDY, raise_exception=True)
def study_list(request):
    context = list_context(request, _studies(request), keys=FILTERS, sorts=selectors.STUDY_SORTS)
    return render(
        request, "training/studies.html", {**context, "can_create": request.user.has_perm(MANAGE_STUDY)}
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
    return exports.respond(request, STUDY_EXPORT)  # a malformed year is a 400 before the file starts


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
            "can_manage": access.can(request.user, MANAGE_STUDY, study),
        },
    )


def _managed(request, pk: int):
    return managed(request, selectors.get_study, pk, MANAGE_STUDY, "您无权更正或删除该领导干部学法记录")


@login_required
def study_correct(request, pk: int):
    study = _managed(request, pk)
    initial = {
        "held_on": study.held_on, "topic": study.topic, "hours": study.hours, "lecturer": study.lecturer,
        "attendees": list(study.attendees.values_list("pk", flat=True)),
    }  # fmt: skip
    form = forms.StudyCorrectionForm(request.POST or None, initial=initial, user=request.user, study=study)
    url = reverse("training:study_detail", args=[study.pk])
    return form_page(
        request, form, title="更正领导干部学法", back=url,
        call=lambda f: leader_study.leader_study_correct(
            actor=request.user, study=study, data=f.to_input(), reason=f.cleaned_data["correction_reason"]
        ),
        done="领导干部学法已更正", target=lambda s: url,
    )  # fmt: skip


@login_required
def study_delete(request, pk: int):
    """GET asks for confirmation and the reason; POST deletes."""
    study = _managed(request, pk)
    form = forms.StudyDeleteForm(request.POST or None)
    saved = submit(
        request, form,
        lambda d: leader_study.leader_study_delete(actor=request.user, study=study, reason=d["reason"]),
        done=f"已删除领导干部学法：{study.held_on:%Y-%m-%d} {study.topic}", then="training:study_list",
    )  # fmt: skip
    if saved:
        return saved
    context = {"study": study, "form": form, "attendee_count": study.attendees.count()}
    return render(request, "training/study_delete.html", context)


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
