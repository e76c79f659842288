"""投诉举报 staff pages (thin: forms → services; reads through selectors). The complaint's page offers the
actions its transition table allows the user; each action has a page of its own (one form on a phone)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.cases.evidence import storage
from zhifa.core import access, exports, pickers
from zhifa.core import panels as core_panels
from zhifa.core.exports import Column
from zhifa.core.forms import Form, apply_errors, date_or_none, filters_of, int_or_none, query_of
from zhifa.core.models import Record
from zhifa.core.pagination import paginate
from zhifa.core.privacy import mask_phone
from zhifa.core.selectors import active_agencies

from . import forms, hotline, report, selectors, services
from .choices import UNACCEPTED, Channel, Kind, Status
from .models import Complaint, ComplaintFile
from .transitions import HANDLE, MACHINE, SETTLE, VIEW, offered

FILTER_KEYS = ("q", "status", "channel", "kind", "agency", "overdue", "sort")


def _filters(request) -> tuple[dict, selectors.Filters]:
    raw = filters_of(request, FILTER_KEYS)
    parsed = selectors.Filters(
        q=raw["q"],
        status=raw["status"] if raw["status"] in Status.values else "",
        channel=raw["channel"] if raw["channel"] in Channel.values else "",
        kind=raw["kind"] if raw["kind"] in Kind.values else "",
        agency=int_or_none(raw["agency"]),
        overdue=raw["overdue"] == "1",
        sort=selectors.COMPLAINT_SORTS.parse(raw["sort"]).value,
    )
    return raw, parsed


@login_required
def complaint_list(request):
    raw, parsed = _filters(request)
    page = paginate(request, selectors.complaints_visible_to(request.user, parsed))
    return render(
        request,
        "complaints/list.html",
        {
            "page": page,
            "rows": [(c, selectors.is_overdue(c)) for c in page],
            "filters": raw,
            "query": query_of({**raw, "sort": parsed.sort}),
            "sorting": selectors.COMPLAINT_SORTS.parse(parsed.sort),
            "statuses": Status.choices,
            "channels": Channel.choices,
            "kinds": Kind.choices,
            "agencies": (agencies := active_agencies(request.user, VIEW)),
            "agency_picker": pickers.agency_filter(
                agencies, raw["agency"], perm=VIEW, aria_label="承办机关", empty_label="全部承办机关"
            ),
            "can_enter": request.user.has_perm(HANDLE),
        },
    )


# The export of the filtered list on the core.exports kit (read in chunks, streamed; no row cap).
EXPORT = exports.register(
    exports.ListExport(
        key="complaints.complaint_list",
        filename="投诉举报.xlsx",
        columns=(
            Column("编号", lambda c: c.number),
            Column("类别", lambda c: c.get_kind_display()),
            Column("来源渠道", lambda c: c.get_channel_display()),
            Column("12345工单号", lambda c: c.hotline_number),
            Column("投诉举报人", lambda c: c.complainant),
            Column("被投诉举报对象", lambda c: c.subject_name),
            Column("事项概要", lambda c: c.title),
            Column("事项编码", lambda c: c.item_code),
            Column("承办机关", lambda c: c.agency.name),
            Column("状态", lambda c: c.get_status_display()),
            Column("收到日期", lambda c: c.received_on, "date"),
            Column("受理期限", lambda c: c.ack_due, "date"),
            Column("答复期限", lambda c: c.reply_due, "date"),
            Column("答复日期", lambda c: c.replied_on, "date"),
            Column("评价", lambda c: c.get_rating_display() if c.rating else ""),
        ),
        queryset=lambda user, params: selectors.complaints_visible_to(
            user, _filters(exports.request_of(params))[1]
        ),
        perm=VIEW,
    )
)
EXPORT_HEADERS = EXPORT.headers


@login_required
def complaint_export(request):
    return exports.respond(request, EXPORT)


@login_required
def complaint_new(request):
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    form = forms.StaffForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, code = services.complaint_enter(actor=request.user, data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return render(request, "complaints/entered.html", {"complaint": complaint, "code": code,
                                                                "visible": access.can(request.user, VIEW, complaint)})  # fmt: skip
    return render(request, "complaints/form.html", {"form": form, "title": "登记投诉举报", "multipart": True})


def _perms(user, complaint) -> set[str]:
    perms = set()
    if access.can(user, HANDLE, complaint) and user.agency_id == complaint.agency_id:
        perms.add(HANDLE)
    if access.can(user, SETTLE, complaint):
        perms.add(SETTLE)
    return perms


@login_required
def complaint_detail(request, pk: int):
    complaint = selectors.get_complaint(request.user, pk)
    perms = _perms(request.user, complaint)
    records = Record.objects.filter(
        subject_type=complaint._meta.label_lower, subject_id=str(complaint.pk)
    ).order_by("at", "id")
    links = []
    if HANDLE in perms and complaint.case_id is None and complaint.status not in (*UNACCEPTED, Status.CLOSED):
        links.append(("open_case", "登记为案件"))
    if HANDLE in perms and complaint.case_id is None and complaint.status not in UNACCEPTED:
        links.append(("link_case", "关联已立案件"))
    if SETTLE in perms and complaint.supervision_item_id is None:
        links.append(("open_item", "立项监督"))
    if SETTLE in perms and complaint.oversight_id is None:
        links.append(("open_oversight", "督办"))
    duplicates = (
        list(selectors.duplicates_of(complaint, request.user)[:10])
        if complaint.status != Status.CLOSED
        else []
    )
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            # the complainant's phone in full only to those handling the complaint (最小必要)
            "phone": complaint.phone if HANDLE in perms else mask_phone(complaint.phone),
            "overdue": selectors.is_overdue(complaint),
            # (action, label, button class): the next step of the complaint's state is the main button
            "offered": MACHINE.buttons(complaint, [a for a in offered(complaint, perms) if a != "merge"]),
            "links": links,
            "duplicates": duplicates,
            "can_merge": "merge" in offered(complaint, perms),
            "files": list(complaint.files.all()),
            "records": list(records),
            "panels": core_panels.render("complaint", request, "complaint", complaint),
            "show": {
                "case": complaint.case and access.can(request.user, "cases.view_case", complaint.case),
                "item": complaint.supervision_item
                and access.can(request.user, "supervision.view_supervisionitem", complaint.supervision_item),
                "oversight": complaint.oversight
                and access.can(request.user, "supervision.view_oversight", complaint.oversight),
            },
        },
    )


@dataclass(frozen=True)
class Step:
    form: type[Form]
    call: Callable[..., object]
    done: str
    perm: str = HANDLE
    needs_complaint: bool = False  # the form is built with the complaint (its agency picker)


def _merge(*, actor, complaint, into):
    target = Complaint.objects.filter(number=(into or "").strip()).first()
    if target is None and (into or "").strip():
        from django.core.exceptions import ValidationError as VE

        raise VE({"into": f"没有编号为{into}的投诉举报"})
    return services.complaint_merge(actor=actor, complaint=complaint, into=target)


def _open_case(*, actor, complaint, party_kind, party_name, credit_code, id_number, place, item_code):
    from zhifa.cases.services import PartyInput

    party = PartyInput(kind=party_kind, name=party_name, credit_code=credit_code, id_number=id_number)
    return services.complaint_open_case(actor=actor, complaint=complaint, party=party, place=place,
                                        item_codes=(item_code,) if item_code else ())  # fmt: skip


STEPS: dict[str, Step] = {
    "accept": Step(Form, services.complaint_accept, "已受理"),
    "transfer": Step(forms.TransferForm, services.complaint_transfer, "已转办", needs_complaint=True),
    "dispute": Step(forms.DisputeForm, services.complaint_dispute, "已提请司法行政机关裁定"),
    "settle": Step(
        forms.SettleForm, services.complaint_settle, "已裁定承办机关", SETTLE, needs_complaint=True
    ),
    "handle": Step(forms.HandleForm, services.complaint_handle, "已开始办理"),
    "extend": Step(forms.ExtendForm, services.complaint_extend, "答复期限已延长"),
    "reply": Step(forms.ReplyForm, services.complaint_reply, "已答复"),
    "redo": Step(forms.RedoForm, services.complaint_redo, "已责令重新办理", SETTLE),
    "close": Step(forms.CloseForm, services.complaint_close, "已办结"),
    "merge": Step(forms.MergeForm, _merge, "已合并"),
    "open_case": Step(forms.OpenCaseForm, _open_case, "已登记案件"),
    "open_item": Step(forms.OpenItemForm, services.complaint_open_item, "已立项监督", SETTLE),
    "link_case": Step(forms.LinkCaseForm, services.complaint_link_case, "已关联案件"),
    "open_oversight": Step(forms.OpenOversightForm, services.complaint_open_oversight, "已督办", SETTLE),
}
TITLES = {
    "merge": "合并为重复件",
    "open_case": "登记为案件",
    "open_item": "立项监督",
    "link_case": "关联已立案件",
    "open_oversight": "督办",
}


@login_required
def complaint_step(request, pk: int, action: str):
    """One action: its form (GET), or the action (POST); a refusal beside the field."""
    step = STEPS.get(action)
    if step is None:
        raise Http404("没有该操作")
    complaint = selectors.get_complaint(request.user, pk)
    perms = _perms(request.user, complaint)
    if step.perm not in perms and not (action == "close" and SETTLE in perms):
        raise PermissionDenied("您无权执行此操作")
    kwargs = {"complaint": complaint} if step.needs_complaint else {}
    form = step.form(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            step.call(actor=request.user, complaint=complaint, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, step.done)
            if access.can(request.user, VIEW, Complaint.objects.get(pk=complaint.pk)):
                return redirect("complaints:detail", complaint.pk)
            return redirect("complaints:list")
    title = TITLES.get(action) or MACHINE.first(action).label
    context = {"form": form, "complaint": complaint, "title": title}
    if action == "link_case":  # the search of the agency's cases (never a list of every case)
        q = request.GET.get("q", "").strip()[:64]
        context["case_search"] = {"q": q, "found": selectors.linkable_cases(complaint, q)}
    return render(request, "complaints/form.html", context)


@login_required
def complaint_file(request, pk: int):
    row = get_object_or_404(ComplaintFile, pk=pk)
    selectors.get_complaint(request.user, row.complaint_id)  # 404 outside what the user may see
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def complaint_import(request):
    if not request.user.has_perm(HANDLE):
        raise Http404("未找到该页面")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is None:
                raise ValidationError({"file": "请选择要导入的文件"})
            made = hotline.hotline_import(actor=request.user, name=upload.name, content=upload.read())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"已导入{len(made)}件12345工单")
            return redirect("complaints:list")
    return render(request, "complaints/import.html", {"form": form, "columns": hotline.COLUMNS})


def _period(request) -> tuple[forms.StatsForm, dict]:
    form = forms.StatsForm(request.GET or None)
    since, until = date_or_none(request.GET.get("since")), date_or_none(request.GET.get("until"))
    return form, {"since": since, "until": until}


@login_required
def complaint_stats(request):
    form, period = _period(request)
    tables = []
    for dimension, (_, label) in selectors.DIMENSIONS.items():
        rows = selectors.statistics(request.user, dimension, **period)
        tables.append((label, rows, selectors.totals(rows)))
    unfiled = selectors.unfiled(queryset=selectors.complaints_visible_to(request.user))
    return render(
        request,
        "complaints/stats.html",
        {
            "form": form,
            "tables": tables,
            "query": query_of({k: v.isoformat() for k, v in period.items() if v}),
            "unfiled": list(unfiled[:50]),
            "unfiled_count": unfiled.count(),
        },
    )


@login_required
def complaint_stats_xlsx(request):
    _, period = _period(request)
    return report.stats_xlsx(request.user, **period)


@login_required
def complaint_report_docx(request):
    _, period = _period(request)
    return report.circular_docx(request.user, **period)


@login_required
def complaint_bulletins(request):
    """定期通报: the monthly and quarterly 通报 generated on schedule (complaints.tasks), to download."""
    from .models import BulletinPeriod

    raw = filters_of(request, ("period", "year", "sort"))
    rows = selectors.bulletins_visible_to(
        request.user, period=raw["period"], year=int_or_none(raw["year"]), sort=raw["sort"]
    )
    return render(
        request,
        "complaints/bulletins.html",
        {"page": paginate(request, rows), "filters": raw, "periods": BulletinPeriod.choices},
    )


@login_required
def complaint_bulletin_file(request, pk: int):
    row = get_object_or_404(selectors.bulletins_visible_to(request.user), pk=pk)  # 404 outside
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response
