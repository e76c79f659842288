"""执法人员: list, 执法档案, and the forms on one officer (edit, certificate, training, assessment)."""

import json
from collections import defaultdict
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.audit.services import audit_personal_data
from zhifa.core import access, exports, panels, pickers
from zhifa.core.forms import apply_errors, filters_of, int_or_none, list_context
from zhifa.core.models import Record
from zhifa.core.selectors import active_agencies

from .. import excel, selectors, services
from ..choices import CaseRole, CertificateStatus, PersonKind, PersonStatus
from ..forms import AssessmentForm, CertificateIssueForm, OfficerForm, TrainingForm
from ..models import EnforcementField, Officer, TrainingRecord
from ._common import recheck_due, render_form

VIEW_OFFICER = "registry.view_officer"
FILTER_KEYS = ("q", "agency", "kind", "status", "certificate", "field", "rotation")


def _officers(request, filters: dict):
    officers = selectors.officers_visible_to(
        request.user,
        q=filters["q"],
        agency_id=int_or_none(filters["agency"]),
        kind=filters["kind"],
        status=filters["status"],
        certificate=filters["certificate"],
        field=filters["field"],
    )
    if filters["rotation"]:
        officers = selectors.rotation_due(officers)
    return selectors.OFFICER_SORTS.of(request).apply(officers)


def get_officer(request, pk: int, perm: str | None = None) -> Officer:
    """The officer if visible (404 otherwise); with `perm`, 403 when visible but not allowed."""
    officer = access.get_visible_or_404(
        request.user, Officer.objects.select_related("agency", "user"), VIEW_OFFICER, pk=pk
    )
    if perm:
        access.require(request.user, perm, officer)
    return officer


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def officer_list(request):
    officers = _officers(request, filters_of(request, FILTER_KEYS)).prefetch_related("fields", "certificates")
    context = list_context(request, officers, keys=FILTER_KEYS, sorts=selectors.OFFICER_SORTS)
    today = timezone.localdate()
    rows = [
        {
            "officer": officer,
            "fields": [f.name for f in officer.fields.all()],
            "certificates": [
                (c, c.effective_status(today), c.effective_status_label(today))
                for c in officer.certificates.all()
            ],
        }
        for officer in context["page"]
    ]
    agencies = active_agencies(request.user, VIEW_OFFICER)
    context |= {
        "rows": rows,
        "agencies": agencies,
        "agency_picker": pickers.agency_filter(agencies, context["filters"]["agency"], perm=VIEW_OFFICER),
        "kinds": PersonKind.choices,
        "statuses": PersonStatus.choices,
        "certificate_filters": selectors.CERTIFICATE_FILTERS,
        "fields": EnforcementField.objects.order_by("code"),
        "can_create": request.user.has_perm(services.MANAGE_OFFICER)
        and active_agencies(request.user, services.MANAGE_OFFICER).exists(),
    }
    return render(request, "registry/officer_list.html", context)


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def officer_export(request):
    return exports.respond(request, EXPORT)


EXPORT = excel.list_export(
    "officers",
    key="registry.officer_list",
    filename="执法人员.xlsx",
    page_list=_officers,
    filter_keys=FILTER_KEYS,
    perm=VIEW_OFFICER,
)


CERTIFICATE_ACTIONS = {
    "certificate.issue": "核发",
    "certificate.status": "状态变更",
    "certificate.check": "审验",
}


def _status_label(value: str) -> str:
    return CertificateStatus(value).label if value in CertificateStatus.values else value


def _certificate_history(certificates) -> dict[int, list[dict]]:
    """Each certificate's steps from the record log (核发, 暂扣/吊销/恢复 with the reason, 审验)."""
    history = defaultdict(list)
    if not certificates:
        return history
    records = Record.objects.filter(
        subject_type="registry.certificate", subject_id__in=[str(c.pk) for c in certificates]
    ).order_by("at", "id")
    for record in records:
        payload = json.loads(record.payload)
        history[int(record.subject_id)].append(
            {
                "at": record.at,
                "action": CERTIFICATE_ACTIONS.get(record.action, record.action),
                "actor": record.actor_name or "系统",
                "status": _status_label(payload.get("status", "")),
                "reason": payload.get("reason", ""),
                "checked_on": payload.get("checked_on"),
            }
        )
    return history


