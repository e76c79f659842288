"""来源: what a 监督事项 can be opened from in one action — a record of the log, an inspection, a case, a
problem, and whatever later modules add (complaints, detection hits, evaluation results …).

A module registers its model once, from its wiring (`AppConfig.ready()`):

    sources.register(
        Inspection,
        key="inspection",                 # the URL's word: /supervision/actions/source/inspection/<id>/
        label="检查记录",                  # the kind, shown as "来源：检查记录 <title>"
        agency_of=lambda i: i.agency,      # the supervised agency
        url_of=lambda i: reverse("inspections:inspection_detail", args=[i.pk]),
        title_of=lambda i: f"{i.subject.name}的检查",  # the item's title is "对<title>的监督"
    )

and, on its page, shows the panel `supervision/actions/_source_panel.html` (slot of core.panels, see
`wiring.py`): the open items of the object to everyone who sees them, and "立项监督" to a supervisor of its
agency. `services.item_open_from_source` then opens a 日常监督 of the object's agency, linked to it
(`SupervisionItem.source_type/source_id/source_label`), refusing while an item opened from it is open;
`POST /api/supervision/sources/{key}/{id}/items` is the same through the API.

Optional: `case_of` (the case the object concerns: the item's target becomes that case, so the case
page's banner shows it and the one-open-item-per-case rule applies), `visible` (who sees the object —
default: the model's view permission through core.access; it decides the 404 of the open page and API and
whether the item page links it), `queryset` (the rows looked up, with what the labels read), `one_click`
(False when the module opens items through a service of its own that passes `source=` itself, as the
评查 file and the 突出问题 do)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models
from django.http import Http404

from zhifa.cases.models import Case
from zhifa.core import access
from zhifa.core.models import Agency


@dataclass(frozen=True)
class Source:
    """One registered kind of source (see the module docstring)."""

    model: type[models.Model]
    key: str
    label: str
    agency_of: Callable[[Any], Agency]
    url_of: Callable[[Any], str]
    title_of: Callable[[Any], str]
    case_of: Callable[[Any], Case | None] | None = None
    visible: Callable[[Any, Any], bool] | None = None
    queryset: Callable[[], models.QuerySet] | None = None
    one_click: bool = True

    @property
    def type_name(self) -> str:
        """What `SupervisionItem.source_type` stores: the model's label ("core.record")."""
        return self.model._meta.label_lower

    def rows(self) -> models.QuerySet:
        return self.queryset() if self.queryset else self.model._default_manager.all()

    def can_see(self, user, obj) -> bool:
        if access.is_system(user):
            return True
        if self.visible is not None:
            return self.visible(user, obj)
        return access.can(user, access.default_permission(self.model), obj)

    def case(self, obj) -> Case | None:
        return self.case_of(obj) if self.case_of else None

    def describe(self, obj) -> str:
        """The words kept on the item for the object (its title when the item was opened)."""
        return self.title_of(obj)[:300]


_by_key: dict[str, Source] = {}
_by_type: dict[str, Source] = {}


def register(
    model: type[models.Model],
    *,
    key: str,
    label: str,
    agency_of: Callable[[Any], Agency],
    url_of: Callable[[Any], str],
    title_of: Callable[[Any], str],
    case_of: Callable[[Any], Case | None] | None = None,
    visible: Callable[[Any, Any], bool] | None = None,
    queryset: Callable[[], models.QuerySet] | None = None,
    one_click: bool = True,
) -> Source:
    """Make `model` a source of 监督事项 (called once per model from an app's wiring)."""
    source = Source(model, key, label, agency_of, url_of, title_of, case_of, visible, queryset, one_click)
    known = _by_key.get(key)
    if known is not None and known.model is not model:
        raise ImproperlyConfigured(f"来源“{key}”已由{known.model.__name__}登记")
    _by_key[key] = _by_type[source.type_name] = source
    return source


def of_model(model: type[models.Model]) -> Source:
    try:
        return _by_type[model._meta.label_lower]
    except KeyError as exc:
        raise ImproperlyConfigured(f"{model.__name__}不是已登记的监督事项来源") from exc


def of_item(item) -> Source | None:
    """The registered kind of an item's source (None: no source, or a kind no longer registered)."""
    return _by_type.get(item.source_type) if item.source_type else None


def registered() -> list[Source]:
    return list(_by_key.values())


def lookup(user, key: str, pk: int) -> tuple[Source, Any]:
    """The source `key` #`pk` as `user` may see it: 404 for an unknown kind, a missing object, or one
    outside what the user sees (never a hint that it exists)."""
    source = _by_key.get(key)
    if source is None or not source.one_click:
        raise Http404("没有该来源")
    try:
        obj = source.rows().get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("未找到该对象，或您无权查看") from exc
    if not source.can_see(user, obj):
        raise Http404("未找到该对象，或您无权查看")
    return source, obj


def link_of(user, item) -> str:
    """The URL of the item's source for `user`, or "" when it is not registered or they cannot see it."""
    source = of_item(item)
    if source is None:
        return ""
    obj = source.rows().filter(pk=item.source_id).first()
    return source.url_of(obj) if obj is not None and source.can_see(user, obj) else ""
