"""协助 pages (thin: forms → services; reads through selectors). Both agencies open a request's page; each
action is offered to the side whose it is."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of, query_of
from zhifa.core.pagination import paginate

from ..notices import document
from ..notices.forms import EmptyForm
from ..notices.pages import back_to, form_page, records_of
from ..notices.views import _file
from . import forms, selectors, services
from .choices import AssistanceKind, AssistanceStatus
from .transitions import HANDLE, MACHINE, is_overdue, offered

FILTER_KEYS = ("q", "kind", "status", "direction", "overdue", "sort")


def _filters(request):
    raw = filters_of(request, FILTER_KEYS)
    return raw, selectors.RequestFilters(
        q=raw["q"],
        kind=raw["kind"] if raw["kind"] in AssistanceKind.values else "",
        status=raw["status"] if raw["status"] in AssistanceStatus.values else "",
        direction=raw["direction"] if raw["direction"] in ("in", "out") else "",
        overdue=raw["overdue"] == "1",
        sort=selectors.ASSISTANCE_SORTS.parse(raw["sort"]).value,
    )


@login_required
def assistance_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.requests_visible_to(request.user, parsed))
    return render(request, "collaboration/assistance/list.html", {
        "page": page, "rows": [(r, is_overdue(r)) for r in page], "filters": raw,
        "query": query_of({**raw, "sort": parsed.sort}), "sorting": selectors.ASSISTANCE_SORTS.parse(parsed.sort),
        "kinds": AssistanceKind.choices, "statuses": AssistanceStatus.choices,
        "can_request": request.user.has_perm(HANDLE),
    })  # fmt: skip


EXPORT = exports.register(
    exports.ListExport(
        key="collaboration.assistance_list",
        filename="执法协助.xlsx",
        columns=(
            Column("协助函文号", lambda r: r.number),
            Column("协助事项", lambda r: r.get_kind_display()),
            Column("请求机关", lambda r: r.requester.name),
            Column("协助机关", lambda r: r.helper.name),
            Column("异地协助", lambda r: "是" if r.cross_region else "否"),
            Column("协助事项名称", lambda r: r.subject),
            Column("状态", lambda r: r.get_status_display()),
            Column("发函时间", lambda r: r.sent_at, "datetime"),
            Column("答复期限", lambda r: r.due_on, "date"),
            Column("答复日期", lambda r: r.answered_on, "date"),
        ),
        queryset=lambda user, params: selectors.requests_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def assistance_export(request):
    return exports.respond(request, EXPORT)


@login_required
def assistance_new(request):
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    initial = {"case": request.GET.get("case")} if request.GET.get("case", "").isdigit() else None
    form = forms.RequestForm(request.POST or None, initial=initial, user=request.user, perm=HANDLE)

    def call(data):
        agency = data.pop("agency") or request.user.agency
        return services.assistance_request(
            actor=request.user, agency=agency, data=services.RequestInput(**data)
        )

    return form_page(request, form, call, done="协助函已发送", title="发送协助函",
                     back=reverse("collaboration:assistance_list"),
                     redirect_to=lambda r: redirect("collaboration:assistance_detail", r.pk))  # fmt: skip


@login_required
def assistance_detail(request, pk: int):
    item = selectors.get_request(request.user, pk)
    return render(request, "collaboration/assistance/detail.html", {
        "item": item, "overdue": is_overdue(item), "records": records_of(item),
        "offered": MACHINE.buttons(item, offered(request.user, item)),
    })  # fmt: skip


STEPS = {
    "receive": (EmptyForm, lambda u, r, d: services.assistance_receive(actor=u, request=r)),
    "extend": (forms.ExtendForm, lambda u, r, d: services.assistance_extend(actor=u, request=r, **d)),
    "answer": (forms.AnswerForm, lambda u, r, d: services.assistance_answer(actor=u, request=r, **d)),
    "decline": (forms.DeclineForm, lambda u, r, d: services.assistance_decline(actor=u, request=r, **d)),
}


@login_required
def assistance_step(request, pk: int, action: str):
    item = selectors.get_request(request.user, pk)
    if action not in STEPS:
        raise Http404("没有该操作")
    if request.method == "GET" and action not in offered(request.user, item):
        raise PermissionDenied("您无权执行此操作")
    form_class, service = STEPS[action]
    label = MACHINE.first(action).label
    return form_page(request, form_class(request.POST or None), lambda d: service(request.user, item, d),
                     done=f"已{label}", title=label, back=reverse("collaboration:assistance_detail", args=[pk]),
                     redirect_to=back_to("collaboration:assistance_detail", pk),
                     extra={"subject_line": f"{item.number} {item.get_kind_display()}：{item.subject}"})  # fmt: skip


@login_required
def assistance_file(request, pk: int, fmt: str):
    """协助函 as PDF or DOCX."""
    if fmt not in document.CONTENT_TYPES:
        raise Http404("没有该格式")
    item = selectors.get_request(request.user, pk)
    return _file(document.render_assistance(item, fmt), fmt, document.assistance_filename(item, fmt))
