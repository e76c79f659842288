"""The links of a dashboard: every number to the records it counts (the cases list with its filters where
the scope is one agency, else the 统计 drill-down list), every unit to its own dashboard."""

from urllib.parse import urlencode

from django.urls import reverse

from .ontime import Period
from .scope import Scope, Unit

# figure → the cases list's filter for its key (the cases list filters by one agency, not by region)
CASE_LIST_FILTERS = {"case_status": "status", "case_procedure": "procedure", "case_item": "item"}


def period_query(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def dashboard_url(kind: str, key: str, period: Period | None = None) -> str:
    name, args = ("stats:agency", [int(key)]) if kind == "agency" else ("stats:region", [key])
    url = reverse(name, args=args)
    return f"{url}?{urlencode(period_query(period))}" if period else url


def records_url(kind: str, key: str, figure: str, value: str, period: Period) -> str:
    """The records behind `figure` = `value` for the unit (kind, key)."""
    if kind == "agency" and figure in CASE_LIST_FILTERS:
        query = {
            "agency": key,
            "date_field": "registered_on",
            "date_from": period.start.isoformat(),
            "date_to": period.end.isoformat(),
        }
        if value:
            query[CASE_LIST_FILTERS[figure]] = value
        return f"{reverse('cases:case_list')}?{urlencode(query)}"
    name, args = ("stats:agency_records", [int(key)]) if kind == "agency" else ("stats:region_records", [key])
    query = period_query(period) | ({"key": value} if value else {})
    return f"{reverse(name, args=[*args, figure])}?{urlencode(query)}"


def scope_records_url(scope: Scope, figure: str, value: str, period: Period) -> str:
    return records_url(scope.kind, scope.key, figure, value, period)


def unit_records_url(unit: Unit, figure: str, value: str, period: Period) -> str:
    return records_url(unit.kind, unit.key, figure, value, period)


def export_url(scope: Scope, period: Period) -> str:
    name, args = (
        ("stats:agency_export", [scope.agency.pk])
        if scope.agency
        else ("stats:region_export", [scope.region.code])
    )
    return f"{reverse(name, args=args)}?{urlencode(period_query(period))}"
