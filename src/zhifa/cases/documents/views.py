"""文书 and 案卷 pages: generate a document of a case (POST), download it as PDF or DOCX, download the
whole case file as a zip, and an agency's document templates (upload, replace, restore the default).

Everything of a case goes through core.access: another agency's case or document is a 404; seeing a
case but lacking the permission to act on it is a 403."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhifa.core import access
from zhifa.core.models import Agency
from zhifa.core.selectors import active_agencies

from .. import casefile, forms
from ..models import Case, CaseDocument, CaseDocumentTemplate
from . import render as templates
from . import services
from .kinds import KINDS

VIEW = services.VIEW
HANDLE = services.HANDLE
APPROVE = services.APPROVE
EVIDENCE_VIEW = "cases.view_evidence"
DOCUMENTS_VIEW = "cases.view_casedocument"
PANEL = "cases/documents_panel.html"
MAX_TEMPLATE_BYTES = 256 * 1024


def _case(request, pk: int, view: str = VIEW) -> Case:
    return access.get_visible_or_404(request.user, Case.objects.select_related("agency"), view, pk=pk)


def _document(request, pk: int) -> CaseDocument:
    # Whoever may see the case's documents: the case's agency, and the reviewer assigned to the case.
    return access.get_visible_or_404(
        request.user, CaseDocument.objects.select_related("case"), DOCUMENTS_VIEW, pk=pk
    )


def _case_url(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


def _next_url(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


@login_required
def case_documents(request, pk: int):
    """The documents of one case on a page of their own (the case page includes the same panel)."""
    case = _case(request, pk, view=DOCUMENTS_VIEW)
    # a campaign's reviewer may see the documents of a case whose page is not theirs (their 评查 grant)
    back_url = _case_url(case) if access.can(request.user, "cases.view_case", case) else ""
    return render(request, "cases/case_documents.html", {"case": case, "back_url": back_url})


@login_required
@require_POST
def document_generate(request, pk: int):
    case = _case(request, pk)
    kind = request.POST.get("kind", "")
    message, level = "", "success"
    try:
        supervisor = forms.supervisor_from(case.agency, request.POST.get("supervisor"))
        document = services.generate(actor=request.user, case=case, kind=kind, supervisor=supervisor)
    except ValidationError as exc:
        message, level = _errors(exc), "error"
    else:
        message = f"已生成{document.title}" + (f"（{document.number}）" if document.number else "")
    if request.headers.get("HX-Request"):  # the panel again, with the message (200: htmx swaps only 2xx)
        context = {
            "case": case,
            "panel_message": message,
            "panel_level": level,
            "panel_next": request.POST.get("next", ""),
        }
        return HttpResponse(render_to_string(PANEL, context, request))
    (messages.success if level == "success" else messages.error)(request, message)
    return redirect(_next_url(request, _case_url(case)))


def _bytes_response(data, filename: str, content_type: str, *, attachment: bool) -> FileResponse:
    response = FileResponse(BytesIO(bytes(data)), as_attachment=attachment, filename=filename)
    response["Content-Type"] = content_type
    return response


@login_required
def document_pdf(request, pk: int):
    document = _document(request, pk)
    return _bytes_response(
        CaseDocument.objects.values_list("pdf", flat=True).get(pk=document.pk),
        f"{document.file_stem}.pdf",
        "application/pdf",
        attachment=bool(request.GET.get("download")),
    )


@login_required
def document_docx(request, pk: int):
    document = _document(request, pk)
    return _bytes_response(
        CaseDocument.objects.values_list("docx", flat=True).get(pk=document.pk),
        f"{document.file_stem}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        attachment=True,
    )


@login_required
def casefile_download(request, pk: int):
    """The complete 案卷 as a zip (documents, evidence files, manifest.json), recorded as exported."""
    case = _case(request, pk, view=EVIDENCE_VIEW)
    handle, _manifest = casefile.export(actor=request.user, case=case)
    return FileResponse(
        handle, as_attachment=True, filename=casefile.filename(case), content_type="application/zip"
    )


# ---- an agency's templates -------------------------------------------------------------------------------


def _template_agencies(request):
    return active_agencies(request.user, APPROVE)


def _template_agency(request, raw) -> Agency:
    """The agency whose templates are asked for: 404 when named but not manageable by the user."""
    agencies = _template_agencies(request)
    if raw not in (None, ""):
        try:
            return agencies.get(pk=int(raw))
        except (Agency.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404("未找到该机关，或您无权管理其文书模板") from exc
    own = agencies.filter(pk=request.user.agency_id).first() or agencies.first()
    if own is None:
        raise PermissionDenied("您无权管理文书模板")
    return own


def _templates_url(agency: Agency) -> str:
    return f"{reverse('cases:document_templates')}?agency={agency.pk}"


@login_required
def document_templates(request):
    """The eight document kinds of an agency: which template is in force, its history, upload/replace."""
    agency = _template_agency(request, request.GET.get("agency"))
    history: dict[str, list[CaseDocumentTemplate]] = {}
    for row in CaseDocumentTemplate.objects.filter(agency=agency).select_related("uploaded_by"):
        history.setdefault(row.kind, []).append(row)
    rows = []
    for code, spec in KINDS.items():
        versions = history.get(code, [])
        current = versions[0] if versions and not versions[0].is_default else None
        rows.append({"kind": code, "title": spec.title, "current": current, "history": versions[:5]})
    context = {
        "agency": agency,
        "agencies": _template_agencies(request),
        "rows": rows,
        "markers": [
            ("# 文字", "标题（居中、大字）"),
            ("^ 文字", "居中（如文号）"),
            ("## 文字", "小标题"),
            (": 文字", "不缩进的一行（如“当事人：”、签名栏）"),
            ("> 文字", "右对齐（落款、日期）"),
            ("| 甲 | 乙 |", "表格的一行，相邻的行组成一个表格"),
            ("其他文字", "首行缩进两字的段落"),
        ],
    }
    return render(request, "cases/document_templates.html", context)


def _uploaded_text(upload) -> str:
    if upload.size > MAX_TEMPLATE_BYTES:
        raise ValidationError({"text": f"模板文件过大（不超过{MAX_TEMPLATE_BYTES // 1024}KB）"})
    data = upload.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError({"text": "模板文件须为UTF-8或GB18030编码的纯文本文件"})


@login_required
@require_POST
def document_template_upload(request, kind: str):
    """Upload (a .txt file or pasted text) or restore the default ("reset") of one kind."""
    agency = _template_agency(request, request.POST.get("agency") or "-")
    if kind not in KINDS:
        raise Http404("未知的文书种类")
    try:
        upload = request.FILES.get("file")
        if request.POST.get("reset"):
            text, name = "", ""
        elif upload is not None:
            text, name = _uploaded_text(upload), upload.name
        else:
            text, name = request.POST.get("text", ""), ""
            if not text.strip():
                raise ValidationError({"text": "请选择模板文件或填写模板内容"})
        services.template_set(actor=request.user, agency=agency, kind=kind, text=text, original_name=name)
    except ValidationError as exc:
        messages.error(request, f"{KINDS[kind].title}模板未保存：{_errors(exc)}")
    else:
        done = "已恢复默认模板" if not text else "已启用本机关模板"
        messages.success(request, f"{KINDS[kind].title}：{done}")
    return redirect(_templates_url(agency))


@login_required
def document_template_text(request, kind: str):
    """The template in force for the agency (its own or the default), to download and edit."""
    agency = _template_agency(request, request.GET.get("agency") or "-")
    if kind not in KINDS:
        raise Http404("未知的文书种类")
    if request.GET.get("default"):
        text = templates.default_text(kind)
    else:
        text, _source = services.template_text(agency, kind)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{KINDS[kind].title}模板.txt")
    return response
