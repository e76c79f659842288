"""Excel导入: download a template, upload a filled one; a file with any bad row imports nothing."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from zhifa.core.exports import XLSX_TYPE

from ..forms import ImportForm, perm_for_kind


def _excel():
    from zhifa.registry import excel

    return excel


def _kinds(user) -> list[tuple[str, str]]:
    """The kinds this user may import (officers/trainings need manage_officer, certificates
    manage_certificate)."""
    excel = _excel()
    return [(kind, excel.KIND_LABELS[kind]) for kind in excel.KINDS if user.has_perm(perm_for_kind(kind))]


@login_required
def import_page(request):
    kinds = _kinds(request.user)
    if not kinds:
        raise PermissionDenied("您无权导入数据")
    form = ImportForm(request.POST or None, request.FILES or None, actor=request.user, kinds=kinds)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _excel().import_xlsx(
            actor=request.user, agency=data["agency"], kind=data["kind"], file=data["file"]
        )
    context = {
        "form": form,
        "kinds": kinds,
        "result": result,
        "kind_label": dict(kinds).get(form.cleaned_data.get("kind")) if result else "",
    }
    return render(request, "registry/import.html", context)


@login_required
def import_template(request, kind: str):
    kinds = dict(_kinds(request.user))
    if kind not in _excel().KINDS:
        raise Http404("没有这种导入模板")
    if kind not in kinds:
        raise PermissionDenied("您无权导入此类数据")
    response = HttpResponse(_excel().template_bytes(kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(kinds[kind] + '导入模板.xlsx')}"
    return response
