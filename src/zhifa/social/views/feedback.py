"""社会监督反馈 pages: the list (search, filters, sort, paging, Excel), entry, the feedback page with its
actions from the transition table (受理, 答复, 转为监督事项, 转为投诉举报), and its files. An agency reads the feedback
concerning it without any action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.cases.evidence import storage
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of, query_of, refusal_messages
from zhifa.core.pagination import paginate
from zhifa.core.params import id_param

from .. import forms, selectors
from ..choices import FeedbackSource, FeedbackStatus
from ..models import FeedbackFile
from ..services import feedback as services
from ..transitions import HANDLE_FEEDBACK, MACHINE
from .shared import form_page, records

FILTERS = ("q", "status", "source", "overdue", "sort", "agency", "supervisor", "contact_point")


def _filters(request) -> tuple[dict, selectors.FeedbackFilters]:
    raw = filters_of(request, FILTERS)
    parsed = selectors.FeedbackFilters(
        q=raw["q"],
        status=raw["status"] if raw["status"] in FeedbackStatus.values else "",
        source=raw["source"] if raw["source"] in FeedbackSource.values else "",
        agency=id_param(request, "agency"),
        supervisor=id_param(request, "supervisor"),
        contact_point=id_param(request, "contact_point"),
        overdue=raw["overdue"] == "1",
        sort=selectors.FEEDBACK_SORTS.parse(raw["sort"]).value,
    )
    return raw, parsed


@login_required
def feedback_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.feedback_visible_to(request.user, parsed))
    today = selectors.clocks.today()
    page.object_list = [(f, selectors.is_overdue(f, today)) for f in page.object_list]
    return render(
        request,
        "social/feedback_list.html",
        {
            "page": page,
            "filters": raw,
            "query": query_of({**raw, "sort": parsed.sort}),
            "sorting": selectors.FEEDBACK_SORTS.parse(parsed.sort),
            "statuses": FeedbackStatus.choices,
            "sources": FeedbackSource.choices,
            "can_submit": request.user.has_perm(HANDLE_FEEDBACK),
        },
    )


EXPORT = exports.register(
    exports.ListExport(
        key="social.feedback_list",
        filename="社会监督反馈.xlsx",
        columns=(
            Column("反馈事项", lambda f: f.title),
            Column("来源", lambda f: f.get_source_display()),
            Column("监督员或联系点", lambda f: str(f.sender)),
            Column("反映的机关", lambda f: f.agency.name),
            Column("收到日期", lambda f: f.received_on, "date"),
            Column("答复期限", lambda f: f.answer_due, "date"),
            Column("状态", lambda f: f.get_status_display()),
            Column("反馈内容", lambda f: f.text),
            Column("答复内容", lambda f: f.answer),
        ),
        queryset=lambda user, params: selectors.feedback_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
    )
)


@login_required
def feedback_export(request):
    _filters(request)  # a malformed id is a 400, as on the list
    return exports.respond(request, EXPORT)


@login_required
def feedback_new(request):
    if not request.user.has_perm(HANDLE_FEEDBACK):
        raise Http404("未找到该页面")
    form = forms.FeedbackForm(request.POST or None, request.FILES or None, user=request.user)
    return form_page(
        request, form, title="录入社会监督反馈", back=reverse("social:feedback_list"),
        call=lambda f: services.feedback_submit(actor=request.user, data=f.to_input()),
        done="反馈已录入", target=lambda f: reverse("social:feedback_detail", args=[f.pk]),
    )  # fmt: skip


def _offered(user, feedback) -> list[tuple[str, str, str]]:
    """(action, label, button class): the next step of the feedback's state is the main button."""
    perms = {HANDLE_FEEDBACK} if access.can(user, HANDLE_FEEDBACK, feedback) else set()
    return MACHINE.buttons(feedback, MACHINE.offered(feedback, perms))


@login_required
def feedback_detail(request, pk: int):
    feedback = selectors.get_feedback(request.user, pk)
    item = feedback.supervision_item
    return render(
        request,
        "social/feedback.html",
        {
            "feedback": feedback,
            "overdue": selectors.is_overdue(feedback),
            "files": list(feedback.files.all()),
            "offered": _offered(request.user, feedback),
            "records": records(feedback),
            "can_open_item": item is not None
            and access.can(request.user, "supervision.view_supervisionitem", item),
            "can_open_complaint": feedback.complaint is not None
            and access.can(request.user, "complaints.view_complaint", feedback.complaint),
        },
    )


@login_required
@require_POST
def feedback_acknowledge(request, pk: int):
    feedback = selectors.get_feedback(request.user, pk)
    if not access.can(request.user, HANDLE_FEEDBACK, feedback):
        raise PermissionDenied("您无权执行此操作")
    try:
        services.feedback_acknowledge(actor=request.user, feedback=feedback)
    except ValidationError as error:
        refusal_messages(request, error)
    else:
        messages.success(request, "已受理")
    return redirect("social:feedback_detail", feedback.pk)


def _step(request, pk: int, *, form_class, action: str, done, call, target=None):
    feedback = selectors.get_feedback(request.user, pk)
    if not access.can(request.user, HANDLE_FEEDBACK, feedback):
        raise PermissionDenied("您无权执行此操作")
    url = reverse("social:feedback_detail", args=[feedback.pk])
    form = form_class(request.POST if request.method == "POST" else None)
    return form_page(
        request, form, title=MACHINE.first(action).label, back=url, done=done,
        target=target or (lambda _: url), call=lambda f: call(feedback, f.cleaned_data),
        context={"feedback": feedback},
    )  # fmt: skip


@login_required
def feedback_answer(request, pk: int):
    return _step(
        request, pk, form_class=forms.AnswerForm, action="answer", done="已答复",
        call=lambda f, d: services.feedback_answer(actor=request.user, feedback=f, **d),
    )  # fmt: skip


@login_required
def feedback_supervise(request, pk: int):
    return _step(
        request, pk, form_class=forms.SuperviseForm, action="supervise", done="已转为监督事项",
        call=lambda f, d: services.feedback_supervise(actor=request.user, feedback=f, **d),
        target=lambda item: reverse("supervision:action_detail", args=[item.pk]),
    )  # fmt: skip


@login_required
def feedback_forward(request, pk: int):
    def done(result) -> str:
        complaint, code = result
        return f"已转为投诉举报{complaint.number}，由{complaint.agency.name}承办。查询码：{code}（只显示这一次，请告知反馈人）"

    return _step(
        request, pk, form_class=forms.ForwardForm, action="forward", done=done,
        call=lambda f, d: services.feedback_forward(actor=request.user, feedback=f, **d),
        target=lambda result: reverse("social:feedback_detail", args=[pk]),
    )  # fmt: skip


@login_required
def feedback_file(request, pk: int):
    row = get_object_or_404(FeedbackFile.objects.only("feedback_id", "sha256", "name", "media_type"), pk=pk)
    selectors.get_feedback(request.user, row.feedback_id)  # 404 outside what the user may see
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response
