"""抄告 and 信息共享 pages (thin: forms → services; reads through selectors). Both parties open a 抄告's page;
each action is offered to the side whose it is."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core import exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of, query_of
from zhifa.core.pagination import paginate

from . import document, forms, selectors, services
from .choices import NoticeKind, NoticeStatus, ShareCategory
from .pages import back_to, form_page, records_of
from .transitions import HANDLE, MACHINE, is_overdue, offered

FILTER_KEYS = ("q", "kind", "status", "direction", "overdue", "sort")


def _filters(request) -> tuple[dict, selectors.NoticeFilters]:
    raw = filters_of(request, FILTER_KEYS)
    return raw, selectors.NoticeFilters(
        q=raw["q"],
        kind=raw["kind"] if raw["kind"] in NoticeKind.values else "",
        status=raw["status"] if raw["status"] in NoticeStatus.values else "",
        direction=raw["direction"] if raw["direction"] in ("in", "out") else "",
        overdue=raw["overdue"] == "1",
        sort=selectors.NOTICE_SORTS.parse(raw["sort"]).value,
    )


@login_required
def notice_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.notices_visible_to(request.user, parsed))
    return render(request, "collaboration/notices/list.html", {
        "page": page, "rows": [(n, is_overdue(n)) for n in page], "filters": raw,
        "query": query_of({**raw, "sort": parsed.sort}), "sorting": selectors.NOTICE_SORTS.parse(parsed.sort),
        "kinds": NoticeKind.choices, "statuses": NoticeStatus.choices,
        "can_enter": request.user.has_perm(HANDLE),
    })  # fmt: skip


EXPORT = exports.register(
    exports.ListExport(
        key="collaboration.notice_list",
        filename="抄告.xlsx",
        columns=(
            Column("抄告类别", lambda n: n.get_kind_display()),
            Column("抄告机关", lambda n: n.sender.name),
            Column("接收机关", lambda n: n.receiver.name if n.receiver else ""),
            Column("决定事项", lambda n: n.title),
            Column("决定文号", lambda n: n.number),
            Column("当事人", lambda n: n.party),
            Column("决定日期", lambda n: n.decided_on, "date"),
            Column("状态", lambda n: n.get_status_display()),
            Column("抄告期限", lambda n: n.due_on, "date"),
            Column("抄告时间", lambda n: n.sent_at, "datetime"),
            Column("签收期限", lambda n: n.ack_due, "date"),
            Column("签收时间", lambda n: n.acknowledged_at, "datetime"),
        ),
        queryset=lambda user, params: selectors.notices_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def notice_export(request):
    return exports.respond(request, EXPORT)


@login_required
def notice_new(request):
    """录入审批决定抄告: a business department's approval decision, told to the 综合行政执法部门."""
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    form = forms.ApprovalForm(request.POST or None, user=request.user, perm=HANDLE)

    def call(data):
        agency = data.pop("agency") or request.user.agency
        return services.notice_enter_approval(actor=request.user, agency=agency,
                                              data=services.ApprovalInput(**data))  # fmt: skip

    return form_page(request, form, call, done="审批决定已录入并抄告", title="录入审批决定抄告",
                     back=reverse("collaboration:notice_list"),
                     redirect_to=lambda n: redirect("collaboration:notice_detail", n.pk),
                     extra={"hint": "业务主管部门作出的行政审批事项，一般应于10个工作日内告知综合行政执法部门；情况紧急的，应当立即告知。"})  # fmt: skip


@login_required
def notice_detail(request, pk: int):
    notice = selectors.get_notice(request.user, pk)
    return render(request, "collaboration/notices/detail.html", {
        "notice": notice, "overdue": is_overdue(notice), "records": records_of(notice),
        "offered": [(a, MACHINE.first(a).label) for a in offered(request.user, notice)],
    })  # fmt: skip


@login_required
def notice_step(request, pk: int, action: str):
    notice = selectors.get_notice(request.user, pk)
    if action not in ("send", "acknowledge"):
        raise Http404("没有该操作")
    if action not in offered(request.user, notice) and request.method == "GET":
        raise PermissionDenied("您无权执行此操作")
    if action == "send":
        form = forms.SendForm(request.POST or None, user=request.user)

        def call(data):
            return services.notice_send(actor=request.user, notice=notice, **data)
    else:
        form = forms.EmptyForm(request.POST or None)

        def call(data):
            return services.notice_acknowledge(actor=request.user, notice=notice)

    return form_page(request, form, call, done=f"已{MACHINE.first(action).label}", title=MACHINE.first(action).label,
                     back=reverse("collaboration:notice_detail", args=[pk]),
                     redirect_to=back_to("collaboration:notice_detail", pk),
                     extra={"subject_line": f"{notice.get_kind_display()}：{notice.title}（{notice.party}）"})  # fmt: skip


@login_required
def notice_file(request, pk: int, fmt: str):
    """抄告单 as PDF or DOCX."""
    if fmt not in document.CONTENT_TYPES:
        raise Http404("没有该格式")
    notice = selectors.get_notice(request.user, pk)
    return _file(document.render_notice(notice, fmt), fmt, document.notice_filename(notice, fmt))


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# ---- 信息共享登记 -------------------------------------------------------------------------------------------


@login_required
def sharing_list(request):
    raw = filters_of(request, ("q", "category"))
    category = raw["category"] if raw["category"] in ShareCategory.values else ""
    sorting = selectors.SHARING_SORTS.of(request)
    page = paginate(request, selectors.sharing_visible_to(request.user, raw["q"], category, sorting.value))
    return render(request, "collaboration/notices/sharing.html", {
        "page": page, "filters": raw, "sorting": sorting, "categories": ShareCategory.choices,
        "can_enter": request.user.has_perm(HANDLE),
    })  # fmt: skip


@login_required
def sharing_new(request):
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    form = forms.SharingForm(request.POST or None, user=request.user, perm=HANDLE)

    def call(data):
        agency = data.pop("agency") or request.user.agency
        return services.sharing_register(
            actor=request.user, agency=agency, data=services.SharingInput(**data)
        )

    return form_page(request, form, call, done="共享事项已登记", title="登记共享事项",
                     back=reverse("collaboration:sharing_list"),
                     redirect_to=lambda _: redirect("collaboration:sharing_list"))  # fmt: skip


@login_required
def sharing_share(request, pk: int):
    entry = selectors.get_sharing(request.user, pk)
    form = forms.ShareForm(request.POST or None)
    return form_page(request, form, lambda d: services.sharing_record(actor=request.user, entry=entry, **d),
                     done="已登记本次共享", title="登记一次共享", back=reverse("collaboration:sharing_list"),
                     redirect_to=lambda _: redirect("collaboration:sharing_list"),
                     extra={"subject_line": f"{entry.provider.name} → {entry.receiver.name}：{entry.content}"})  # fmt: skip
