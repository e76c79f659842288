"""证据 pages: a case's evidence, the upload page (camera, microphone or a file, in a phone browser),
the JSON endpoints its script uploads through in 4 MiB chunks, and the download of one file.

Without JavaScript the upload page posts the file in one multipart request (≤ 20 MiB), which goes
through the same cases.evidence finish path as a chunked upload."""

import dataclasses
import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from zhifa.audit.choices import AuditAction, AuditOutcome
from zhifa.audit.services import audit_event
from zhifa.catalog.choices import ProcedureStep
from zhifa.core import access
from zhifa.core.forms import Form, textarea

from .. import forms as case_forms
from ..choices import CaseStatus, EvidenceKind
from ..documents.kinds import DocumentKind
from ..models import Case, Evidence, UploadSession
from . import limits, storage
from . import services as evidence

VIEW_CASE = "cases.view_case"


def _case(request, pk: int, perm: str | None = None, view: str = VIEW_CASE) -> Case:
    """The case if the user may see it (`view`; 404 otherwise); with `perm`, 403 when seen but not
    allowed."""
    case = access.get_visible_or_404(
        request.user, Case.objects.select_related("agency", "field"), view, pk=pk
    )
    if perm:
        access.require(request.user, perm, case)
    return case


def _next_url(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _case_url(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


# ---- pages -----------------------------------------------------------------------------------------


@login_required
def evidence_list(request, pk: int):
    """The case's evidence (the panel of the case page, on its own page): for whoever may see the
    evidence, which includes the reviewer assigned to the case (review.apps grants it)."""
    case = _case(request, pk, view=evidence.VIEW)
    context = {
        "case": case,
        # a campaign's reviewer may see the evidence of a case whose page is not theirs (their 评查 grant)
        "case_url": _case_url(case) if access.can(request.user, VIEW_CASE, case) else "",
        **evidence.panel_context(case, request.user),
    }
    return render(request, "cases/evidence_list.html", context)


class EvidenceForm(Form):
    """What the officer says about the file; the file itself comes from request.FILES (or the script)."""

    kind = forms.ChoiceField(label="证据类型", choices=EvidenceKind.choices, initial=EvidenceKind.PHOTO)
    step = forms.ChoiceField(label="执法环节", choices=ProcedureStep.choices)
    signed_document = forms.ChoiceField(
        label="签字文书扫描件（上传的是哪份文书签字后的扫描件）",
        choices=[("", "不是文书扫描件"), *DocumentKind.choices],
        required=False,
    )
    description = forms.CharField(label="说明", max_length=500, required=False, widget=textarea(2))
    captured_at = forms.CharField(label="采集时间", required=False)
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    supervisor = case_forms.supervisor_field()

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        case_forms.offer_supervisors(self.fields["supervisor"], case.agency)
        required = evidence.required_steps(case)
        self.required_steps = [ProcedureStep(s).label for s in ProcedureStep.values if s in required]
        self.fields["step"].choices = [
            (value, f"{label}（须音像记录）" if value in required else label)
            for value, label in ProcedureStep.choices
        ]


def _apply_errors(form: forms.Form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, texts in exc.message_dict.items():
        if key in form.fields:
            form.add_error(key, texts)
        else:
            form.file_errors.extend(texts)


class OneShotQuota(FileUploadHandler):
    """Stops reading a one-shot upload past ONE_SHOT_MAX, so a too-large file is refused without first
    being spooled to disk whole."""

    def __init__(self, request, quota: int):
        super().__init__(request)
        self.quota = quota

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.quota:
            self.request.evidence_too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the quota handler must be in place before anything reads the body; csrf_protect below
@login_required
def evidence_new(request, pk: int):
    request.upload_handlers.insert(0, OneShotQuota(request, evidence.ONE_SHOT_MAX))
    return _evidence_new(request, pk)


@csrf_protect
def _evidence_new(request, pk: int):
    """上传证据: on a phone, straight from the camera or microphone; the script uploads in chunks and
    records the position when the device gives it; without the script the form posts the file."""
    case = _case(request, pk, evidence.HANDLE)
    list_url = reverse("cases:evidence_list", args=[case.pk])
    back_url = _next_url(request, _case_url(case))
    step = request.GET.get("step", "")
    initial = {"step": step if step in ProcedureStep.values else _default_step(case)}
    if request.GET.get("signed_document") in DocumentKind.values:  # from a step's missing document
        initial.update(signed_document=request.GET["signed_document"], kind=EvidenceKind.DOCUMENT)
    form = EvidenceForm(request.POST or None, case=case, initial=initial)
    form.file_errors = []
    if case.status == CaseStatus.ARCHIVED:
        form.file_errors.append("案件已归档，不能再添加证据")
    elif request.method == "POST":
        upload = request.FILES.get("file") or request.FILES.get("file_other")
        if getattr(request, "evidence_too_big", False):
            form.file_errors.append(
                f"文件超过{filesizeformat(evidence.ONE_SHOT_MAX)}：请在启用脚本的浏览器中上传（分片上传，"
                f"最大{filesizeformat(evidence.max_bytes())}）"
            )
        elif upload is None:
            form.file_errors.append("请拍摄或选择要上传的文件")
        elif form.is_valid():
            try:
                data = evidence.parse_upload_input(form.cleaned_data, name=upload.name, size=upload.size)
                data = dataclasses.replace(data, media_type=upload.content_type or "")
                made = evidence.upload_file(
                    actor=request.user,
                    case=case,
                    data=data,
                    chunks=upload.chunks(storage.BLOCK),
                    supervisor=form.cleaned_data.get("supervisor"),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, f"已上传证据“{made.original_name}”")
                return redirect(_next_url(request, list_url))
    context = {
        "case": case,
        "form": form,
        "back_url": back_url,
        "next_url": back_url,
        "start_url": reverse("cases:evidence_upload_start", args=[case.pk]),
        "chunk_size": evidence.CHUNK_SIZE,
        "max_bytes": evidence.max_bytes(),
        "kind_limits": limits.declared(evidence.max_bytes()),
        "max_per_case": limits.max_per_case(),
        "one_shot_max": evidence.ONE_SHOT_MAX,
        "archived": case.status == CaseStatus.ARCHIVED,
    }
    return render(request, "cases/evidence_new.html", context)


def _default_step(case: Case) -> str:
    required = evidence.required_steps(case)
    recorded = set(case.evidence.values_list("step", flat=True))
    missing = [s for s in ProcedureStep.values if s in required and s not in recorded]
    return missing[0] if missing else ProcedureStep.EVIDENCE


@login_required
def evidence_download(request, pk: int):
    """One evidence file, to those who may see the case's evidence; 404 for other agencies."""
    item = access.get_visible_or_404(
        request.user, Evidence.objects.select_related("case"), evidence.VIEW, pk=pk
    )
    return download_response(item, request)


def download_response(item: Evidence, request) -> FileResponse:
    """The stored file, streamed, with its original name and recorded media type; every download (this
    page's, the API's, a review's) is audited here, named by the case number, never the file's name."""
    try:
        blob = storage.open_blob(item.sha256)
    except storage.BlobMissing as exc:
        audit_event(
            AuditAction.EVIDENCE_DOWNLOAD, request=request, obj=item, object_repr=_name(item),
            outcome=AuditOutcome.FAILURE, detail="证据文件缺失",
        )  # fmt: skip
        raise Http404("证据文件缺失，请联系系统管理员") from exc
    audit_event(AuditAction.EVIDENCE_DOWNLOAD, request=request, obj=item, object_repr=_name(item))
    response = FileResponse(
        blob, as_attachment=True, filename=item.original_name, content_type=item.media_type
    )
    response["ETag"] = f'"{item.sha256}"'
    response["X-Evidence-SHA256"] = item.sha256
    response["Cache-Control"] = "private, no-store"
    return response


def _name(item: Evidence) -> str:
    return f"证据 {item.pk}（案件 {item.case.number or item.case_id}）"


# ---- the JSON endpoints of the upload script ------------------------------------------------------------


def _json_errors(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [{"loc": ["body", key], "msg": msg} for key, msgs in exc.message_dict.items() for msg in msgs]
    return [{"loc": ["body"], "msg": msg} for msg in exc.messages]


def json_endpoint(view):
    """JSON in and out with the API's error shapes: 401 signed out, 404 not visible, 403 not allowed,
    422 refused (with the Chinese reasons)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "请先登录"}, status=401)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"detail": "未找到该对象，或您无权查看"}, status=404)
        except PermissionDenied as exc:
            return JsonResponse({"detail": str(exc) or "您无权执行此操作"}, status=403)
        except ValidationError as exc:
            return JsonResponse({"detail": _json_errors(exc)}, status=422)

    return wrapper


def session_json(session: UploadSession) -> dict:
    return {
        "id": str(session.pk),
        "case_id": session.case_id,
        "name": session.name,
        "size": session.size,
        "received": session.received,
        "kind": session.kind,
        "step": session.step,
        "finished": session.finished,
        "chunk_size": evidence.CHUNK_SIZE,
        "max_chunk": evidence.CHUNK_MAX,
        "chunk_url": reverse("cases:evidence_upload", args=[session.pk]),
        "status_url": reverse("cases:evidence_upload", args=[session.pk]),
        "finish_url": reverse("cases:evidence_upload_finish", args=[session.pk]),
    }


@require_POST
@json_endpoint
def upload_start(request, pk: int):
    case = _case(request, pk)
    data = evidence.parse_upload_input(request.POST)
    supervisor = case_forms.supervisor_from(case.agency, request.POST.get("supervisor"))
    session = evidence.start_upload(actor=request.user, case=case, data=data, supervisor=supervisor)
    return JsonResponse(session_json(session), status=201)


def _offset(request) -> int:
    try:
        offset = int(request.GET.get("offset", ""))
    except ValueError:
        offset = -1
    if offset < 0:
        raise ValidationError({"offset": "请提供分片位置 offset（非负整数）"})
    return offset


@require_http_methods(["GET", "PUT", "POST", "DELETE"])
@json_endpoint
def upload_session(request, session_id):
    """GET: how much has arrived (to resume after a broken connection); PUT (or POST) ?offset=N with the
    raw bytes of the next chunk as the body; DELETE: cancel."""
    if request.method == "GET":
        return JsonResponse(session_json(evidence.get_session(request.user, session_id)))
    if request.method == "DELETE":
        evidence.cancel_upload(actor=request.user, session_id=session_id)
        return HttpResponse(status=204)
    offset = _offset(request)
    # read from the request stream block by block: never request.body, never the whole chunk at once
    session = evidence.append_chunk(actor=request.user, session_id=session_id, offset=offset, data=request)
    return JsonResponse(session_json(session))


@require_POST
@json_endpoint
def upload_finish(request, session_id):
    made = evidence.finish_upload(actor=request.user, session_id=session_id)
    default = reverse("cases:evidence_list", args=[made.case_id])
    return JsonResponse(
        {
            "evidence": made.pk,
            "sha256": made.sha256,
            "size": made.size,
            "media_type": made.media_type,
            "download_url": reverse("cases:evidence_download", args=[made.pk]),
            "redirect": _next_url(request, default),
        },
        status=201,
    )
