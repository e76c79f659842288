"""陈述申辩期限: the page where an agency's approver sets the period its 告知 gives (cases.periods)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from zhifa.core.forms import Form, apply_errors
from zhifa.core.models import Agency
from zhifa.core.selectors import active_agencies

from .. import periods
from ..models.periods import STATEMENT_WORKDAYS_MAX, STATEMENT_WORKDAYS_MIN


class StatementPeriodForm(Form):
    workdays = forms.IntegerField(
        label="陈述、申辩期限（工作日）",
        required=False,
        help_text=f"事先告知书送达后当事人陈述、申辩的期限，{STATEMENT_WORKDAYS_MIN}至{STATEMENT_WORKDAYS_MAX}个"
        "工作日；不填则使用系统默认。已告知的案件仍按告知时的期限。",
    )


def _agency(request, raw) -> Agency:
    agencies = active_agencies(request.user, periods.APPROVE)
    if raw not in (None, ""):
        try:
            return agencies.get(pk=int(raw))
        except (Agency.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404("未找到该机关，或您无权设置其陈述申辩期限") from exc
    own = agencies.filter(pk=request.user.agency_id).first() or agencies.first()
    if own is None:
        raise PermissionDenied("您无权设置陈述申辩期限")
    return own


@login_required
def statement_period(request):
    agency = _agency(request, request.POST.get("agency") or request.GET.get("agency"))
    current = periods.statement_period_of(agency)
    initial = {"workdays": current["workdays"] if current["own"] else None}
    form = StatementPeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            periods.statement_period_set(
                actor=request.user, agency=agency, workdays=form.cleaned_data.get("workdays")
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已设置{agency.name}的陈述、申辩期限")
            return redirect(f"{reverse('cases:statement_period')}?agency={agency.pk}")
    context = {
        "title": "陈述申辩期限",
        "agency": agency,
        "agencies": active_agencies(request.user, periods.APPROVE),
        "current": current,
        "form": form,
    }
    return render(request, "cases/statement_period.html", context)
