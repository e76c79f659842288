"""备案 pages: the list (filters, sorts, pages, Excel through core.exports), the filing form, the detail with the bureau's 备案通过 / 退回 and the filer's
重新报送, the files, and the 重大执法决定法制审核流程图 drawn from the review's transition table. Thin:
the rules are in filings.services; another agency's filing is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from zhifa.cases.evidence import storage
from zhifa.core import access, exports
from zhifa.core.exports import Column
from zhifa.core.forms import apply_errors, list_context
from zhifa.review.flowchart import TITLE, review_flowchart_svg
from zhifa.supervision.attachments import uploads_of_form

from . import selectors, services
from .forms import FilingFilters, FilingForm, ResubmitForm, ReturnForm
from .models import FilingFile
from .transitions import MACHINE, VIEW

FILTERS = ("status", "kind")


def _filters(params) -> dict:
    """The list's filters as the form parsed them (an unknown status or kind is no filter)."""
    form = FilingFilters(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    return {key: value for key, value in data.items() if value}


def _filings(request):
    """The filings the list shows, filtered and sorted as the request asks: the page and its export read
    this one function."""
    filters = _filters(request.GET)
    rows = selectors.filings_visible_to(
        request.user, status=filters.get("status", ""), kind=filters.get("kind", "")
    )
    return selectors.SORTS.of(request).apply(rows)


EXPORT = exports.register(
    exports.ListExport(
        key="filings.filing_list",
        filename="流程图与工作手册备案.xlsx",
        columns=(
            Column("名称", lambda f: f.title),
            Column("备案材料", lambda f: f.get_kind_display()),
            Column("报送机关", lambda f: f.agency.name),
            Column("备案机关", lambda f: f.bureau.name),
            Column("报送次数", lambda f: f.round),
            Column("报送日期", lambda f: f.submitted_on, "date"),
            Column("审查期限", lambda f: f.due_on, "date"),
            Column("状态", lambda f: f.get_status_display()),
            Column("审查日期", lambda f: f.decided_on, "date"),
            Column("退回理由", lambda f: f.return_reason),
        ),
        queryset=lambda user, params: _filings(exports.request_of(params, user)),
        perm=VIEW,
    )
)


@login_required
@permission_required(VIEW, raise_exception=True)
def filing_list(request):
    context = list_context(request, _filings(request), keys=FILTERS, sorts=selectors.SORTS)
    context |= {
        "form": FilingFilters(request.GET or None),
        "can_submit": bool(request.user.has_perm(services.SUBMIT)),
    }
    return render(request, "filings/filing_list.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def filing_export(request):
    """The list as filtered and sorted, as xlsx (or CSV with format=csv)."""
    return exports.respond(request, EXPORT)


@login_required
@permission_required(services.SUBMIT, raise_exception=True)
def filing_new(request):
    form = FilingForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["agency"] is None:
            form.add_error("agency", "请选择报送机关")
        else:
            try:
                filing = services.filing_submit(
                    actor=request.user,
                    agency=data["agency"],
                    kind=data["kind"],
                    title=data["title"],
                    note=data["note"],
                    files=uploads_of_form(data["files"]),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已报送{filing.bureau.name}备案，审查期限{filing.due_on:%Y-%m-%d}")
                return redirect("filings:filing_detail", filing.pk)
    return render(request, "filings/filing_form.html", {"form": form, "title": "报送备案"})


def _detail(request, filing, **forms):
    perms = {p for p in (services.SUBMIT, services.ACKNOWLEDGE) if access.can(request.user, p, filing)}
    actions = MACHINE.offered(filing, perms)
    context = {
        "filing": filing,
        "files": selectors.files_of(filing),
        "actions": actions,
        "buttons": MACHINE.button_classes(filing, actions),  # the next step is the main button (§5)
        "return_form": forms.get("return_form") or ReturnForm(),
        "resubmit_form": forms.get("resubmit_form") or ResubmitForm(),
    }
    return render(request, "filings/filing_detail.html", context, status=200)


@login_required
def filing_detail(request, pk: int):
    return _detail(request, selectors.filing_of(request.user, pk))


@login_required
@require_POST
def filing_accept(request, pk: int):
    filing = selectors.filing_of(request.user, pk)
    try:
        services.filing_accept(actor=request.user, filing=filing)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已备案通过")
    return redirect("filings:filing_detail", pk)


@login_required
@require_POST
def filing_return(request, pk: int):
    filing = selectors.filing_of(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.filing_return(actor=request.user, filing=filing, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已退回")
            return redirect("filings:filing_detail", pk)
    return _detail(request, filing, return_form=form)


@login_required
@require_POST
def filing_resubmit(request, pk: int):
    filing = selectors.filing_of(request.user, pk)
    form = ResubmitForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.filing_resubmit(
                actor=request.user, filing=filing, note=data["note"], files=uploads_of_form(data["files"])
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已重新报送")
            return redirect("filings:filing_detail", pk)
    return _detail(request, filing, resubmit_form=form)


@login_required
def filing_file(request, pk: int):
    """One file of a filing, for whoever may see the filing."""
    row = get_object_or_404(FilingFile.objects.only("filing_id", "name", "sha256", "media_type"), pk=pk)
    selectors.filing_of(request.user, row.filing_id)
    try:
        blob = storage.open_blob(row.sha256)
    except storage.BlobMissing as exc:
        raise Http404("文件缺失，请联系系统管理员") from exc
    response = FileResponse(blob, as_attachment=True, filename=row.name, content_type=row.media_type)
    response["Cache-Control"] = "private, no-store"
    return response


def _agency_name(user) -> str:
    agency = getattr(user, "agency", None)
    return agency.name if agency is not None else ""


@login_required
def review_flowchart(request):
    """《重大执法决定法制审核流程图》 of the user's agency, drawn from the review's transition table."""
    svg = review_flowchart_svg(_agency_name(request.user)).split("?>", 1)[1]
    return render(request, "filings/review_flowchart.html", {"svg": mark_safe(svg), "title": TITLE})


@login_required
def review_flowchart_file(request):
    response = HttpResponse(review_flowchart_svg(_agency_name(request.user)), content_type="image/svg+xml")
    response["Content-Disposition"] = content_disposition_header(True, f"{TITLE}.svg")
    return response
