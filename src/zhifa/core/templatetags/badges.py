"""Status labels as coloured badges (core.badges picks the colour by meaning):

    {{ case.get_status_display|status_badge }}   <span class="badge tone-blue">调查取证</span>

    {{ label|kpi_icon }}                          the icon of a key figure's tile (core.workbench.figure_icon)

Built in (settings.TEMPLATES "builtins"), so no {% load %} is needed."""

from django import template
from django.utils.html import format_html

from zhifa.core.badges import status_tone
from zhifa.core.workbench import figure_icon

register = template.Library()


@register.filter
def status_badge(label) -> str:
    text = str(label or "")
    if not text:
        return ""
    return format_html('<span class="badge tone-{}">{}</span>', status_tone(text), text)


register.filter("kpi_icon", figure_icon)
