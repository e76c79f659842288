"""线索中心 pages (thin: forms → services; reads through selectors): the models with their precision, the
hit list (filter, sort, paging, Excel), a hit with its reasons and evidence and the handling forms (one
page per action, so a phone shows one form at a time), the run history and the parameter settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, filters_of, query_of
from zhifa.core.models import Record
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param

from . import forms, framework, selectors, services, tasks
from .choices import HitStatus
from .transitions import HANDLE, MACHINE, RUN, VIEW

FILTERS = ("q", "model", "status", "sort", "agency")
ACTION_FORMS = {
    "confirm": (forms.ReasonForm, "确认线索", services.hit_confirm),
    "dismiss": (forms.ReasonForm, "排除线索", services.hit_dismiss),
    "supervise": (forms.SuperviseForm, "转为监督事项", services.hit_supervise),
    "oversee": (forms.OverseeForm, "转为督办", services.hit_oversee),
}


def _viewer(request) -> None:
    if not request.user.has_perm(VIEW):
        raise Http404("未找到该页面")


@login_required
def center(request):
    _viewer(request)
    return render(
        request,
        "detection/center.html",
        {
            "stats": selectors.model_stats(request.user),
            "slots": framework.open_slots(),
            "can_run": request.user.has_perm(RUN),
        },
    )


@login_required
@require_POST
def run(request):
    """运行: one model (?model=) or all, as a background task (the worker runs it)."""
    if not request.user.has_perm(RUN):
        raise PermissionDenied("您无权运行问题发现模型")
    model = request.POST.get("model", "")
    if model and framework.get(model) is None:
        raise Http404("没有该模型")
    tasks.run_on_demand.enqueue(model, request.user.pk)
    name = framework.get(model).name if model else "全部模型"  # type: ignore[union-attr]
    messages.success(request, f"已提交运行：{name}。运行结束后结果见运行记录")
    return redirect("detection:center")


def _filters(request) -> tuple[dict, selectors.HitFilters]:
    raw = filters_of(request, FILTERS)
    return raw, selectors.HitFilters(
        q=raw["q"],
        model=raw["model"] if framework.get(raw["model"]) else "",
        status=raw["status"] if raw["status"] in HitStatus.values else "",
        agency=id_param(request, "agency"),
        sort=raw["sort"] if raw["sort"] in selectors.HIT_SORTS else "-found",
    )


def _names() -> dict[str, str]:
    return {m.code: m.name for m in framework.registered()}


@login_required
def hit_list(request):
    _viewer(request)
    raw, parsed = _filters(request)
    page = paginate(request, selectors.hits_visible_to(request.user, parsed))
    names = _names()
    return render(
        request,
        "detection/hit_list.html",
        {
            "page": page,
            "rows": [(hit, names.get(hit.model, hit.model)) for hit in page],
            "filters": raw,
            "query": query_of(raw),
            "models": list(names.items()),
            "statuses": HitStatus.choices,
            "sorts": list(selectors.HIT_SORT_LABELS.items()),
        },
    )


HIT_EXPORT = exports.register(
    exports.ListExport(
        key="detection.hit_list",
        filename="问题线索.xlsx",
        columns=(
            Column("模型", lambda h, names: names.get(h.model, h.model)),
            Column("对象", lambda h, names: h.subject),
            Column("涉及机关", lambda h, names: h.agency.name),
            Column("线索理由", lambda h, names: h.reason),
            Column("偏离程度", lambda h, names: h.measure),
            Column("状态", lambda h, names: h.get_status_display()),
            Column("发现时间", lambda h, names: h.found_at, "datetime"),
            Column("处理理由", lambda h, names: h.handling_reason),
            Column("转办", lambda h, names: h.get_follow_up_display()),
        ),
        queryset=lambda user, params: selectors.hits_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
        perm=VIEW,
        context=lambda user: _names(),
    )
)


@login_required
def hit_export(request):
    _viewer(request)
    _filters(request)  # a bad filter is a 400 before anything is written
    return exports.respond(request, HIT_EXPORT)


@login_required
def hit_detail(request, pk: int):
    hit = selectors.get_hit(request.user, pk)
    perms = {HANDLE} if access.can(request.user, HANDLE, hit) else set()
    return render(
        request,
        "detection/hit_detail.html",
        {
            "hit": hit,
            "model": framework.get(hit.model),
            "evidence": selectors.visible_evidence(request.user, hit),
            "actions": MACHINE.buttons(hit, MACHINE.offered(hit, perms)),
            "records": Record.objects.for_subject(hit).order_by("at", "id"),
            "can_item": hit.supervision_item is not None
            and access.can(request.user, "supervision.view_supervisionitem", hit.supervision_item),
            "can_oversight": hit.oversight is not None
            and access.can(request.user, "supervision.view_oversight", hit.oversight),
        },
    )


@login_required
def hit_action(request, pk: int, action: str):
    if action not in ACTION_FORMS:
        raise Http404("未找到该页面")
    hit = selectors.get_hit(request.user, pk)
    if not access.can(request.user, HANDLE, hit):
        raise PermissionDenied("您无权执行此操作")
    form_class, title, service = ACTION_FORMS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, hit=hit, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{title}：已完成")
            return redirect("detection:hit_detail", hit.pk)
    return render(request, "detection/action.html", {"hit": hit, "form": form, "title": title})


@login_required
def run_list(request):
    _viewer(request)
    model = request.GET.get("model", "")
    model = model if framework.get(model) else ""
    names = _names()
    page = paginate(request, selectors.runs_visible_to(request.user, model))
    return render(
        request,
        "detection/runs.html",
        {
            "page": page,
            "rows": [
                (run, names.get(run.model, run.model)) for run in selectors.with_counts(request.user, page)
            ],
            "models": list(names.items()),
            "model": model,
            "query": f"model={model}" if model else "",
        },
    )


@login_required
def parameters(request):
    """参数设置: each model's parameters as they apply in the viewer's region, where each value comes from
    (本区划设定 → 上级区划 → 全局配置 → 默认值), and the history of the region's changes."""
    _viewer(request)
    region = selectors.viewer_region(request.user)
    rows = [(model, selectors.param_rows(region, model)) for model in framework.registered()]
    return render(
        request,
        "detection/parameters.html",
        {
            "rows": rows,
            "region": region,
            "can_set": selectors.can_set_params(request.user),
            "history": selectors.param_history(region),
        },
    )


@login_required
def param_set(request):
    """设定模型参数 (?model=): the region's supervisor sets the model's values for their region."""
    _viewer(request)
    if not selectors.can_set_params(request.user):
        raise PermissionDenied("您无权设定模型参数")
    model = framework.get(request.GET.get("model", ""))
    if model is None or not model.params:
        raise Http404("没有该模型或该模型无参数")
    region = selectors.viewer_region(request.user)
    rows = selectors.param_rows(region, model)
    form = forms.ParamsForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.params_set(actor=request.user, model=model.code, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{model.name}的参数已保存")
            return redirect("detection:parameters")
    return render(
        request,
        "detection/param_set.html",
        {
            "model": model,
            "region": region,
            "rows": rows,
            "form": form,
            "history": selectors.param_history(region, model.code),
        },
    )
