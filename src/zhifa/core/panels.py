"""Panels: cards that later apps add to an earlier app's page without that page knowing them.

A page owns a slot ("case" for the case page, "officer" for the 执法档案); an app registers a template
and, if it needs more than the page's subject, a function adding its context. The page renders the
slot's panels in order. Earlier apps never import later ones (see docs/architecture.md)."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[..., dict] | None = None  # context(subject, user) -> dict
    order: int = 100


_slots: dict[str, list[Panel]] = defaultdict(list)


def register(slot: str, panel: Panel) -> None:
    if panel not in _slots[slot]:
        _slots[slot].append(panel)


def render(slot: str, request, subject_name: str, subject) -> list[SafeString]:
    """Each panel of `slot` rendered for `subject` (in the template as `subject_name`) as the
    signed-in user sees it."""
    html = []
    for panel in sorted(_slots[slot], key=lambda p: p.order):
        extra = panel.context(subject, request.user) if panel.context else {}
        html.append(render_to_string(panel.template, {subject_name: subject, **extra}, request))
    return html
