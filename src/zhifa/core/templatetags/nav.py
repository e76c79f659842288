"""A module's own row of links (检查任务 · 检查记录 · …) as Bootstrap's underlined nav, the link of the
page marked active: the one whose address is the longest start of the page's (so a task's page sits under
检查任务, and the module's home, whose address starts every other, only on itself).

    {% load nav %}{% subnav "inspections:plan_list" "抽查计划" "inspections:task_list" "检查任务" %}"""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..menu import deepest_start

register = template.Library()


@register.simple_tag(takes_context=True)
def subnav(context, *names_and_labels: str, label: str = "本模块") -> str:
    request = context.get("request")
    path = getattr(request, "path", "")
    links = [
        (reverse(name), text)
        for name, text in zip(names_and_labels[::2], names_and_labels[1::2], strict=True)
    ]
    active = deepest_start((url for url, _ in links), path)
    items = format_html_join(
        "",
        '<a class="nav-link{}" href="{}"{}>{}</a>',
        (
            (" active", url, mark_safe(' aria-current="page"'), text)
            if url == active
            else ("", url, "", text)
            for url, text in links
        ),
    )
    return format_html('<nav class="subnav nav nav-underline" aria-label="{}">{}</nav>', label, items)
