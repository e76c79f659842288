"""案件移送 pages (thin: forms → services; reads through selectors). The transfer page is the working page of
both parties: the sender's leader approves, the receiver acknowledges, accepts or refuses, either party brings
a refusal to a dispute, the region's justice bureau records the decision. Each action has a page of its own
(a phone shows one form at a time) reached from the buttons the transition table offers."""

from collections.abc import Callable
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from zhifa.cases import selectors as case_selectors
from zhifa.cases.models import Case
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import Form, apply_errors, filters_of, query_of
from zhifa.core.models import Record
from zhifa.core.params import id_param, paginate

from ..disputes import services as disputes
from ..models import Transfer
from . import document, forms, selectors, services
from .choices import TransferStatus
from .transitions import MACHINE, SEND, is_late

FILTER_KEYS = ("q", "status", "view", "sort")
VIEW = "collaboration.view_transfer"
VIEWS = {"": "全部", "in": "待接收（收到的）", "out": "已发出"}


def _rows(request):
    raw = filters_of(request, FILTER_KEYS)
    raw["sort"] = selectors.TRANSFER_SORTS.parse(raw["sort"]).value
    rows = selectors.transfer_list(
        request.user, view=raw["view"], q=raw["q"], status=raw["status"], sort=raw["sort"]
    )
    return raw, rows


def _viewer(request) -> None:
    if not request.user.has_perm(VIEW):
        raise Http404("未找到该页面")


@login_required
def transfer_list(request):
    _viewer(request)
    raw, rows = _rows(request)
    page = paginate(request, rows)
    return render(
        request,
        "collaboration/transfers/list.html",
        {
            "page": page,
            "rows": [(t, t.status == TransferStatus.PENDING and is_late(t)) for t in page],
            "filters": raw,
            "query": query_of(raw),
            "sorting": selectors.TRANSFER_SORTS.parse(raw["sort"]),
            "statuses": TransferStatus.choices,
            "views": list(VIEWS.items()),
            "can_send": request.user.has_perm(SEND),
        },
    )


EXPORT = exports.register(
    exports.ListExport(
        key="collaboration.transfer_list",
        filename="案件移送.xlsx",
        columns=(
            Column("移送函文号", lambda t: t.number),
            Column("案由", lambda t: t.summary),
            Column("移送机关", lambda t: t.agency.name),
            Column("接收机关", lambda t: t.receiver.name),
            Column("移送类型", lambda t: t.get_kind_display()),
            Column("事项", lambda t: f"{t.item_code} {t.item_name}"),
            Column("当事人", lambda t: t.party_name),
            Column("紧急", lambda t: "是" if t.urgent else "否"),
            Column("状态", lambda t: t.get_status_display()),
            Column("移送期限", lambda t: t.due_on, "date"),
            Column("移送时间", lambda t: t.sent_at, "datetime"),
        ),
        queryset=lambda user, params: _rows(exports.request_of(params, user))[1],
        perm=VIEW,
    )
)


@login_required
def transfer_export(request):
    _viewer(request)
    return exports.respond(request, EXPORT)


def _case_of(request) -> Case | None:
    pk = id_param(request, "case")
    if pk is None:
        return None
    return access.get_visible_or_404(
        request.user, Case.objects.select_related("agency"), case_selectors.VIEW, pk=pk
    )


@login_required
def transfer_new(request):
    if not request.user.has_perm(SEND):
        raise Http404("未找到该页面")
    case = _case_of(request)
    form = forms.TransferForm(request.POST or None, user=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_create(
                actor=request.user, agency=form.cleaned_data["agency"], data=form.to_input()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "已登记移送，待领导批准")
            return redirect("collaboration:transfer_detail", transfer.pk)
    return render(
        request, "collaboration/transfers/form.html", {"form": form, "title": "登记案件移送", "case": case}
    )


def get_transfer(user, pk: int) -> Transfer:
    return access.get_visible_or_404(user, selectors.transfers_visible_to(user), pk=pk)


def records_of(transfer: Transfer) -> list[Record]:
    return list(
        Record.objects.filter(subject_type=transfer._meta.label_lower, subject_id=str(transfer.pk))
        .select_related("agency")
        .order_by("at", "id")
    )


@login_required
def transfer_detail(request, pk: int):
    transfer = get_transfer(request.user, pk)
    offered = selectors.offered_actions(request.user, transfer)
    dispute = getattr(transfer, "dispute", None) if transfer.status in (
        TransferStatus.DISPUTED, TransferStatus.ACCEPTED, TransferStatus.RETURNED
    ) else None  # fmt: skip
    return render(
        request,
        "collaboration/transfers/detail.html",
        {
            "transfer": transfer,
            "late": is_late(transfer) if transfer.status != TransferStatus.WITHDRAWN else False,
            "offered": MACHINE.buttons(transfer, offered),
            "evidence": list(transfer.evidence.all()),
            "dispute": dispute,
            "records": records_of(transfer),
            "can_open_case": transfer.case_id
            and access.can(request.user, case_selectors.VIEW, transfer.case),
            "can_open_receiver_case": transfer.receiver_case_id
            and access.can(request.user, case_selectors.VIEW, transfer.receiver_case),
        },
    )


def _dispute_open(*, actor, transfer, forum, reason, interim):
    return disputes.dispute_open(actor=actor, transfer=transfer, forum=forum, reason=reason, interim=interim)


def _decide(*, actor, transfer, side, decision, organ):
    return disputes.dispute_decide(
        actor=actor, dispute=transfer.dispute, side=side, decision=decision, organ=organ
    )


ACTION_FORMS: dict[str, tuple[type[Form], Callable[..., object], str]] = {
    "approve": (forms.ConfirmForm, services.transfer_approve, "已批准，移送函已发出"),
    "withdraw": (forms.ReasonForm, services.transfer_withdraw, "已撤回"),
    "acknowledge": (forms.ConfirmForm, services.transfer_acknowledge, "已签收"),
    "accept": (forms.ConfirmForm, services.transfer_accept, "已接收，并已登记本机关案件"),
    "refuse": (forms.RefuseForm, services.transfer_refuse, "已拒收"),
    "keep": (forms.ConfirmForm, services.transfer_keep, "已转为自行办理"),
    "dispute": (forms.DisputeForm, _dispute_open, "已提请管辖争议"),
    "decide": (forms.DecideForm, _decide, "争议决定已录入"),
}


@login_required
def transfer_step(request, pk: int, action: str):
    """One action on the transfer: its form (GET), or the action (POST); a refusal beside the field."""
    if action not in ACTION_FORMS:
        raise Http404("没有该操作")
    transfer = get_transfer(request.user, pk)
    if not selectors.may(request.user, transfer, action):
        raise PermissionDenied("您无权执行此操作")
    form_class, call, done = ACTION_FORMS[action]
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            call(actor=request.user, transfer=transfer, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("collaboration:transfer_detail", transfer.pk)
    return render(
        request,
        "collaboration/transfers/step.html",
        {"form": form, "transfer": transfer, "title": MACHINE.first(action).label, "action": action},
    )


@login_required
def transfer_letter(request, pk: int, fmt: str):
    """移送函 as PDF or DOCX (numbered once approved; before that, the draft the leader reads)."""
    if fmt not in document.CONTENT_TYPES:
        raise Http404("没有该格式")
    transfer = get_transfer(request.user, pk)
    response = HttpResponse(document.render(transfer, fmt), content_type=document.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(document.filename(transfer, fmt))}"
    )
    return response
