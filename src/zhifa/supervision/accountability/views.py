"""责任追究 pages (thin: forms → services; reads through selectors). The proceeding's page offers the
actions its transition table allows; each action has a page of its own (a phone shows one form at a time)."""

from collections.abc import Callable
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import Form, apply_errors, filters_of, query_of
from zhifa.core.models import Record
from zhifa.core.pagination import paginate

from . import document, forms, selectors, services
from .choices import Outcome, ProceedingStatus, SourceKind
from .transitions import MACHINE, PURSUE, is_overdue

FILTER_KEYS = ("q", "status", "outcome", "source_kind", "overdue", "sort")


def _filters(request) -> tuple[dict, selectors.ProceedingFilters]:
    raw = filters_of(request, FILTER_KEYS)
    parsed = selectors.ProceedingFilters(
        q=raw["q"],
        status=raw["status"] if raw["status"] in ProceedingStatus.values else "",
        outcome=raw["outcome"] if raw["outcome"] in Outcome.values else "",
        source_kind=raw["source_kind"] if raw["source_kind"] in SourceKind.values else "",
        overdue=raw["overdue"] == "1",
        sort=raw["sort"] if raw["sort"] in selectors.SORTS else "-opened",
    )
    return raw, parsed


@login_required
def accountability_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.proceedings_visible_to(request.user, parsed))
    return render(
        request,
        "supervision/accountability/list.html",
        {
            "page": page,
            "rows": [(p, is_overdue(p)) for p in page],
            "filters": raw,
            "query": query_of(raw),
            "statuses": ProceedingStatus.choices,
            "outcomes": Outcome.choices,
            "sources": SourceKind.choices,
            "sorts": list(selectors.SORT_LABELS.items()),
            "can_open": request.user.has_perm(PURSUE),
        },
    )


EXPORT = exports.register(
    exports.ListExport(
        key="supervision.accountability_list",
        filename="责任追究案件.xlsx",
        columns=(
            Column("责任人员", lambda p: p.officer.name),
            Column("所在机关", lambda p: p.agency.name),
            Column("追责机关", lambda p: p.bureau.name),
            Column("案件来源", lambda p: p.get_source_kind_display()),
            Column("来源编号", lambda p: p.source_reference),
            Column("立案事由", lambda p: p.facts),
            Column("状态", lambda p: p.get_status_display()),
            Column("处理决定", lambda p: p.get_outcome_display() if p.outcome else ""),
            Column("暂扣至", lambda p: p.suspended_until, "date"),
            Column("决定日期", lambda p: p.decided_on, "date"),
            Column("办理期限", lambda p: p.due_on, "date"),
            Column("立案时间", lambda p: p.opened_at, "datetime"),
        ),
        queryset=lambda user, params: selectors.proceedings_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def accountability_export(request):
    return exports.respond(request, EXPORT)


@login_required
def accountability_new(request):
    if not request.user.has_perm(PURSUE):
        raise Http404("未找到该页面")
    form = forms.OpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.proceeding_open(actor=request.user, data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"已立案{len(made)}件责任追究案件")
            if len(made) == 1:
                return redirect("supervision:accountability_detail", made[0].pk)
            return redirect("supervision:accountability_list")
    return render(request, "supervision/accountability/form.html", {"form": form, "title": "责任追究立案"})


def _perms(user, proceeding) -> set[str]:
    return {PURSUE} if access.can(user, PURSUE, proceeding) else set()


@login_required
def accountability_detail(request, pk: int):
    proceeding = selectors.get_proceeding(request.user, pk)
    offered = MACHINE.offered(proceeding, _perms(request.user, proceeding))
    records = Record.objects.filter(
        subject_type=proceeding._meta.label_lower, subject_id=str(proceeding.pk)
    ).order_by("at", "id")
    return render(
        request,
        "supervision/accountability/detail.html",
        {
            "proceeding": proceeding,
            "overdue": is_overdue(proceeding),
            "offered": [(action, MACHINE.first(action).label) for action in offered],
            "certificates": list(proceeding.certificates.order_by("pk")),
            "records": list(records),
            "can_open_item": proceeding.finding is not None
            and access.can(request.user, "supervision.view_supervisionitem", proceeding.finding.item),
            "can_open_case": proceeding.challenge is not None
            and access.can(request.user, "cases.view_case", proceeding.challenge.case),
        },
    )


ACTION_FORMS: dict[str, tuple[type[Form], Callable[..., object], str]] = {
    "investigate": (forms.InvestigateForm, services.proceeding_investigate, "调查情况已记录"),
    "notify": (forms.NotifyForm, services.proceeding_notify, "已告知拟处理意见"),
    "hear": (forms.HearForm, services.proceeding_hear, "陈述申辩情况已记录"),
    "decide": (forms.DecideForm, services.proceeding_decide, "处理决定已作出"),
    "restore": (forms.RestoreForm, services.proceeding_restore, "执法证已恢复"),
}


@login_required
def accountability_step(request, pk: int, action: str):
    """One action on the proceeding: its form (GET), or the action (POST); a refusal beside the field."""
    if action not in ACTION_FORMS:
        raise Http404("没有该操作")
    proceeding = selectors.get_proceeding(request.user, pk)
    if MACHINE.first(action).perm not in _perms(request.user, proceeding):
        raise PermissionDenied("您无权执行此操作")
    form_class, service, done = ACTION_FORMS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, proceeding=proceeding, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("supervision:accountability_detail", proceeding.pk)
    context = {"form": form, "proceeding": proceeding, "title": MACHINE.first(action).label, "action": action}
    return render(request, "supervision/accountability/form.html", context)


@login_required
def decision_file(request, pk: int, fmt: str):
    """责任追究决定书 as PDF or DOCX (404 outside what the user may see, or before the decision)."""
    if fmt not in document.CONTENT_TYPES:
        raise Http404("没有该格式")
    proceeding = selectors.get_proceeding(request.user, pk)
    if not proceeding.decision_number:
        raise Http404("尚未作出处理决定")
    response = HttpResponse(document.render(proceeding, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(document.filename(proceeding, fmt))}"
    )
    return response
