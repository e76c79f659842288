"""Filters available in every document template, without {% load %}: cn_date, yuan, rmb_upper, money,
oneline."""

from django import template

from . import context

register = template.Library()

register.filter("cn_date", context.cn_date)
register.filter("yuan", context.yuan)
register.filter("rmb_upper", context.rmb_upper)
register.filter("money", context.money)


@register.filter
def oneline(value) -> str:
    """Multi-line text on one line (for a table cell)."""
    return "；".join(line.strip() for line in str(value or "").splitlines() if line.strip())