def _training_years(officer: Officer, trainings: list[TrainingRecord], today) -> list[dict]:
    """Hours per year against the target (for officers who owe training) with that year's records."""
    by_year = defaultdict(list)
    for training in trainings:
        by_year[training.on.year].append(training)
    own = Officer.objects.filter(pk=officer.pk)
    years = []
    for year in sorted(set(by_year) | {today.year}, reverse=True):
        standing = next(iter(selectors.training_standings(own, year)), None)
        years.append(
            {
                "year": year,
                "standing": standing,
                "hours": standing.hours if standing else selectors.training_hours(officer, year),
                "records": by_year.get(year, []),
            }
        )
    return years


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def officer_detail(request, pk: int):
    """执法档案: the person, certificates with their history, training, assessments, case roles."""
    officer = get_officer(request, pk)
    today = timezone.localdate()
    certificates = list(officer.certificates.prefetch_related("fields").order_by("-issued_on", "-id"))
    history = _certificate_history(certificates)
    certificate_rows = [
        {
            "certificate": c,
            "status": c.effective_status(today),
            "status_label": c.effective_status_label(today),
            "recheck_due": recheck_due(c),
            "recheck_overdue": c.status == CertificateStatus.VALID
            and c.expires_on >= today
            and recheck_due(c) <= today,
            "history": history.get(c.pk, []),
        }
        for c in certificates
    ]
    roles = selectors.allowed_case_roles(officer, on=today)
    user = request.user
    id_number = selectors.personal_data_viewer(user).id_number(officer)
    if id_number == officer.id_number and officer.user_id != user.pk:
        audit_personal_data(request, officer, "身份证号码")
    context = {
        "officer": officer,
        "id_number": id_number,
        "fields": list(officer.fields.all()),
        "certificate_rows": certificate_rows,
        "training_years": _training_years(officer, list(officer.trainings.all()), today),
        "assessments": list(officer.assessments.all()),
        "rotation_due": selectors.rotation_due(Officer.objects.filter(pk=officer.pk), on=today).exists(),
        "allowed_roles": [role.label for role in CaseRole if role in roles],
        "denied_roles": [role.label for role in CaseRole if role not in roles],
        "can_manage": access.can(user, services.MANAGE_OFFICER, officer),
        "can_certify": access.can(user, services.MANAGE_CERTIFICATE, officer),
        "today": today,
        # Cases handled, review opinions, … are cards of the apps that own them (core.panels).
        "panels": panels.render("officer", request, "officer", officer),
    }
    return render(request, "registry/officer_detail.html", context)


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def officer_create(request):
    if not active_agencies(request.user, services.MANAGE_OFFICER).exists():
        raise PermissionDenied("您无权新增执法人员")
    form = OfficerForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.officer_create(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                fields=form.cleaned_data["enforcement_fields"],
                **form.service_data(),
            )
        except ValidationError as exc:
            apply_errors(form, exc, form.error_map)
        else:
            messages.success(request, f"已新增执法人员“{officer.name}”")
            return redirect("registry:officer_detail", officer.pk)
    return render_form(request, "新增执法人员", form, back=reverse("registry:officer_list"))


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def officer_edit(request, pk: int):
    officer = get_officer(request, pk, services.MANAGE_OFFICER)
    form = OfficerForm(request.POST or None, actor=request.user, officer=officer)
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_update(
                actor=request.user,
                officer=officer,
                fields=form.cleaned_data["enforcement_fields"],
                **form.service_data(),
            )
        except ValidationError as exc:
            apply_errors(form, exc, form.error_map)
        else:
            messages.success(request, "已保存")
            return redirect("registry:officer_detail", officer.pk)
    return render_form(
        request,
        f"修改：{officer.name}",
        form,
        officer=officer,
        back=reverse("registry:officer_detail", args=[pk]),
    )


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def certificate_issue(request, pk: int):
    officer = get_officer(request, pk, services.MANAGE_CERTIFICATE)
    initial = {"issuer": request.user.agency.name if request.user.agency_id else ""}
    form = CertificateIssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate = services.certificate_issue(
                actor=request.user,
                officer=officer,
                number=data["number"],
                kind=data["kind"],
                issuer=data["issuer"],
                issued_on=data["issued_on"],
                expires_on=data["expires_on"],
                fields=data["certificate_fields"],
            )
        except ValidationError as exc:
            apply_errors(form, exc, form.error_map)
        else:
            messages.success(request, f"已核发证件{certificate.number}")
            return redirect("registry:officer_detail", officer.pk)
    return render_form(
        request,
        f"核发执法证件：{officer.name}",
        form,
        officer=officer,
        back=reverse("registry:officer_detail", args=[pk]),
        submit="核发",
    )


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def training_add(request, pk: int):
    officer = get_officer(request, pk, services.MANAGE_OFFICER)
    form = TrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_add(actor=request.user, officer=officer, **form.service_data())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已登记培训记录")
            return redirect("registry:officer_detail", officer.pk)
    return render_form(
        request,
        f"登记培训：{officer.name}",
        form,
        officer=officer,
        back=reverse("registry:officer_detail", args=[pk]),
        multipart=True,
        notice="如表单有误需要重新提交，请重新选择结业证明文件。",
    )


@login_required
@permission_required(VIEW_OFFICER, raise_exception=True)
def assessment_set(request, pk: int):
    officer = get_officer(request, pk, services.MANAGE_OFFICER)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_set(actor=request.user, officer=officer, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记{form.cleaned_data['year']}年度考核")
            return redirect("registry:officer_detail", officer.pk)
    return render_form(
        request,
        f"年度考核：{officer.name}",
        form,
        officer=officer,
        back=reverse("registry:officer_detail", args=[pk]),
        notice="同一年度重复登记时，以最后一次为准。",
    )


@login_required
def training_file(request, pk: int):
    """The uploaded 结业证明, only to those who may see the training record."""
    training = access.get_visible_or_404(request.user, TrainingRecord.objects.all(), pk=pk)
    if not training.certificate_file:
        raise Http404("没有上传结业证明")
    return FileResponse(
        training.certificate_file.open("rb"),
        as_attachment=True,
        filename=PurePath(training.certificate_file.name).name,
    )
