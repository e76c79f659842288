"""赋权乡镇: the delegations of items to townships, each evaluated a year on (接不住、监管跟不上的收回).
List with the evaluation clock, Excel export, the delegation form and the evaluation form."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors
from zhifa.core.pagination import paginate

from .. import selectors, services
from ..choices import DelegationStatus
from ..forms.discretion_delegations_duties import (
    DelegationCreateForm,
    DelegationEvaluateForm,
    delegating_agencies,
)
from ..models import Delegation

VIEW_DELEGATION = "catalog.view_delegation"
FILTER_KEYS = ("q", "status", "due")
DUE_FILTERS = [("overdue", "评估已逾期"), ("soon", "30日内应评估")]
DUE_SOON_DAYS = 30


def _filters(request) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in FILTER_KEYS}


def _query(filters: dict) -> str:
    return urlencode({key: value for key, value in filters.items() if value})


def _delegations(user, filters: dict, today):
    delegations = selectors.delegations_visible_to(user)
    if filters["status"] in DelegationStatus.values:
        delegations = delegations.filter(status=filters["status"])
    if filters["due"] in ("overdue", "soon"):
        overdue, soon = selectors.delegations_due(delegations, on=today, within_days=DUE_SOON_DAYS)
        delegations = overdue if filters["due"] == "overdue" else soon
    if q := filters["q"]:
        delegations = delegations.filter(
            Q(item_name__icontains=q) | Q(item_code__icontains=q) | Q(to_agency__name__icontains=q)
        )
    return delegations.order_by("evaluation_due", "id")


def clock(delegation: Delegation, today) -> str:
    """ "overdue", "soon" or "" — the state of the delegation's evaluation clock on `today`."""
    if delegation.status == DelegationStatus.WITHDRAWN:
        return ""
    if delegation.evaluation_due < today:
        return "overdue"
    if delegation.evaluation_due <= today + timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return ""


@login_required
@permission_required(VIEW_DELEGATION, raise_exception=True)
def delegation_list(request):
    today = timezone.localdate()
    filters = _filters(request)
    page = paginate(request, _delegations(request.user, filters, today))
    context = {
        "page": page,
        "rows": [(d, clock(d, today)) for d in page],
        "filters": filters,
        "query": _query(filters),
        "statuses": DelegationStatus.choices,
        "due_filters": DUE_FILTERS,
        "can_create": request.user.has_perm(services.MANAGE_DELEGATION)
        and delegating_agencies(request.user).exists(),
    }
    return render(request, "catalog/delegation_list.html", context)


CLOCK_LABELS = {"overdue": "已逾期", "soon": "30日内应评估", "": ""}

EXPORT = exports.register(
    exports.ListExport(
        key="catalog.delegation_list",
        filename="赋权乡镇事项.xlsx",
        columns=(
            Column("赋权部门", lambda d, today: d.from_agency.name),
            Column("承接乡镇（街道）", lambda d, today: d.to_agency.name),
            Column("事项编码", lambda d, today: d.item_code),
            Column("事项名称", lambda d, today: d.item_name),
            Column("赋权形式", lambda d, today: d.get_form_display()),
            Column("赋权文件", lambda d, today: d.document),
            Column("赋权日期", lambda d, today: d.on, "date"),
            Column("随事项下沉人员数", lambda d, today: d.staff_transferred),
            Column("评估期限", lambda d, today: d.evaluation_due, "date"),
            Column("评估状态", lambda d, today: CLOCK_LABELS[clock(d, today)]),
            Column("状态", lambda d, today: d.get_status_display()),
        ),
        queryset=lambda user, params: _delegations(
            user, _filters(exports.request_of(params)), timezone.localdate()
        ),
        perm=VIEW_DELEGATION,
        context=lambda user: timezone.localdate(),
    )
)


@login_required
@permission_required(VIEW_DELEGATION, raise_exception=True)
def delegation_export(request):
    return exports.respond(request, EXPORT)


@login_required
@permission_required(VIEW_DELEGATION, raise_exception=True)
def delegation_create(request):
    """赋权: an item of the department's catalogue in force to a township of its region. Changing the
    department reloads the items and townships (htmx, or the 更新可选项 button without script)."""
    if (
        not request.user.has_perm(services.MANAGE_DELEGATION)
        or not delegating_agencies(request.user).exists()
    ):
        raise PermissionDenied("您无权赋权乡镇")
    if request.method == "POST":
        form = DelegationCreateForm(request.POST, actor=request.user)
    else:
        initial = {
            name: request.GET[name] for name in DelegationCreateForm.base_fields if name in request.GET
        }
        form = DelegationCreateForm(actor=request.user, initial=initial)
    # choosing the department reloads its items and townships, keeping what was typed (htmx)
    form.fields["from_agency"].widget.attrs.update(
        {
            "hx-get": reverse("catalog:delegation_create"),
            "hx-include": "#delegation-form",
            "hx-params": "not csrfmiddlewaretoken",
            "hx-target": "#delegation-fields",
            "hx-select": "#delegation-fields",
            "hx-swap": "outerHTML",
        }
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            delegation = services.delegation_create(
                actor=request.user,
                from_agency=data["from_agency"],
                to_agency=data["to_agency"],
                item=data["item"],
                **form.service_data(),
            )
        except ValidationError as exc:
            apply_errors(form, exc, form.error_map)
        else:
            messages.success(
                request,
                f"已将“{delegation.item_name}”赋权{delegation.to_agency.name}，"
                f"应于{delegation.evaluation_due:%Y-%m-%d}前评估",
            )
            return redirect("catalog:delegation_detail", delegation.pk)
    return render(request, "catalog/delegation_form.html", {"form": form})


def _get_delegation(request, pk: int) -> Delegation:
    return access.get_visible_or_404(
        request.user,
        Delegation.objects.select_related("from_agency", "to_agency"),
        VIEW_DELEGATION,
        pk=pk,
    )


def _detail(request, delegation: Delegation, form=None):
    today = timezone.localdate()
    can_evaluate = (
        access.can(request.user, services.MANAGE_DELEGATION, delegation)
        and delegation.status != DelegationStatus.WITHDRAWN
    )
    if can_evaluate and form is None:
        form = DelegationEvaluateForm()
    context = {
        "delegation": delegation,
        "clock": clock(delegation, today),
        "evaluations": delegation.evaluations.select_related("evaluator").order_by("on", "id"),
        "form": form if can_evaluate or (form is not None and form.is_bound) else None,
    }
    return render(request, "catalog/delegation_detail.html", context)


@login_required
@permission_required(VIEW_DELEGATION, raise_exception=True)
def delegation_detail(request, pk: int):
    return _detail(request, _get_delegation(request, pk))


@login_required
@permission_required(VIEW_DELEGATION, raise_exception=True)
def delegation_evaluate(request, pk: int):
    """评估 (POST): keep, adjust or withdraw; the next evaluation falls due a year after it."""
    delegation = _get_delegation(request, pk)
    access.require(request.user, services.MANAGE_DELEGATION, delegation)
    if request.method != "POST":
        return redirect("catalog:delegation_detail", delegation.pk)
    form = DelegationEvaluateForm(request.POST)
    if form.is_valid():
        try:
            services.delegation_evaluate(actor=request.user, delegation=delegation, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已登记评估")
            return redirect("catalog:delegation_detail", delegation.pk)
    return _detail(request, delegation, form)
