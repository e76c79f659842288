"""投诉举报 on the portal (/gs/complaints/): the form (named or anonymous, attachments, CSRF, rate and
size limits), the tracking code shown once, progress by code and the rating of the reply. A code that does
not exist and a wrong one give the same answer."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zhifa.core.forms import apply_errors

from . import forms, limits, services
from .choices import Status

NOT_FOUND = "未找到与该查询码对应的投诉举报，请核对查询码后重试"


@never_cache
@require_http_methods(["GET", "POST"])
def public_new(request):
    if request.method == "POST":
        if limits.too_large(request):
            return limits.refuse_large(request)
        if limits.over(request, "submit", limits.submits_per_minute()):
            return limits.too_many(request, limits.submits_per_minute())
    form = forms.PublicForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, code = services.complaint_submit(data=form.to_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return render(request, "complaints/public_done.html", {"complaint": complaint, "code": code})
    return render(request, "complaints/public_form.html", {"form": form})


def _progress(request, complaint, *, rate_form=None, message=""):
    return render(
        request,
        "complaints/public_track.html",
        {
            "form": forms.CodeForm(),
            "complaint": complaint,
            "can_rate": complaint is not None and complaint.status == Status.REPLIED,
            "rate_form": rate_form,
            "message": message,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_track(request):
    """查询进度: by POST so the code stays out of addresses and logs."""
    if request.method == "GET":
        return render(request, "complaints/public_track.html", {"form": forms.CodeForm()})
    if limits.over(request, "lookup", limits.lookups_per_minute()):
        return limits.too_many(request, limits.lookups_per_minute())
    form = forms.CodeForm(request.POST)
    code = form.data.get("code", "")
    complaint = services.by_code(code) if form.is_valid() else None
    if complaint is None:
        # the same page for every code not found (the input is not echoed back)
        return render(
            request, "complaints/public_track.html", {"form": forms.CodeForm(), "not_found": NOT_FOUND}
        )
    rate_form = forms.RateForm(initial={"code": code})
    return _progress(request, complaint, rate_form=rate_form)


@never_cache
@require_http_methods(["POST"])
def public_rate(request):
    if limits.over(request, "lookup", limits.lookups_per_minute()):
        return limits.too_many(request, limits.lookups_per_minute())
    rate_form = forms.RateForm(request.POST)
    valid = rate_form.is_valid()
    data = rate_form.cleaned_data
    code = rate_form.data.get("code", "")
    found = services.by_code(code)
    if found is None:
        return render(
            request, "complaints/public_track.html", {"form": forms.CodeForm(), "not_found": NOT_FOUND}
        )
    if not valid:  # a field the form refused (a control character) is not dropped and rated without
        return _progress(request, found, rate_form=rate_form)
    try:
        complaint = services.complaint_rate(
            code=code,
            rating=data.get("rating", ""),
            wish=data.get("wish", ""),
            comment=data.get("comment", ""),
        )
    except ValidationError as error:
        apply_errors(rate_form, error)
        return _progress(request, services.by_code(code), rate_form=rate_form)
    return _progress(request, complaint, message="感谢您的评价，已记录。")


@require_http_methods(["GET"])
def public_regions(request):
    """The form's 事发地 picker searching as the visitor types (core.pickers): at most 20 regions by name
    or code, as JSON. Region names and codes are public (GB/T 2260)."""
    from django.db.models import Q
    from django.http import JsonResponse

    from zhifa.core.models import Region
    from zhifa.core.pickers import LIMIT

    q = request.GET.get("q", "").strip()[:32]
    regions = Region.objects.order_by("path")
    if q:
        regions = regions.filter(Q(name__contains=q) | Q(code__startswith=q))
    return JsonResponse([{"id": r.pk, "label": str(r)} for r in regions[:LIMIT]], safe=False)
