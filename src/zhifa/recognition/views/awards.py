"""表彰奖励 pages: list (search, filters, sort, paging, Excel), new, detail and 更正."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import list_context, submit
from zhifa.core.models import Record
from zhifa.core.params import id_param, year_param

from .. import forms, selectors, services
from ..choices import AwardeeKind, AwardKind, AwardLevel

FILTERS = ("q", "awardee_kind", "kind", "level", "year")


def _awards(request):
    rows = selectors.awards_visible_to(
        request.user,
        q=request.GET.get("q", ""),
        awardee_kind=request.GET.get("awardee_kind", ""),
        kind=request.GET.get("kind", ""),
        level=request.GET.get("level", ""),
        year=year_param(request),
        agency_id=id_param(request, "agency"),
    )
    return selectors.AWARD_SORTS.of(request).apply(rows)


@login_required
@permission_required(services.VIEW_AWARD, raise_exception=True)
def award_list(request):
    context = list_context(request, _awards(request), keys=FILTERS, sorts=selectors.AWARD_SORTS)
    context.update(
        awardee_kinds=AwardeeKind.choices,
        kinds=AwardKind.choices,
        levels=AwardLevel.choices,
        can_create=request.user.has_perm(services.MANAGE_AWARD),
    )
    return render(request, "recognition/awards.html", context)


AWARD_EXPORT = exports.register(
    exports.ListExport(
        key="recognition.award_list",
        filename="表彰奖励.xlsx",
        columns=(
            Column("表彰对象", lambda a: a.awardee_name),
            Column("对象类别", lambda a: a.get_awardee_kind_display()),
            Column("所属机关", lambda a: a.agency.name),
            Column("表彰种类", lambda a: a.get_kind_display()),
            Column("表彰级别", lambda a: a.get_level_display()),
            Column("授予机关", lambda a: a.granted_by),
            Column("授予日期", lambda a: a.granted_on, "date"),
            Column("文号", lambda a: a.document_number),
            Column("表彰事由", lambda a: a.reason),
        ),
        queryset=lambda user, params: _awards(exports.request_of(params, user)),
        perm=services.VIEW_AWARD,
    )
)


@login_required
@permission_required(services.VIEW_AWARD, raise_exception=True)
def award_export(request):
    return exports.respond(
        request, AWARD_EXPORT
    )  # a malformed year or agency is a 400 before the file starts


def _form_page(request, form, *, title: str, back: str, call, done: str):
    """GET shows `form`; a valid POST calls `call(form)` and shows the award (core.forms.submit); a refusal
    is shown beside the field with the input kept."""
    saved = submit(
        request, form, lambda _data: call(form), done=done,
        then=lambda award: reverse("recognition:award_detail", args=[award.pk]),
    )  # fmt: skip
    return saved or render(request, "recognition/form.html", {"form": form, "title": title, "back": back})


@login_required
def award_new(request):
    if not request.user.has_perm(services.MANAGE_AWARD):
        raise Http404("未找到该页面")
    form = forms.AwardForm(request.POST or None, user=request.user)
    return _form_page(
        request, form, title="录入表彰奖励", back=reverse("recognition:award_list"),
        call=lambda f: services.award_record(actor=request.user, data=f.to_input()), done="表彰奖励已录入",
    )  # fmt: skip


@login_required
def award_detail(request, pk: int):
    award = selectors.get_award(request.user, pk)
    return render(
        request,
        "recognition/award.html",
        {
            "award": award,
            "records": Record.objects.filter(
                subject_type="recognition.award", subject_id=str(award.pk)
            ).order_by("at", "id"),
            "can_manage": access.can(request.user, services.MANAGE_AWARD, award),
        },
    )


@login_required
def award_correct(request, pk: int):
    award = selectors.get_award(request.user, pk)
    if not access.can(request.user, services.MANAGE_AWARD, award):
        raise PermissionDenied("您无权更正该表彰奖励")
    initial = {
        k: getattr(award, k)
        for k in ("kind", "level", "granted_by", "granted_on", "document_number", "reason")
    }
    form = forms.CorrectionForm(request.POST or None, initial=initial)
    return _form_page(
        request, form, title="更正表彰奖励", back=reverse("recognition:award_detail", args=[award.pk]),
        call=lambda f: services.award_correct(
            actor=request.user, award=award, data=f.to_input(award), reason=f.cleaned_data["correction_reason"]
        ),
        done="表彰奖励已更正",
    )  # fmt: skip
