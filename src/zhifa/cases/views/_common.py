"""Helpers shared by the case pages: the list filters, and the one page of a step's form."""

from django.shortcuts import render

from zhifa.core.forms import date_or_none, int_or_none

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
    "open",
    "decided_year",
)


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
        "open_only": bool(filters["open"]),
        "decided_year": int_or_none(filters["decided_year"]),
    }


def render_step(
    request, case, title, form, *, submit="提交", notice="", template="cases/step_form.html", **extra
):
    """The page of one step: the case in brief, the form with its errors next to the fields, back link."""
    context = {"case": case, "title": title, "form": form, "submit_label": submit, "notice": notice, **extra}
    return render(request, template, context)
