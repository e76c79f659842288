"""The list kit's template tags: a sortable header cell (`sort_header`), the links of numbered pages
(`page_query`) and the hidden fields of the page-size form (`kept_fields`), all keeping what the user
filtered by (core.sorting, core.params.paginate; core/_pagination.html)."""

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..sorting import SORT_PARAM

register = template.Library()

# What a list keeps besides its declared filters: the sort and the chosen page size.
LIST_PARAMS = (SORT_PARAM, "page_size")


def kept_params(context, drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The query a list's links carry: its non-empty `filters` (the view's parsed filters) where the
    view gives them, else the request's own query string; then the sort and page size. Never `page`."""
    request = context.get("request")
    query = getattr(request, "GET", None)
    filters = context.get("filters")
    kept: list[tuple[str, str]] = []
    if isinstance(filters, dict):
        kept = [(str(k), str(v)) for k, v in filters.items() if v and k not in LIST_PARAMS]
        if query is not None:
            kept += [(k, query[k]) for k in LIST_PARAMS if query.get(k)]
    elif query is not None:
        kept = [(k, v) for k, values in query.lists() for v in values if k != "page" and v]
    return [(k, v) for k, v in kept if k not in drop]


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The query string of page `number` of the list (the filters kept, then page=)."""
    # urlencode leaves nothing HTML-special but "&", which is safe before these names (HTML5)
    return mark_safe(urlencode([*kept_params(context, drop=("page",)), ("page", str(number))]))


@register.simple_tag(takes_context=True)
def kept_fields(context):
    """Hidden inputs for the page-size form: the filters and the sort (a new size starts at page 1)."""
    return format_html_join(
        "", '<input type="hidden" name="{}" value="{}">', kept_params(context, drop=("page", "page_size"))
    )


ARROWS = {"ascending": "↑", "descending": "↓", "none": ""}


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str = ""):
    """<th> of the sortable column `key` of the list's `sorting` (core.sorting.Sorting): a link that sorts
    by it (ascending first, then descending), keeping the filters and the page size, back to page 1; an
    arrow and aria-sort tell the current direction."""
    sorting = context["sorting"]
    column = sorting.sorts.columns[key]
    direction = sorting.direction_of(key)
    query = urlencode(
        [*kept_params(context, drop=("page", SORT_PARAM)), (SORT_PARAM, sorting.next_value(key))]
    )
    return format_html(
        '<th aria-sort="{}" class="sortable"><a href="?{}">{}<span class="sort-arrow" aria-hidden="true">{}</span></a></th>',
        direction,
        query,
        label or column.label,
        ARROWS[direction],
    )
