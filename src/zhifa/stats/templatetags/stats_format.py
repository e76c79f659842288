"""Money as people read it on the dashboards: ¥1,234,567.89."""

from django import template

from ..selectors.dashboard import yuan as _yuan

register = template.Library()


@register.filter
def yuan(amount) -> str:
    return _yuan(amount)
