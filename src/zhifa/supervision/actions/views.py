"""监督事项 pages (thin: forms → services; reads through selectors). The item page is the working page of
both sides: the supervisor records findings, issues instruments, examines replies and escalates; the
supervised agency answers and uploads its rectification files. Each action has a page of its own (a phone
shows one form at a time) reached from the buttons the transition table offers."""

from collections.abc import Callable
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.cases import selectors as case_selectors
from zhifa.cases.evidence import storage
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import Form, apply_errors, filters_of, query_of
from zhifa.core.models import Record
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param
from zhifa.supervision.models import Instrument, ReplyFile, SupervisionItem

from . import clocks, document, forms, selectors, services, sources
from .choices import EscalationStep, Grade, ItemStatus, ProblemCategory, SupervisionKind
from .transitions import MACHINE, REPLY, SUPERVISE, is_overdue

FILTER_KEYS = ("q", "status", "kind", "category", "overdue", "sort", "agency")


def _filters(request) -> tuple[dict, selectors.ItemFilters]:
    raw = filters_of(request, FILTER_KEYS)
    parsed = selectors.ItemFilters(
        q=raw["q"],
        status=raw["status"] if raw["status"] in ItemStatus.values else "",
        kind=raw["kind"] if raw["kind"] in SupervisionKind.values else "",
        category=raw["category"] if raw["category"] in ProblemCategory.values else "",
        agency=id_param(request, "agency"),
        overdue=raw["overdue"] == "1",
        sort=selectors.ITEM_SORTS.parse(raw["sort"]).value,
    )
    return raw, parsed


@login_required
def action_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.items_visible_to(request.user, parsed))
    today = clocks.today()
    return render(
        request,
        "supervision/actions/list.html",
        {
            "page": page,
            "rows": [(item, is_overdue(item, today)) for item in page],
            "filters": raw,
            "query": query_of({**raw, "sort": parsed.sort}),
            "sorting": selectors.ITEM_SORTS.parse(parsed.sort),
            "statuses": ItemStatus.choices,
            "kinds": SupervisionKind.choices,
            "categories": ProblemCategory.choices,
            "can_open": request.user.has_perm(SUPERVISE),
        },
    )


EXPORT = exports.register(
    exports.ListExport(
        key="supervision.action_list",
        filename="监督事项.xlsx",
        columns=(
            Column("事项名称", lambda i: i.title),
            Column("监督方式", lambda i: i.get_kind_display()),
            Column("监督对象", lambda i: i.get_target_kind_display()),
            Column("问题类别", lambda i: i.get_category_display() if i.category else ""),
            Column("被监督机关", lambda i: i.agency.name),
            Column("监督机关", lambda i: i.bureau.name),
            Column("案件", lambda i: i.case.number if i.case else ""),
            Column("状态", lambda i: i.get_status_display()),
            Column("最高文书等级", lambda i: i.get_grade_display() if i.grade else ""),
            Column("升级阶段", lambda i: i.get_escalation_display() if i.escalation else ""),
            Column("整改期限", lambda i: i.due_on, "date"),
            Column("立项时间", lambda i: i.opened_at, "datetime"),
        ),
        queryset=lambda user, params: selectors.items_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def action_export(request):
    _filters(request)  # a malformed agency id is a 400, as on the list
    return exports.respond(request, EXPORT)


@login_required
def action_new(request):
    if not request.user.has_perm(SUPERVISE):
        raise Http404("未找到该页面")
    form = forms.OpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.item_open(actor=request.user, data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"已立项{len(made)}个监督事项")
            return (
                redirect("supervision:action_detail", made[0].pk)
                if len(made) == 1
                else redirect("supervision:action_list")
            )
    return render(request, "supervision/actions/form.html", {"form": form, "title": "立项监督"})


@login_required
def action_from_source(request, key: str, pk: int):
    """一键立项监督 from a registered source (sources.py: a record, an inspection, a case …): GET shows
    the two optional fields, POST opens the item. A source the user cannot see is a 404."""
    source, obj = sources.lookup(request.user, key, pk)
    # both fields optional: an empty POST still opens the item
    form = forms.FromCaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_open_from_source(actor=request.user, source=obj, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "已立项监督")
            return redirect("supervision:action_detail", item.pk)
    context = {
        "form": form,
        "title": "立项监督",
        "source_kind": source.label,
        "source_title": source.title_of(obj),
        "source_url": source.url_of(obj),
        "source_agency": source.agency_of(obj),
        "source_case": source.case(obj),
    }
    return render(request, "supervision/actions/form.html", context)


@login_required
def action_from_case(request, case_pk: int):
    """发起监督 from the case page: the case as the source."""
    return action_from_source(request, "case", case_pk)


def _records(item: SupervisionItem) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=item._meta.label_lower, subject_id=str(item.pk)).order_by(
            "at", "id"
        )
    )


