"""年度培训计划 pages: list (search, filters, sort, paging, Excel), new, detail with its content items
(添加/删除 while a draft) and 报送."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import list_context, refusal_messages
from zhifa.core.params import id_param, year_param

from .. import forms, selectors
from ..choices import PlanStatus
from ..services import plans
from ..transitions import MANAGE_PLAN, VIEW_PLAN, allowed
from .shared import form_page, managed, records

FILTERS = ("q", "year", "status")


def _plans(request):
    rows = selectors.plans_visible_to(
        request.user,
        q=request.GET.get("q", ""),
        year=year_param(request),
        status=request.GET.get("status", ""),
        agency_id=id_param(request, "agency"),
    )
    return selectors.PLAN_SORTS.of(request).apply(rows)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_list(request):
    context = list_context(request, _plans(request), keys=FILTERS, sorts=selectors.PLAN_SORTS)
    context.update(statuses=PlanStatus.choices, can_create=request.user.has_perm(MANAGE_PLAN))
    return render(request, "training/plans.html", context)


PLAN_EXPORT = exports.register(
    exports.ListExport(
        key="training.plan_list",
        filename="年度培训计划.xlsx",
        columns=(
            Column("机关", lambda p: p.agency.name),
            Column("年度", lambda p: p.year),
            Column("计划名称", lambda p: p.title),
            Column("培训内容项数", lambda p: p.item_count),
            Column("计划学时", lambda p: p.planned_hours or 0),
            Column("状态", lambda p: p.get_status_display()),
            Column("报送时间", lambda p: p.submitted_at, "datetime"),
        ),
        queryset=lambda user, params: _plans(exports.request_of(params, user)),
        perm=VIEW_PLAN,
    )
)


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def plan_export(request):
    return exports.respond(request, PLAN_EXPORT)  # a malformed year or agency is a 400 before the file starts


@login_required
def plan_new(request):
    if not request.user.has_perm(MANAGE_PLAN):
        raise Http404("未找到该页面")
    form = forms.PlanForm(request.POST or None, user=request.user)
    return form_page(
        request, form, title="编制年度培训计划", back=reverse("training:plan_list"),
        call=lambda f: plans.plan_create(actor=request.user, data=f.to_input()),
        done="年度培训计划已创建，请添加培训内容", target=lambda p: reverse("training:plan_detail", args=[p.pk]),
    )  # fmt: skip


def _page(request, plan, item_form=None, status=200):
    editable = access.can(request.user, MANAGE_PLAN, plan) and allowed("edit", plan.status)
    return render(
        request,
        "training/plan.html",
        {
            "plan": plan,
            "items": list(plan.items.all()),
            "records": records(plan),
            "can_edit": editable,
            "form": item_form or (forms.ItemForm() if editable else None),
        },
        status=status,
    )


@login_required
def plan_detail(request, pk: int):
    return _page(request, selectors.get_plan(request.user, pk))


def _managed(request, pk: int):
    return managed(request, selectors.get_plan, pk, MANAGE_PLAN, "您无权修改该培训计划")


@login_required
@require_POST
def plan_item_add(request, pk: int):
    plan = _managed(request, pk)
    form = forms.ItemForm(request.POST)
    if form.is_valid():
        try:
            plans.plan_item_add(actor=request.user, plan=plan, data=form.to_input())
        except ValidationError as error:
            refusal_messages(
                request, error, form
            )  # the state's refusal above the page, the rest by the field
        else:
            messages.success(request, "培训内容已添加")
            return redirect("training:plan_detail", pk=plan.pk)
    return _page(request, selectors.get_plan(request.user, pk), form)


@login_required
@require_POST
def plan_item_remove(request, pk: int, item_id: int):
    plan = _managed(request, pk)
    try:
        plans.plan_item_remove(actor=request.user, plan=plan, item_id=item_id)
    except ValidationError as error:
        refusal_messages(request, error)
    else:
        messages.success(request, "培训内容已删除")
    return redirect("training:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_submit(request, pk: int):
    plan = _managed(request, pk)
    try:
        plans.plan_submit(actor=request.user, plan=plan)
    except ValidationError as error:
        refusal_messages(request, error)
    else:
        messages.success(request, "年度培训计划已报送司法行政机关")
    return redirect("training:plan_detail", pk=plan.pk)
