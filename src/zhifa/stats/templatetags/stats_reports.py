"""报送 figures for people: money with two decimals and thousands separators, counts as whole numbers."""

from django import template

from zhifa.stats.reports.selectors import money

register = template.Library()


@register.filter
def figure(value) -> str:
    return money(value)
