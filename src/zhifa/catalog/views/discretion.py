"""裁量基准: the benchmark editor of a penalty item in the draft, the calculator (裁量计算器), and the
periodic evaluations of benchmarks. Thin views: the rules are in catalog.services and
catalog.discretion, every object is scoped through zhifa.core.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from zhifa.core import access
from zhifa.core.forms import apply_errors, date_or_none
from zhifa.core.pagination import paginate
from zhifa.core.selectors import active_agencies

from .. import discretion, selectors, services
from .. import evaluations as evaluations_schedule
from ..choices import ItemCategory, VersionStatus
from ..forms.discretion_delegations_duties import (
    BenchmarkEditor,
    BenchmarkEvaluationForm,
    CalculatorForm,
    calculator_item_label,
    calculator_items,
    visible_agency_or_404,
)
from ..models import Benchmark, BenchmarkEvaluation, BenchmarkLevel, EnforcementItem, Exemption

VIEW_ITEM = "catalog.view_enforcementitem"
VIEW_EVALUATION = "catalog.view_benchmarkevaluation"


def safe_reverse(name: str, *args) -> str | None:
    """The url of `name`, or None while the page that owns it is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def benchmark_of(item: EnforcementItem) -> Benchmark | None:
    return (
        Benchmark.objects.filter(item=item)
        .select_related("legal_basis")
        .prefetch_related(
            Prefetch("levels", queryset=BenchmarkLevel.objects.order_by("fact_min", "id")),
            Prefetch("exemptions", queryset=Exemption.objects.order_by("id")),
        )
        .first()
    )


# ---- 裁量基准编辑 -----------------------------------------------------------------------------------


def _read_only_reason(request, item: EnforcementItem) -> str:
    if item.category != ItemCategory.PENALTY:
        return "只有行政处罚事项才设裁量基准"
    if item.version.status == VersionStatus.SUBMITTED:
        return "清单已报送审核，审核期间不能修改；如需修改，请待审核机关退回"
    if item.version.status not in (VersionStatus.DRAFT, VersionStatus.RETURNED):
        return "已发布的清单版本不能修改，请在草稿中修改后重新发布"
    if not access.can(request.user, services.MANAGE_CATALOG, item):
        return "您无权编制裁量基准"
    return ""


@login_required
@permission_required(VIEW_ITEM, raise_exception=True)
def benchmark_edit(request, item_pk: int):
    """裁量基准 of one penalty item: editable in the draft by the catalogue's managers, read-only
    otherwise (a published version never changes)."""
    item = access.get_visible_or_404(
        request.user,
        EnforcementItem.objects.select_related("version", "version__agency", "field"),
        VIEW_ITEM,
        pk=item_pk,
    )
    benchmark = benchmark_of(item)
    read_only = _read_only_reason(request, item)
    editor = None
    if request.method == "POST":
        access.require(request.user, services.MANAGE_CATALOG, item)  # 403 without the permission
        if read_only:
            raise PermissionDenied(read_only)
    if not read_only:
        editor = BenchmarkEditor(request.POST or None, item=item, benchmark=benchmark)
        if request.method == "POST" and editor.is_valid():
            try:
                services.benchmark_set(actor=request.user, item=item, **editor.service_data())
            except ValidationError as exc:
                editor.apply_errors(exc)
            else:
                messages.success(request, f"已保存“{item.name}”的裁量基准")
                return redirect("catalog:benchmark_edit", item.pk)
    context = {
        "item": item,
        "version": item.version,
        "benchmark": benchmark,
        "bases": list(item.legal_bases.order_by("id")),
        "editor": editor,
        "read_only": read_only,
        "item_url": safe_reverse("catalog:item_detail", item.pk),
    }
    return render(request, "catalog/benchmark_edit.html", context)


# ---- 裁量计算器 -------------------------------------------------------------------------------------


