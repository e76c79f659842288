"""Staff pages of 信用修复: the list (search, status, sort, pages, Excel), registering a request from a
disclosure's page, and the request's page with its two decisions. Thin: scoped reads, writes through
the services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, filters_of, list_context, submit

from . import clocks, selectors, services
from .choices import RepairStatus, Severity
from .forms import ApproveForm, RefuseForm, RegisterForm
from .transitions import MACHINE, REGISTER, VIEW

FILTERS = ("q", "status")


def _repairs(request):
    """The 信用修复申请 the list shows, filtered and sorted as the request asks (its export reads the same)."""
    filters = filters_of(request, FILTERS)
    rows = selectors.repairs_visible_to(request.user, status=filters["status"], q=filters["q"])
    return selectors.REPAIR_SORTS.of(request).apply(rows)


EXPORT = exports.register(
    exports.ListExport(
        key="publicity.credit_repair_list",
        filename="信用修复申请.xlsx",
        columns=(
            Column("申请人", lambda r: r.applicant),
            Column("执法对象", lambda r: r.disclosure.subject_name),
            Column("决定书文号", lambda r: r.disclosure.number),
            Column("执法机关", lambda r: r.agency.name),
            Column("失信程度", lambda r: r.get_severity_display()),
            Column("最短公示期", lambda r: clocks.period_label(r.minimum_months)),
            Column("最短公示期依据", lambda r: r.minimum_basis),
            Column("可申请修复日期", lambda r: r.earliest_on, "date"),
            Column("申请日期", lambda r: r.applied_on, "date"),
            Column("状态", lambda r: r.get_status_display()),
            Column("修复方式", lambda r: r.get_outcome_display()),
            Column("决定日期", lambda r: r.decided_on, "date"),
        ),
        queryset=lambda user, params: _repairs(exports.request_of(params, user)),
        perm=VIEW,
    )
)


@login_required
def repair_list(request):
    if request.GET.get("export") == "xlsx":
        return exports.respond(request, EXPORT)
    context = list_context(request, _repairs(request), keys=FILTERS, sorts=selectors.REPAIR_SORTS)
    context["statuses"] = RepairStatus.choices
    return render(request, "publicity/repair_list.html", context)


def _page(request, repair, approve_form=None, refuse_form=None):
    offered = [action for action in MACHINE.actions if services.may(request.user, action, repair)]
    context = {
        "r": repair,
        "d": repair.disclosure,
        "minimum_label": clocks.period_label(repair.minimum_months),
        "approve_form": approve_form or ApproveForm(),
        "refuse_form": refuse_form or RefuseForm(),
        "can_approve": "approve" in offered,
        "can_refuse": "refuse" in offered,
        "buttons": MACHINE.button_classes(repair, offered),  # the next step is the main button (§5)
    }
    return render(request, "publicity/repair_detail.html", context)


@login_required
def repair_detail(request, pk: int):
    return _page(request, selectors.get_repair(request.user, pk))


def _decide(request, pk: int, form_class, decide, *, done: str, slot: str):
    """同意 or 不同意: the decision's form posted to the service; refused, the request's page again with
    the form (`slot`) showing why."""
    repair = selectors.get_repair(request.user, pk)
    form = form_class(request.POST)
    saved = submit(
        request,
        form,
        lambda data: decide(actor=request.user, repair=repair, **data),
        done=done,
        then=reverse("publicity:credit_repair", args=[repair.pk]),
    )
    return saved or _page(request, repair, **{slot: form})


@login_required
@require_POST
def repair_approve(request, pk: int):
    return _decide(
        request, pk, ApproveForm, services.credit_repair_approve, done="已同意信用修复", slot="approve_form"
    )


@login_required
@require_POST
def repair_refuse(request, pk: int):
    return _decide(
        request,
        pk,
        RefuseForm,
        services.credit_repair_refuse,
        done="已作出不同意修复的决定",
        slot="refuse_form",
    )


@login_required
def repair_register(request, pk: int):
    """登记 from the disclosure's page: the party applied offline."""
    disclosure = selectors.disclosure_to_repair(request.user, pk)
    access.require(request.user, REGISTER, disclosure)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            repair = services.credit_repair_register(
                actor=request.user, disclosure=disclosure, data=services.RepairInput(**form.cleaned_data)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("publicity:credit_repair", repair.pk)
    return render(
        request,
        "registry/form.html",
        {
            "form": form,
            "title": f"登记信用修复申请：{disclosure}",
            "back_url": f"/publicity/{disclosure.pk}/",
            "submit_label": "登记",
            "notice": "当事人已履行行政处罚决定、且最短公示期届满后，可申请撤下或提前结束公示。"
            + _field_notice(disclosure),
        },
    )


def _field_notice(disclosure) -> str:
    """When the penalty's 执法领域 sets the period whatever the 失信程度, say so before the form is filled."""
    period = clocks.minimum_period(Severity.GENERAL, selectors.penalty_fields(disclosure))
    if not period.domain:
        return ""
    earliest = clocks.add_months(disclosure.decided_on, period.months)
    return f"{period.rule}（自处罚决定之日起计算，{earliest:%Y-%m-%d}起可申请）。"


REPAIR_URLS = (
    ("credit-repairs/", repair_list, "credit_repairs"),
    ("credit-repairs/<int:pk>/", repair_detail, "credit_repair"),
    ("credit-repairs/<int:pk>/approve/", repair_approve, "credit_repair_approve"),
    ("credit-repairs/<int:pk>/refuse/", repair_refuse, "credit_repair_refuse"),
    ("<int:pk>/credit-repair/", repair_register, "credit_repair_register"),
)
