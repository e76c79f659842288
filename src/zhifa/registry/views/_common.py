"""Helpers shared by the registry pages."""

from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from zhifa.core import params


def year_param(request) -> int:
    """?year= within the sane range (core.params), absent: the current year; otherwise a 400."""
    return params.year_param(request, default=timezone.localdate().year)


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


def render_form(request, title, form, *, back=None, submit="保存", **extra):
    """The one small-form page: title, fields with their errors, submit, back link."""
    context = {"title": title, "form": form, "back_url": back, "submit_label": submit, **extra}
    return render(request, "registry/form.html", context)
