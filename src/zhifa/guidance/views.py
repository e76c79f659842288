"""Pages of 典型案例: the staff list (search, status, sort, pages, Excel), proposing from a closed case,
the case's page with its buttons, and the portal's 指导案例 (list by item and keyword, one case)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, filters_of, list_context, submit
from zhifa.core.pagination import paginate

from . import selectors, services
from .choices import ExemplarStatus
from .forms import ReturnForm, WriteUpForm
from .transitions import MACHINE, VIEW

FILTERS = ("q", "status")


def _exemplars(request):
    """The 典型案例 the list shows, filtered and sorted as the request asks (its export reads the same)."""
    filters = filters_of(request, FILTERS)
    rows = selectors.exemplars_visible_to(request.user, status=filters["status"], q=filters["q"])
    return selectors.EXEMPLAR_SORTS.of(request).apply(rows)


EXPORT = exports.register(
    exports.ListExport(
        key="guidance.exemplar_list",
        filename="典型案例.xlsx",
        columns=(
            Column("标题", lambda e: e.title),
            Column("推荐机关", lambda e: e.agency.name),
            Column("案件编号", lambda e: e.case.number),
            Column("执法事项编码", lambda e: e.item_code),
            Column("推荐日期", lambda e: e.proposed_on, "date"),
            Column("状态", lambda e: e.get_status_display()),
            Column("发布日期", lambda e: e.published_on, "date"),
        ),
        queryset=lambda user, params: _exemplars(exports.request_of(params, user)),
        perm=VIEW,
    )
)


@login_required
def exemplar_list(request):
    if request.GET.get("export") == "xlsx":
        return exports.respond(request, EXPORT)
    context = list_context(request, _exemplars(request), keys=FILTERS, sorts=selectors.EXEMPLAR_SORTS)
    context["statuses"] = ExemplarStatus.choices
    return render(request, "guidance/exemplar_list.html", context)


def _page(request, exemplar, return_form=None):
    actions = services.offered(request.user, exemplar)
    context = {
        "e": exemplar,
        "actions": actions,
        "buttons": MACHINE.button_classes(exemplar, actions),  # the next step is the main button (§5)
        "return_form": return_form or ReturnForm(),
    }
    return render(request, "guidance/exemplar_detail.html", context)


@login_required
def exemplar_detail(request, pk: int):
    return _page(request, selectors.get_exemplar(request.user, pk))


def _write_up_page(request, form, title: str, back_url: str, act):
    if request.method == "POST" and form.is_valid():
        try:
            made = act(services.WriteUp(**form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("guidance:detail", made.pk)
    context = {"form": form, "title": title, "back_url": back_url, "submit_label": "推荐"}
    return render(request, "registry/form.html", context)


@login_required
def exemplar_propose(request, case_id: int):
    case = selectors.case_to_propose(request.user, case_id)
    form = WriteUpForm(request.POST or None, initial={"title": case.summary})
    return _write_up_page(
        request, form, f"推荐典型案例：{case.summary}", f"/cases/{case.pk}/",
        lambda data: services.exemplar_propose(actor=request.user, case=case, data=data),
    )  # fmt: skip


@login_required
def exemplar_resubmit(request, pk: int):
    exemplar = selectors.get_exemplar(request.user, pk)
    initial = {f: getattr(exemplar, f) for f in services.LIMITS}
    form = WriteUpForm(request.POST or None, initial=initial)
    return _write_up_page(
        request, form, f"修改后重新推荐：{exemplar}", f"/guidance/{exemplar.pk}/",
        lambda data: services.exemplar_resubmit(actor=request.user, exemplar=exemplar, data=data),
    )  # fmt: skip


def _act(request, pk: int, action, done: str):
    exemplar = selectors.get_exemplar(request.user, pk)
    try:
        action(actor=request.user, exemplar=exemplar)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("guidance:detail", exemplar.pk)


@login_required
@require_POST
def exemplar_adopt(request, pk: int):
    return _act(request, pk, services.exemplar_adopt, "已采纳")


@login_required
@require_POST
def exemplar_publish(request, pk: int):
    return _act(request, pk, services.exemplar_publish, "已发布为指导案例")


@login_required
@require_POST
def exemplar_return(request, pk: int):
    exemplar = selectors.get_exemplar(request.user, pk)
    form = ReturnForm(request.POST)
    saved = submit(
        request,
        form,
        lambda data: services.exemplar_return(actor=request.user, exemplar=exemplar, **data),
        done="已退回",
        then=reverse("guidance:detail", args=[exemplar.pk]),
    )
    return saved or _page(request, exemplar, return_form=form)


# ---- the portal (/gs/guidance/) ----------------------------------------------------------------------


def public_list(request):
    filters = filters_of(request, ("q", "item"))
    rows = selectors.published(item_code=filters["item"], q=filters["q"])
    context = {"page": paginate(request, rows), "filters": filters}
    return render(request, "guidance/public_list.html", context)


def public_detail(request, pk: int):
    exemplar = get_object_or_404(selectors.published(), pk=pk)
    return render(request, "guidance/public_detail.html", {"e": exemplar})
