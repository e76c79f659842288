"""执法证件: the list (expiring / expired / due for recheck) and the actions on one certificate."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core import access, exports, pickers
from zhifa.core.forms import apply_errors, filters_of, int_or_none, query_of
from zhifa.core.pagination import paginate
from zhifa.core.selectors import active_agencies

from .. import excel, selectors, services
from ..choices import CertificateStatus
from ..forms import STATUS_ACTIONS, CertificateCheckForm, CertificateStatusForm
from ..models import Certificate
from ._common import recheck_due, render_form

VIEW_CERTIFICATE = "registry.view_certificate"
FILTER_KEYS = ("q", "agency", "state")
STATES = [
    ("expiring", "30日内到期"),
    ("expired", "已过期"),
    ("recheck", "应审验"),
]


def _certificates(request, filters: dict):
    certificates = selectors.certificates_visible_to(request.user, agency_id=int_or_none(filters["agency"]))
    if q := filters["q"]:
        certificates = certificates.filter(Q(number=q.upper()) | Q(officer__name__icontains=q))
    state = filters["state"]
    if state == "expiring":
        certificates = selectors.certificates_expiring(certificates)
    elif state == "expired":
        certificates = selectors.certificates_expired(certificates)
    elif state == "recheck":
        certificates = selectors.certificates_due_for_recheck(certificates)
    return certificates.order_by("expires_on", "number")


@login_required
@permission_required(VIEW_CERTIFICATE, raise_exception=True)
def certificate_list(request):
    filters = filters_of(request, FILTER_KEYS)
    page = paginate(request, _certificates(request, filters))
    today = timezone.localdate()
    rows = [
        {
            "certificate": c,
            "status": c.effective_status(today),
            "status_label": c.effective_status_label(today),
            "recheck_due": recheck_due(c),
            "fields": [f.name for f in c.fields.all()],
        }
        for c in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "query": query_of(filters),
        "states": STATES,
        "agencies": (agencies := active_agencies(request.user, VIEW_CERTIFICATE)),
        "agency_picker": pickers.agency_filter(agencies, filters.get("agency"), perm=VIEW_CERTIFICATE),
        "today": today,
        "recheck_years": settings.ZHIFA_CERTIFICATE_RECHECK_YEARS,
    }
    return render(request, "registry/certificate_list.html", context)


@login_required
@permission_required(VIEW_CERTIFICATE, raise_exception=True)
def certificate_export(request):
    return exports.respond(request, EXPORT)


EXPORT = excel.list_export(
    "certificates",
    key="registry.certificate_list",
    filename="执法证件.xlsx",
    page_list=_certificates,
    filter_keys=FILTER_KEYS,
    perm=VIEW_CERTIFICATE,
)


def _get_certificate(request, pk: int) -> Certificate:
    """The certificate if visible (404), and the user may manage it (403)."""
    certificate = access.get_visible_or_404(
        request.user,
        Certificate.objects.select_related("officer", "officer__agency"),
        VIEW_CERTIFICATE,
        pk=pk,
    )
    access.require(request.user, services.MANAGE_CERTIFICATE, certificate)
    return certificate


@login_required
@permission_required(VIEW_CERTIFICATE, raise_exception=True)
def certificate_status(request, pk: int):
    """暂扣 / 吊销 / 恢复, with the reason (?status= preselects the action)."""
    certificate = _get_certificate(request, pk)
    initial = {"status": request.GET.get("status", CertificateStatus.SUSPENDED)}
    form = CertificateStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        status = form.cleaned_data["status"]
        try:
            services.certificate_set_status(
                actor=request.user, certificate=certificate, status=status, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc, form.error_map)
        else:
            messages.success(request, f"证件{certificate.number}已{STATUS_ACTIONS[status]}")
            return redirect("registry:officer_detail", certificate.officer_id)
    action = STATUS_ACTIONS.get(request.POST.get("status") or initial["status"], "变更状态")
    return render_form(
        request,
        f"{action}执法证件：{certificate.number}（{certificate.officer.name}）",
        form,
        back=reverse("registry:officer_detail", args=[certificate.officer_id]),
        submit="确定",
        notice=f"当前状态：{certificate.get_status_display()}。吊销后证件不能再恢复。",
    )


@login_required
@permission_required(VIEW_CERTIFICATE, raise_exception=True)
def certificate_check(request, pk: int):
    """审验: record the periodic re-check of a certificate."""
    certificate = _get_certificate(request, pk)
    form = CertificateCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_record_check(
                actor=request.user, certificate=certificate, on=form.cleaned_data["last_checked_on"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已记录证件{certificate.number}的审验")
            return redirect("registry:officer_detail", certificate.officer_id)
    last = certificate.last_checked_on
    return render_form(
        request,
        f"证件审验：{certificate.number}（{certificate.officer.name}）",
        form,
        back=reverse("registry:officer_detail", args=[certificate.officer_id]),
        submit="记录审验",
        notice=f"发证日期：{certificate.issued_on:%Y-%m-%d}；最近审验：{f'{last:%Y-%m-%d}' if last else '尚未审验'}。",
    )
