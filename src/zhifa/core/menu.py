"""The left menu: modules and their pages, each shown only to users holding its permission.

Apps add their entries with `register(...)` from AppConfig.ready(); the base template renders
`menu` from the context processor below.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    module: str
    label: str
    url_name: str
    perm: str | tuple[str, ...] | None = None  # None: every signed-in user; a tuple: any one of them
    order: int = 100
    show: Callable[[Any], bool] | None = None  # a further condition on the user (e.g. a valid 执法证)


_items: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    for item in items:
        if item not in _items:
            _items.append(item)


def menu_for(user) -> list[dict]:
    """[{module, items: [{label, url}]}] in menu order, with only what `user` may open."""
    if not getattr(user, "is_authenticated", False):
        return []
    modules: dict[str, list[dict]] = {}
    for item in sorted(_items, key=lambda i: i.order):
        perms = (item.perm,) if isinstance(item.perm, str) else item.perm or ()
        if perms and not any(user.has_perm(perm) for perm in perms):
            continue
        if item.show is not None and not item.show(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        modules.setdefault(item.module, []).append({"label": item.label, "url": url})
    return [{"module": module, "items": items} for module, items in modules.items()]


def menu_context(request) -> dict:
    return {"menu": menu_for(getattr(request, "user", None))}
