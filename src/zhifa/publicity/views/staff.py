"""Staff pages of 行政执法公示: drafts and their approval, withholding, correction and withdrawal, the
registration of other decisions, and the 统计年报. Thin: scoped reads, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, query_of
from zhifa.core.pagination import paginate
from zhifa.core.params import year_param

from .. import selectors, services
from ..annual_report import due_date, sections
from ..choices import DisclosureStatus
from ..forms import CorrectForm, EditForm, RegisterForm, ReportForm, WithdrawForm, WithholdForm
from ..models import AnnualReport, Disclosure
from ..report_files import docx_response, xlsx_report_response

VIEW = "publicity.view_disclosure"


def _apply(form, action) -> bool:
    """Run `action()`; a refusal lands on the form (by field when it names one) instead of a 500."""
    try:
        action()
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True


def _act_or_message(request, action, done: str) -> None:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)


def _form_page(request, form, title: str, back_url: str, submit_label: str = "保存"):
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": title, "back_url": back_url, "submit_label": submit_label},
    )


@login_required
def disclosure_list(request):
    if request.GET.get("export") == "xlsx":
        return exports.respond(request, EXPORT)
    status, q = request.GET.get("status", ""), request.GET.get("q", "")
    sorting = selectors.DISCLOSURE_SORTS.of(request)
    rows = sorting.apply(selectors.disclosures_visible_to(request.user, status=status, q=q))
    page = paginate(request, rows)
    context = {
        "page": page,
        "filters": {"status": status, "q": q},
        "sorting": sorting,
        "query": query_of({"status": status, "q": q, "sort": sorting.value, "export": "xlsx"}),
        "statuses": DisclosureStatus.choices,
        "today": timezone.localdate(),
        "can_bulk_publish": request.user.has_perm(services.APPROVE),
    }
    return render(request, "publicity/disclosure_list.html", context)


@login_required
@require_POST
def disclosure_bulk_publish(request):
    """批量审核通过并公示 the drafts ticked on the list; back to the list (its filters, sort and page kept),
    naming every refused draft and why."""
    if not request.user.has_perm(services.APPROVE):
        raise PermissionDenied
    ids = {int(raw) for raw in request.POST.getlist("ids") if raw.isdigit()}
    if not ids:
        messages.error(request, "请勾选要公示的草稿")
    else:
        _bulk_messages(request, ids, selectors.disclosures_visible_to(request.user).filter(pk__in=ids))
    back = request.POST.get("back", "")
    return redirect(f"{reverse('publicity:list')}?{back}" if back.isprintable() else "publicity:list")


def _bulk_messages(request, ids: set[int], drafts) -> None:
    try:
        outcome = services.disclosures_publish(actor=request.user, disclosures=drafts.order_by("pk"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return
    if outcome.published:
        messages.success(request, f"已公示{len(outcome.published)}条")
    for label, reason in outcome.refused:
        messages.error(request, f"{label}：未公示，{reason}")
    if missing := len(ids) - len(outcome.published) - len(outcome.refused):
        messages.error(request, f"{missing}条公示未找到或不在您的管辖范围内，未处理")


# The export of the filtered list (?export=xlsx on the list page), on the core.exports kit.
EXPORT = exports.register(
    exports.ListExport(
        key="publicity.disclosure_list",
        filename="执法决定公示.xlsx",
        columns=(
            Column("文号", lambda d: d.number),
            Column("版本", lambda d: d.version),
            Column("执法类别", lambda d: d.get_kind_display()),
            Column("执法对象", lambda d: d.subject_name),
            Column("执法机关", lambda d: d.agency.name),
            Column("状态", lambda d: d.get_status_display()),
            Column("决定日期", lambda d: d.decided_on, "date"),
            Column("公示期限", lambda d: d.due_on, "date"),
            Column("公示日期", lambda d: d.published_on, "date"),
            Column("记录哈希", lambda d: d.record_hash),
        ),
        queryset=lambda user, params: selectors.DISCLOSURE_SORTS.parse(params.get("sort", "")).apply(
            selectors.disclosures_visible_to(user, status=params.get("status", ""), q=params.get("q", ""))
        ),
        perm=VIEW,
    )
)


def _disclosure(request, pk: int) -> Disclosure:
    return access.get_visible_or_404(request.user, Disclosure.objects.select_related("agency"), VIEW, pk=pk)


@login_required
def disclosure_detail(request, pk: int):
    d = _disclosure(request, pk)
    context = {
        "d": d,
        "can_draft": access.can(request.user, services.DRAFT, d),
        "can_approve": access.can(request.user, services.APPROVE, d),
        "withhold_form": WithholdForm(),
        "withdraw_form": WithdrawForm(initial={"reason": d.withdraw_reason}),
        "today": timezone.localdate(),
    }
    return render(request, "publicity/disclosure_detail.html", context)


@login_required
def disclosure_edit(request, pk: int):
    d = _disclosure(request, pk)
    form = EditForm(request.POST or None, initial={"conclusion": d.conclusion, "summary": d.summary})

    def act():
        services.disclosure_edit(actor=request.user, disclosure=d, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and _apply(form, act):
        return redirect("publicity:detail", d.pk)
    return _form_page(request, form, f"修改公示草稿：{d}", f"/publicity/{d.pk}/")


@login_required
def disclosure_correct(request, pk: int):
    d = _disclosure(request, pk)
    form = CorrectForm(request.POST or None, initial={"conclusion": d.conclusion, "summary": d.summary})
    result = {}

    def act():
        result["new"] = services.disclosure_correct(actor=request.user, disclosure=d, **form.cleaned_data)

    if request.method == "POST" and form.is_valid() and _apply(form, act):
        return redirect("publicity:detail", result["new"].pk)
    return _form_page(request, form, f"更正公示：{d}", f"/publicity/{d.pk}/", "生成更正版本")


@login_required
@require_POST
def disclosure_publish(request, pk: int):
    d = _disclosure(request, pk)
    _act_or_message(request, lambda: services.disclosure_publish(actor=request.user, disclosure=d), "已公示")
    return redirect("publicity:detail", d.pk)


def _post_form(request, pk: int, form_class, action, title: str):
    d = _disclosure(request, pk)
    form = form_class(request.POST)
    if form.is_valid() and _apply(
        form, lambda: action(actor=request.user, disclosure=d, **form.cleaned_data)
    ):
        return redirect("publicity:detail", d.pk)
    return _form_page(request, form, f"{title}：{d}", f"/publicity/{d.pk}/")


@login_required
@require_POST
def disclosure_withhold(request, pk: int):
    return _post_form(request, pk, WithholdForm, services.disclosure_withhold, "不予公开")


@login_required
@require_POST
def disclosure_withdraw(request, pk: int):
    return _post_form(request, pk, WithdrawForm, services.disclosure_withdraw, "撤回公示")


@login_required
def disclosure_register(request):
    form = RegisterForm(request.POST or None)
    result = {}

    def act():
        data = services.RegisterInput(**form.cleaned_data)
        result["d"] = services.disclosure_register(actor=request.user, agency=request.user.agency, data=data)

    if request.method == "POST" and form.is_valid() and _apply(form, act):
        return redirect("publicity:detail", result["d"].pk)
    return _form_page(
        request, form, "登记执法决定公示（行政许可、行政强制等）", "/publicity/", "生成公示草稿"
    )


# ---- 统计年报 ----------------------------------------------------------------------------------------


@login_required
def report_list(request):
    rows = access.visible_to(request.user, AnnualReport.objects.select_related("agency"))
    form = ReportForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    result = {}

    def act():
        result["r"] = services.report_generate(
            actor=request.user, agency=request.user.agency, **form.cleaned_data
        )

    if request.method == "POST" and form.is_valid() and _apply(form, act):
        return redirect("publicity:report", result["r"].pk)
    context = {"page": paginate(request, rows), "form": form, "filters": {}}
    return render(request, "publicity/report_list.html", context)


def _report(request, pk: int) -> AnnualReport:
    return access.get_visible_or_404(request.user, AnnualReport.objects.select_related("agency"), pk=pk)


@login_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    if request.method == "POST":
        _act_or_message(request, lambda: services.report_publish(actor=request.user, report=report), "已公开")
        return redirect("publicity:report", report.pk)
    context = {
        "report": report,
        "sections": sections(report.figures),
        "due": due_date(report.year),
        "can_publish": access.can(request.user, services.REPORT, report),
    }
    return render(request, "publicity/report_detail.html", context)


@login_required
def report_file(request, pk: int, fmt: str):
    report = _report(request, pk)
    return docx_response(report) if fmt == "docx" else xlsx_report_response(report)


@login_required
def reports_missing(request):
    """司法行政部门: the agencies in its region whose 统计年报 for the year is not yet public."""
    year = year_param(request, default=timezone.localdate().year - 1)
    rows = selectors.agencies_without_report(request.user, year)
    context = {"rows": rows, "year": year, "due": due_date(year)}
    return render(request, "publicity/reports_missing.html", context)