def _perms(user, item) -> set[str]:
    return {perm for perm in (SUPERVISE, REPLY) if access.can(user, perm, item)}


@login_required
def action_detail(request, pk: int):
    item = selectors.get_item(request.user, pk)
    offered = MACHINE.offered(item, _perms(request.user, item))
    if "reply" in offered and request.user.agency_id != item.agency_id:
        offered.remove("reply")
    instruments = list(item.instruments.prefetch_related("findings").order_by("issued_at", "id"))
    return render(
        request,
        "supervision/actions/detail.html",
        {
            "item": item,
            "overdue": is_overdue(item),
            "offered": MACHINE.buttons(item, offered),
            "findings": list(item.findings.prefetch_related("cases", "documents", "records")),
            "instruments": instruments,
            "replies": list(
                item.replies.select_related("instrument", "submitted_by", "reviewed_by").prefetch_related(
                    "files"
                )
            ),
            "escalations": list(item.escalations.select_related("created_by")),
            "records": _records(item),
            "can_open_case": item.case is not None
            and access.can(request.user, case_selectors.VIEW, item.case),
            "source_kind": (kind := sources.of_item(item)) and kind.label,
            "source_url": sources.link_of(request.user, item),
        },
    )


ACTION_FORMS: dict[str, tuple[type[Form], Callable[..., object], str]] = {
    "find": (forms.FindingForm, services.finding_add, "问题已记录"),
    "issue": (forms.IssueForm, services.instrument_issue, "监督文书已制发"),
    "reply": (forms.ReplyForm, services.reply_submit, "答复已提交"),
    "accept": (forms.AcceptForm, services.reply_accept, "整改已验收通过，事项办结"),
    "return": (forms.ReturnForm, services.reply_return, "已退回重新整改"),
    "escalate": (forms.EscalateForm, services.escalate, "升级措施已记录"),
    "close": (forms.CloseForm, services.item_close, "事项已办结"),
}


def _call(action: str, actor, item, form) -> None:
    data = form.to_kwargs() if hasattr(form, "to_kwargs") else form.cleaned_data
    ACTION_FORMS[action][1](actor=actor, item=item, **data)


def _form(action: str, item, data=None, files=None):
    form_class = ACTION_FORMS[action][0]
    if form_class in (forms.FindingForm, forms.IssueForm):
        return form_class(data, files, item=item)
    return form_class(data, files)


@login_required
def action_step(request, pk: int, action: str):
    """One action on the item: its form (GET), or the action (POST); a refusal is shown beside the field."""
    if action not in ACTION_FORMS:
        raise Http404("没有该操作")
    item = selectors.get_item(request.user, pk)
    if MACHINE.first(action).perm not in _perms(request.user, item):
        raise PermissionDenied("您无权执行此操作")
    form = _form(action, item, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            _call(action, request.user, item, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, ACTION_FORMS[action][2])
            return redirect("supervision:action_detail", item.pk)
    context = {"form": form, "item": item, "title": MACHINE.first(action).label, "action": action}
    if action == "issue":
        context["defaults"] = [
            (Grade(g).label, *clocks.default_deadlines(item.agency.region, g)) for g in Grade.values
        ]
    if action == "escalate":
        context["next_steps"] = [EscalationStep(s).label for s in services.next_steps(item)]
    return render(request, "supervision/actions/form.html", context)


@login_required
def instrument_file(request, pk: int, fmt: str):
    """监督文书 as PDF or DOCX."""
    if fmt not in document.CONTENT_TYPES:
        raise Http404("没有该格式")
    instrument = get_object_or_404(Instrument.objects.select_related("item__agency"), pk=pk)
    selectors.get_item(request.user, instrument.item_id)  # 404 outside what the user may see
    response = HttpResponse(document.render(instrument, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(document.filename(instrument, fmt))}"
    )
    return response


@login_required
def reply_file(request, pk: int):
    """A rectification file of a reply."""
    row = get_object_or_404(ReplyFile.objects.select_related("reply"), pk=pk)
    selectors.get_item(request.user, row.reply.item_id)
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def flow_chart(request):
    """The item's flow as the transition table draws it (the same rows the services and buttons read)."""
    rows = [
        (MACHINE.state_label(source), t.label, MACHINE.state_label(target), t.rule)
        for source, target, t in MACHINE.moves()
    ]
    steps = [
        (t.label, "、".join(MACHINE.state_label(s) for s in t.sources), t.rule)
        for t in MACHINE.table
        if t.target is None
    ]
    return render(request, "supervision/actions/flow.html", {"rows": rows, "steps": steps})
