"""Panels of the case page. The case's own modules (evidence, documents) and later modules (法制审核,
公示 …) each register a template and, if it needs more than `case`, a function adding its context; the
case page renders them in order without knowing the modules."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[..., dict] | None = None  # context(case, user) -> dict
    order: int = 100


_panels: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def render_panels(request, case) -> list[str]:
    """Each registered panel rendered for `case` as the signed-in user sees it."""
    html = []
    for panel in sorted(_panels, key=lambda p: p.order):
        extra = panel.context(case, request.user) if panel.context else {}
        html.append(render_to_string(panel.template, {"case": case, **extra}, request))
    return html
