"""{% step_help "cases.register" items %}: the short legal explanation of a workflow step (core.step_help) on
the step's page; `items` (an optional queryset of enforcement items) adds links to their catalogue pages,
where each item's own legal bases are listed — only those the user may open (core.access)."""

from django import template

from .. import access
from ..step_help import help_for

register = template.Library()


@register.inclusion_tag("core/_step_help.html", takes_context=True)
def step_help(context, key: str, items=None):
    user = getattr(context.get("request"), "user", None)
    visible = list(access.visible_to(user, items.order_by("code"))) if items is not None else []
    return {"help": help_for(key), "items": visible}
