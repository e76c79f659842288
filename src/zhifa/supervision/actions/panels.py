"""The 执法监督 banners: on the case page, the open 监督事项 about the case (the handling agency sees it
while an item is open) and for a supervisor the one-action 发起监督 button; on the page of any other
registered source (sources.py: a record, an inspection …), the same for the items opened from it."""

from collections.abc import Callable

from django.urls import reverse

from zhifa.core import access

from . import selectors, sources
from .transitions import SUPERVISE


def case_banner(case, user) -> dict:
    return {
        "supervision_items": selectors.open_items_of_case(user, case),
        "can_supervise_case": access.can(user, SUPERVISE, case.agency) and user.has_perm(SUPERVISE),
    }


def source_banner(model) -> Callable[[object, object], dict]:
    """The context of `_source_panel.html` for an object of `model` (a registered source)."""

    def context(obj, user) -> dict:
        source = sources.of_model(model)
        items = selectors.open_items_of_source(user, source, obj)
        agency = source.agency_of(obj)
        may = user.has_perm(SUPERVISE) and access.can(user, SUPERVISE, agency) and source.one_click
        return {
            "source_items": items,
            "source_open_url": (
                reverse("supervision:action_from_source", args=[source.key, obj.pk])
                if may and not items
                else ""
            ),
        }

    return context
