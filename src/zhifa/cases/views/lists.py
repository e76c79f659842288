"""案件列表: filters, search by number or party, pagination, and the Excel export of the filtered list."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from zhifa.catalog.procedures import Procedure
from zhifa.core import exports, pickers
from zhifa.core.exports import Column
from zhifa.core.forms import filters_of, int_or_none, list_context
from zhifa.core.selectors import active_agencies
from zhifa.registry.models import Officer
from zhifa.registry.selectors import officer_label

from .. import selectors, services
from ..choices import CaseStatus
from ._common import FILTER_KEYS, VIEW, selector_filters


def _cases(request):
    """The cases the list shows, filtered and sorted as the request asks (its export reads the same)."""
    rows = selectors.cases_visible_to(request.user, **selector_filters(filters_of(request, FILTER_KEYS)))
    return selectors.with_list_data(selectors.CASE_SORTS.of(request).apply(rows))


@login_required
@permission_required(VIEW, raise_exception=True)
def case_list(request):
    context = list_context(request, _cases(request), keys=FILTER_KEYS, sorts=selectors.CASE_SORTS)
    filters = context["filters"]
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "handlers": [h.officer.name for h in case.handlers.all()],
            "clock": selectors.next_clock(case, today),
        }
        for case in context["page"]
    ]
    agencies = active_agencies(request.user, VIEW)
    many_agencies = pickers.is_large(agencies)
    context |= {
        "rows": rows,
        "agencies": () if many_agencies else agencies,
        "multi_agency": many_agencies or len(agencies[:2]) > 1,
        "agency_picker": _agency_picker(agencies, filters) if many_agencies else None,
        "handler_picker": _handler_picker(agencies, filters),
        "statuses": CaseStatus.choices,
        "procedures": Procedure.choices,
        "date_fields": list(selectors.DATE_FIELDS.items()),
        "can_intake": request.user.has_perm(services.HANDLE),
        "can_simple": request.user.has_perm(services.HANDLE) and selectors.may_decide_on_spot(request.user),
    }
    return render(request, "cases/case_list.html", context)


def _agency_picker(agencies, filters: dict) -> pickers.FilterPicker:
    chosen = agencies.filter(pk=int_or_none(filters["agency"])).values_list("pk", "name")
    return pickers.filter_picker(
        "agency",
        "api:search_agencies",
        aria_label="办案机关",
        empty_label="全部机关",
        chosen=chosen,
        perm=VIEW,
    )


def _handler_picker(agencies, filters: dict) -> pickers.FilterPicker:
    """承办人员: searched remotely (a supervisor's region has up to hundreds of thousands of officers);
    only the chosen one is rendered, with its label."""
    pk = int_or_none(filters["handler"])
    chosen = (
        [
            (o.pk, officer_label(o.name, o.agency.name))
            for o in Officer.objects.filter(pk=pk, agency__in=agencies).select_related("agency")
        ]
        if pk
        else []
    )
    return pickers.filter_picker(
        "handler",
        "api:search_officers",
        aria_label="承办人员",
        empty_label="全部承办人员",
        chosen=chosen,
        depends="agency_id:agency",
        perm=VIEW,
    )


def _decision(case, attr):
    return getattr(getattr(case, "decision", None), attr, None)


# The export of the filtered list (core.exports kit: declared once, read in chunks, streamed; past
# ZHIFA_EXPORT_STREAM_ROWS rows a background job).
EXPORT = exports.register(
    exports.ListExport(
        key="cases.case_list",
        filename="案件列表.xlsx",
        columns=(
            Column("案件编号", lambda c: c.number),
            Column("案由", lambda c: c.summary),
            Column("程序", lambda c: c.get_procedure_display()),
            Column("状态", lambda c: c.get_status_display()),
            Column("办案机关", lambda c: c.agency.name),
            Column("当事人", lambda c: c.party_name),
            Column("当事人类型", lambda c: c.get_party_kind_display()),
            Column("案件来源", lambda c: c.get_source_display()),
            Column("发现日期", lambda c: c.discovered_on, "date"),
            Column("立案日期", lambda c: c.registered_on, "date"),
            Column("决定期限", lambda c: c.decision_due, "date"),
            Column("承办人员", lambda c: "、".join(h.officer.name for h in c.handlers.all())),
            Column("处罚决定书文号", lambda c: _decision(c, "number") or ""),
            Column("罚款（元）", lambda c: _decision(c, "fine"), "money"),
            Column("登记时间", lambda c: c.created_at, "datetime"),
        ),
        perm=VIEW,
        queryset=lambda user, params: _cases(exports.request_of(params, user)),
    )
)
HEADERS = EXPORT.headers


@login_required
@permission_required(VIEW, raise_exception=True)
def case_export(request):
    return exports.respond(request, EXPORT)
