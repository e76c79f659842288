from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_POST

from . import access, exports, holidays, panels, record_labels, records, requestid, selectors, workbench
from .choices import AgencyKind
from .exports import Column
from .forms import HolidayNoticeForm
from .models import Agency
from .pagination import paginate
from .params import BadParameter


@login_required
def workbench_view(request):
    """工作台: the signed-in user's pending items, overdue first."""
    context = {"cards": workbench.cards_for(request.user), "pending": workbench.pending_for(request.user)}
    return render(request, "core/workbench.html", context)


def _agency_filters(params) -> dict:
    return {key: params.get(key, "") for key in ("q", "kind", "region_code")}


@login_required
@permission_required("core.view_agency", raise_exception=True)
def agency_list(request):
    filters = _agency_filters(request.GET)
    page = paginate(request, selectors.agencies_visible_to(request.user, **filters))
    return render(
        request, "core/agency_list.html", {"page": page, "filters": filters, "kinds": AgencyKind.choices}
    )


AGENCY_EXPORT = exports.register(
    exports.ListExport(
        key="core.agency_list",
        filename="机关机构.xlsx",
        columns=(
            Column("名称", lambda a: a.name),
            Column("简称", lambda a: a.short_name),
            Column("统一社会信用代码", lambda a: a.credit_code),
            Column("类别", lambda a: a.get_kind_display()),
            Column("所属区划", lambda a: a.region.name),
            Column("区划代码", lambda a: a.region.code),
            Column("有效", lambda a: "是" if a.active else "否"),
        ),
        queryset=lambda user, params: selectors.agencies_visible_to(user, **_agency_filters(params)),
        perm="core.view_agency",
    )
)


@login_required
@permission_required("core.view_agency", raise_exception=True)
def agency_export(request):
    return exports.respond(request, AGENCY_EXPORT)


@login_required
def agency_detail(request, pk: int):
    agency = access.get_visible_or_404(
        request.user, Agency.objects.select_related("region", "parent", "superior_department"), pk=pk
    )
    users = agency.users.filter(is_active=True).prefetch_related("roles").order_by("username")
    can_see_users = request.user.has_perm("accounts.view_user")
    return render(
        request,
        "core/agency_detail.html",
        {
            "agency": agency,
            "users": users if can_see_users else None,
            "can_edit": access.can(request.user, "core.change_agency", agency),
        },
    )


@login_required
@permission_required("core.view_record", raise_exception=True)
def record_log(request):
    """审计日志: the record log of the agencies in the auditor's jurisdiction."""
    filters = {key: request.GET.get(key, "") for key in ("subject_type", "action")}
    page = paginate(request, selectors.records_visible_to(request.user, **filters))
    choices = record_labels.filter_choices(selectors.records_visible_to(request.user))
    return render(request, "core/record_log.html", {"page": page, "filters": filters, **choices})


@login_required
def record_detail(request, pk: int):
    """One record of the log (执法记录第N条): what was done to what, by whom and when, with its place in the
    agency's chain; later modules add cards (slot "record" of core.panels, e.g. 立项监督)."""
    record = selectors.get_record(request.user, pk)
    shown = selectors.subject_visible(request.user, record)
    return render(
        request,
        "core/record_detail.html",
        {"record": record, "panels": panels.render("record", request, "record", record) if shown else []},
    )


@login_required
@permission_required("core.view_record", raise_exception=True)
@require_POST
def record_verify(request):
    """Check every chain the auditor may see and say where the first break is."""
    visible = access.visible_to(request.user, Agency.objects.all(), "core.view_record")
    results = [(agency, records.verify(agency)) for agency in visible.order_by("region__code", "name")]
    return render(request, "core/record_verify.html", {"results": results})


@login_required
@permission_required(holidays.ENTER, raise_exception=True)
def holiday_schedule(request):
    """节假日安排: paste the State Council's notice, preview the days it gives, confirm."""
    if not holidays.may_change(request.user):
        raise PermissionDenied(holidays.COUNTY_DENIED)
    form = HolidayNoticeForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if "confirm" in request.POST:
                entered = holidays.holiday_schedule_enter(actor=request.user, text=text)
                messages.success(
                    request,
                    f"已录入{entered.schedule.year}年节假日安排：放假{len(entered.schedule.holidays)}天，"
                    f"调休上班{len(entered.schedule.workdays)}天；{len(entered.moved)}项未到期期限已重新计算。",
                )
                return redirect("core:holiday_schedule")
            preview = holidays.holiday_schedule_preview(actor=request.user, text=text)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {
        "form": form,
        "preview": preview,
        "missing": holidays.missing_years(),
        "years": selectors.holiday_override_years(),
    }
    return render(request, "core/holiday_schedule.html", context)


def bad_request(request, exception=None):
    """400: the reason (e.g. a parameter out of its range, core.params) instead of Django's English page."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)


def server_error(request):
    """500: Django's handler, with the request's id (core.requestid) for the user to quote; rendered without
    context processors, which may be what failed."""
    request_id = getattr(request, "id", None) or requestid.current()
    return HttpResponseServerError(loader.get_template("500.html").render({"request_id": request_id}))
