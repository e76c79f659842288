"""Excel导入: download a template, upload a filled one; a file with any bad row imports nothing."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from zhifa.core import xlsx_import
from zhifa.core.exports import xlsx_download

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
    context = xlsx_import.page_context(request, form, kinds, _excel().import_xlsx)
    return render(request, "registry/import.html", context)


@login_required
def import_template(request, kind: str):
    kinds = dict(_kinds(request.user))
    if kind not in _excel().KINDS:
        raise Http404("没有这种导入模板")
    if kind not in kinds:
        raise PermissionDenied("您无权导入此类数据")
    return xlsx_download(f"{kinds[kind]}导入模板.xlsx", _excel().template_bytes(kind), holds_data=False)