@login_required
@permission_required(VIEW_ITEM, raise_exception=True)
def calculator(request):
    """裁量计算器: the lawful range for this case by the benchmark in force, every basis quoted."""
    reload = "_reload" in request.GET  # the no-script way to refresh the item list
    submitted = "item" in request.GET and not reload
    initial = {"agency": request.user.agency_id} if request.user.agency_id else {}
    if reload:
        initial = {key: value for key, value in request.GET.items() if key != "_reload"}
    form = CalculatorForm(request.GET if submitted else None, actor=request.user, initial=initial)
    reload_items = {
        "hx-get": reverse("catalog:calculator_items"),
        "hx-target": "#id_item",
        "hx-include": "[name=agency],[name=on]",
        "hx-trigger": "change",
    }
    form.fields["agency"].widget.attrs.update(reload_items)
    form.fields["on"].widget.attrs.update(reload_items)
    result = None
    if submitted and form.is_valid():
        data = form.cleaned_data
        item = form.items.get(data["item"])
        try:
            result = discretion.recommend(item, form.facts(), on=data["on"])
        except ValidationError as exc:
            apply_errors(form, exc)
    amount = form.cleaned_data.get("amount") if result else None
    context = {
        "form": form,
        "result": result,
        "amount": amount,
        "amount_allowed": result.allows_fine(amount) if result and amount is not None else None,
        "applying": [ex for ex in result.exemptions if ex["applies"]] if result else [],
        "not_applying": [ex for ex in result.exemptions if not ex["applies"]] if result else [],
    }
    return render(request, "catalog/calculator.html", context)


@login_required
@permission_required(VIEW_ITEM, raise_exception=True)
def calculator_items_options(request):
    """htmx: the <option>s of the item select for the chosen agency and date."""
    try:
        agency = visible_agency_or_404(request.user, VIEW_ITEM, request.GET.get("agency"), default_own=False)
    except Http404:  # an agency the user may not see lists nothing
        agency = None
    on = date_or_none(request.GET.get("on"))
    items = [(item.code, calculator_item_label(item)) for item in calculator_items(agency, on)]
    return render(request, "catalog/calculator_items.html", {"items": items})


# ---- 裁量基准评估 -----------------------------------------------------------------------------------


@login_required
@permission_required(VIEW_EVALUATION, raise_exception=True)
def benchmark_evaluations(request):
    """裁量基准定期评估 of one agency: the findings so far and, for the catalogue's managers, a form."""
    agency = visible_agency_or_404(request.user, VIEW_EVALUATION, request.GET.get("agency"))
    agencies = active_agencies(request.user, VIEW_EVALUATION)
    can_manage = agency is not None and access.can(request.user, services.MANAGE_CATALOG, agency)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied("您无权评估该机关的裁量基准")
    version = selectors.version_in_force(agency) if agency else None
    items = (
        list(version.items.filter(benchmark__isnull=False).order_by("code").only("code", "name"))
        if version
        else []
    )
    form = None
    if can_manage and items:
        form = BenchmarkEvaluationForm(request.POST or None, items=items)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.benchmark_evaluate(actor=request.user, agency=agency, **data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已登记事项{data['item_code']}的裁量基准评估")
                return redirect(f"{reverse('catalog:benchmark_evaluations')}?agency={agency.pk}")
    evaluations = BenchmarkEvaluation.objects.none()
    due = []
    if agency is not None:
        evaluations = access.visible_to(
            request.user,
            BenchmarkEvaluation.objects.filter(agency=agency).select_related("revised_in"),
            VIEW_EVALUATION,
        ).order_by("-on", "-id")
        due = schedule_of(agency)
    page = paginate(request, evaluations)
    names = {item.code: item.name for item in items}
    context = {
        "agency": agency,
        "agencies": agencies,
        "version": version,
        "page": page,
        "rows": [(e, names.get(e.item_code, "")) for e in page],
        "form": form,
        "can_manage": can_manage,
        "due": due,
        "interval_months": evaluations_schedule.interval_months(),
        "filters": {"agency": str(agency.pk) if agency else ""},
    }
    return render(request, "catalog/benchmark_evaluations.html", context)


def schedule_of(agency) -> list:
    """The agency's benchmarks due for evaluation within 30 days or overdue (the page shows at most 100)."""
    from zhifa.core.models import Agency

    return evaluations_schedule.schedule(
        Agency.objects.filter(pk=agency.pk),
        on=timezone.localdate(),
        due_within_days=evaluations_schedule.DUE_SOON_DAYS,
        limit=100,
    )
