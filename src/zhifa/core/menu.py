"""The left menu: modules and their pages, each shown only to users holding its permission.

Apps add their entries with `register(...)` from AppConfig.ready(); the base template renders
`menu` from the context processor below, and the breadcrumbs of the page (its menu entry and module).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from zhifa.core.menu_icons import DEFAULT_ICON, MODULE_ICONS, icon_for


@dataclass(frozen=True)
class MenuItem:
    module: str
    label: str
    url_name: str
    perm: str | tuple[str, ...] | None = None  # None: every signed-in user; a tuple: any one of them
    order: int = 100
    show: Callable[[Any], bool] | None = None  # a further condition on the user (e.g. a valid 执法证)
    icon: str = ""  # a Bootstrap Icons name ("folder2-open"); empty: core.menu_icons picks one


_items: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    for item in items:
        if item not in _items:
            _items.append(item)


def menu_for(user) -> list[dict]:
    """[{module, icon, items: [{label, url, icon}]}] in menu order, with only what `user` may open."""
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
        icon = icon_for(item.module, item.url_name, item.icon)
        modules.setdefault(item.module, []).append({"label": item.label, "url": url, "icon": icon})
    return [
        {"module": module, "icon": MODULE_ICONS.get(module, DEFAULT_ICON), "items": items}
        for module, items in modules.items()
    ]


def deepest_start(urls: Iterable[str], path: str) -> str | None:
    """The address among `urls` that is the page's own, else the longest that starts it (a case page sits
    under 案件列表); the home page's "/" only on itself. The first of equal ones wins."""
    starts = [url for url in urls if url == path or (url != "/" and path.startswith(url))]
    return max(starts, key=len, default=None)


def breadcrumbs_for(menu: list[dict], path: str) -> dict | None:
    """The page's place in the menu: {module, item, current} for the entry `deepest_start` picks; None off
    the menu. `current`: the page is the entry itself (its crumb is then not a link)."""
    entries = [(group["module"], item) for group in menu for item in group["items"]]
    url = deepest_start((item["url"] for _, item in entries), path)
    if url is None:
        return None
    module, item = next((module, item) for module, item in entries if item["url"] == url)
    return {"module": module, "item": item, "current": url == path}


def menu_context(request) -> dict:
    menu = menu_for(getattr(request, "user", None))
    path = getattr(request, "path", "")
    return {"menu": menu, "breadcrumbs": breadcrumbs_for(menu, path) if menu else None}
