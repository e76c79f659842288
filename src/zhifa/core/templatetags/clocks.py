"""{% clock "cases.SERVICE_WORKDAYS" %}: a period stated on a page, read from its app's clocks module.

Core imports no app: the name is resolved at render time (zhifa.<app>.clocks.<NAME>; a settings-backed
period is a function and is called), so the sentence on the page follows the constant the rule uses."""

from importlib import import_module

from django import template

register = template.Library()


@register.simple_tag
def clock(name: str):
    app, attribute = name.split(".", 1)
    value = getattr(import_module(f"zhifa.{app}.clocks"), attribute)
    return value() if callable(value) else value
