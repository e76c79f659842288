"""节假日调整 (系统管理员): a year's overrides of the statutory calendar and its working days per month;
add, edit and delete one day, each through core.holiday_overrides. A county's admin sees the year
read-only: the calendar is the instance's (holidays.may_change)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from . import holiday_overrides as overrides
from .choices import DayKind
from .forms import Form, blank, date_field, submit
from .holidays import COUNTY_DENIED, may_change
from .models import HolidayOverride
from .params import YEAR_MAX, YEAR_MIN, year_param


class HolidayOverrideForm(Form):
    """Parses only: the rules (a date once, 2000–2100, a kind) are the service's, as in the API."""

    date = date_field("日期", required=False)
    kind = forms.ChoiceField(label="类型", choices=blank(DayKind.choices), required=False)
    name = forms.CharField(label="说明", required=False, help_text="如：春节调休上班")


def _require_change(request, perm: str) -> None:
    if not may_change(request.user, perm):
        raise PermissionDenied(COUNTY_DENIED)


def _year_url(year: int) -> str:
    return f"{reverse('core:holiday_override_list')}?year={year}"


def _years_offered(year: int) -> list[int]:
    this_year = timezone.localdate().year
    entered = HolidayOverride.objects.dates("date", "year")
    return sorted({this_year - 1, this_year, this_year + 1, year, *(d.year for d in entered)})


@login_required
@permission_required(overrides.VIEW, raise_exception=True)
def holiday_override_list(request):
    """One year's overrides (default: this year) and its working days per month on the clock."""
    year = year_param(request, default=timezone.localdate().year)
    assert year is not None
    rows = [(o, overrides.weekday_label(o.date)) for o in overrides.overrides_of_year(year)]
    months = overrides.workdays_per_month(year)
    context = {
        "year": year,
        "years": _years_offered(year),
        "rows": rows,
        "months": months,
        "total": sum(count for _, count in months),
        "can_change": may_change(request.user),
        "previous": _year_url(year - 1) if year > YEAR_MIN else "",
        "next": _year_url(year + 1) if year < YEAR_MAX else "",
    }
    return render(request, "core/holiday_override_list.html", context)


def _form_page(request, form, title: str, year: int):
    return render(
        request, "core/holiday_override_form.html", {"form": form, "title": title, "back": _year_url(year)}
    )


@login_required
@permission_required(overrides.ADD, raise_exception=True)
def holiday_override_create(request):
    _require_change(request, overrides.ADD)
    form = HolidayOverrideForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: overrides.holiday_override_set(
            actor=request.user, day=data["date"], kind=data["kind"], name=data["name"]
        ),
        done=lambda override: f"已新增节假日调整：{override.date:%Y-%m-%d} {override.get_kind_display()}",
        then=lambda override: _year_url(override.date.year),
    )
    return saved or _form_page(request, form, "新增节假日调整", timezone.localdate().year)


@login_required
@permission_required(overrides.CHANGE, raise_exception=True)
def holiday_override_edit(request, pk: int):
    override = get_object_or_404(HolidayOverride, pk=pk)
    _require_change(request, overrides.CHANGE)
    initial = {"date": override.date, "kind": override.kind, "name": override.name}
    form = HolidayOverrideForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: overrides.holiday_override_update(
            actor=request.user, override=override, day=data["date"], kind=data["kind"], name=data["name"]
        ),
        done=lambda changed: f"节假日调整已保存：{changed.date:%Y-%m-%d} {changed.get_kind_display()}",
        then=lambda changed: _year_url(changed.date.year),
    )
    return saved or _form_page(request, form, f"修改节假日调整：{override.date:%Y-%m-%d}", override.date.year)


@login_required
@permission_required(overrides.DELETE, raise_exception=True)
def holiday_override_delete(request, pk: int):
    """GET asks for confirmation; POST deletes."""
    override = get_object_or_404(HolidayOverride, pk=pk)
    _require_change(request, overrides.DELETE)
    if request.method == "POST":
        year = override.date.year
        overrides.holiday_override_delete(actor=request.user, override=override)
        messages.success(request, f"已删除{override.date:%Y-%m-%d}的节假日调整")
        return redirect(_year_url(year))
    context = {
        "override": override,
        "weekday": overrides.weekday_label(override.date),
        "back": _year_url(override.date.year),
    }
    return render(request, "core/holiday_override_delete.html", context)
