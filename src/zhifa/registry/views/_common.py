"""Helpers shared by the registry pages."""

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from zhifa.core import params
from zhifa.core.exports import xlsx_response


def int_or_none(value) -> int | None:
    value = (value or "").strip() if isinstance(value, str) else value
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def year_param(request) -> int:
    """?year= within the sane range (core.params), absent: the current year; otherwise a 400."""
    return params.year_param(request, default=timezone.localdate().year)


def filters_of(request, keys) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in keys}


def query_of(filters: dict) -> str:
    """The non-empty filters as a query string (for export links and pagination)."""
    return urlencode({key: value for key, value in filters.items() if value})


def mask_id_number(id_number: str) -> str:
    """1101********1234: the region prefix and the last four characters, the rest masked."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return f"{id_number[:4]}{'*' * 8}{id_number[-4:]}"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def recheck_due(certificate) -> date:
    """执法证 are re-checked every ZHIFA_CERTIFICATE_RECHECK_YEARS years after the last check (or issue)."""
    return add_years(
        certificate.last_checked_on or certificate.issued_on, settings.ZHIFA_CERTIFICATE_RECHECK_YEARS
    )


def export_response(kind: str, queryset, filename: str):
    """导出Excel through registry.excel (the same columns as its import templates)."""
    from zhifa.registry import excel

    headers, rows = excel.export(kind, queryset)
    return xlsx_response(filename, headers, rows)


def render_form(request, title, form, *, back=None, submit="保存", **extra):
    """The one small-form page: title, fields with their errors, submit, back link."""
    context = {"title": title, "form": form, "back_url": back, "submit_label": submit, **extra}
    return render(request, "registry/form.html", context)
