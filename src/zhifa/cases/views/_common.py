"""Helpers shared by the case pages: the list filters, and the one page of a step's form."""

from datetime import date
from urllib.parse import urlencode

from django.shortcuts import render

VIEW = "cases.view_case"
FILTER_KEYS = (
    "q",
    "agency",
    "item",
    "status",
    "handler",
    "procedure",
    "date_field",
    "date_from",
    "date_to",
    "overdue",
    "near_due",
)


def int_or_none(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def date_or_none(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def filters_of(request, keys=FILTER_KEYS) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in keys}


def query_of(filters: dict) -> str:
    """The non-empty filters as a query string (for export links and pagination)."""
    return urlencode({key: value for key, value in filters.items() if value})


def selector_filters(filters: dict) -> dict:
    """The list's GET parameters as arguments of selectors.cases_visible_to (bad values ignored)."""
    return {
        "q": filters["q"],
        "agency": int_or_none(filters["agency"]),
        "item": filters["item"],
        "status": filters["status"],
        "handler": int_or_none(filters["handler"]),
        "procedure": filters["procedure"],
        "date_field": filters["date_field"] or "registered_on",
        "date_from": date_or_none(filters["date_from"]),
        "date_to": date_or_none(filters["date_to"]),
        "overdue": bool(filters["overdue"]),
        "near_due": bool(filters["near_due"]),
    }


def render_step(
    request, case, title, form, *, submit="提交", notice="", template="cases/step_form.html", **extra
):
    """The page of one step: the case in brief, the form with its errors next to the fields, back link."""
    context = {"case": case, "title": title, "form": form, "submit_label": submit, "notice": notice, **extra}
    return render(request, template, context)
