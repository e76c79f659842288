"""Panels of the case page (slot "case" of core.panels). The case's own modules (evidence, documents)
and later modules (法制审核, 公示 …) each register a template and, if it needs more than `case`, a
function adding its context; the case page renders them in order without knowing the modules."""

from zhifa.core import panels
from zhifa.core.panels import Panel

__all__ = ["Panel", "register", "render_panels"]


def register(panel: Panel) -> None:
    panels.register("case", panel)


def render_panels(request, case) -> list[str]:
    return panels.render("case", request, "case", case)
