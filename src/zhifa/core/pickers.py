"""远程检索选择框 — person and agency pickers that scale with the work, not with the organisation.

A picker over officers, agencies, users or regions may have hundreds of thousands of choices; it renders
only the chosen one(s) as `<option>`s and searches the rest through a JSON endpoint (at most `LIMIT`
matches, scoped by core.access) with tom-select (static/zhifa/picker.js, from npm, served locally). The
form still validates against the field's queryset, so a forged id outside the scope is refused as before.

Two ways in: `RemoteSelect` / `RemoteSelectMultiple` as the widget of a (Multiple)ModelChoiceField, and
`picker_options` for a hand-written filter `<select>` of a list page (the case list's 承办人员).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.urls import reverse

LIMIT = 20  # matches per search: a picker lists what a person can read, never the whole organisation


def search_url(source: str, **params) -> str:
    """The endpoint named `source` (a URL name, e.g. "api-1.0.0:registry_officer_search"), with fixed
    parameters the picker always sends (agency_id …)."""
    from urllib.parse import urlencode

    url = reverse(source)
    return f"{url}?{urlencode(params)}" if params else url


class _Remote(forms.Select):
    """The shared half: data attributes for picker.js, and options only for the chosen values."""

    def __init__(
        self,
        source: str,
        *,
        label: Callable[[object], str] | None = None,
        placeholder: str = "输入姓名或名称检索",
        depends: str = "",
        params: dict | None = None,
        attrs=None,
    ):
        self.source = source
        self.label = label
        self.placeholder = placeholder
        self.depends = depends
        self.params = params or {}
        super().__init__(attrs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-remote-search"] = search_url(self.source, **self.params)
        attrs["data-placeholder"] = self.placeholder
        if self.depends:
            attrs["data-remote-depends"] = self.depends
        return attrs

    def optgroups(self, name, value, attrs=None):
        """Only the chosen values (and the empty choice) become options: one query for their labels."""
        chosen = [v for v in value if v not in ("", None)]
        groups = []
        queryset = getattr(self.choices, "queryset", None)
        field = getattr(self.choices, "field", None)
        empty_label = getattr(field, "empty_label", None)
        index = 0
        if not self.allow_multiple_selected and empty_label is not None:
            option = self.create_option(name, "", empty_label, not chosen, index, attrs=attrs)
            groups.append((None, [option], index))
            index += 1
        if chosen and queryset is not None:
            pks = [v for v in (_int(v) for v in chosen) if v is not None]
            label: Callable[[object], str] = self.label or getattr(field, "label_from_instance", None) or str
            for obj in queryset.filter(pk__in=pks):
                option = self.create_option(name, str(obj.pk), label(obj), True, index, attrs=attrs)
                groups.append((None, [option], index))
                index += 1
        return groups


def _int(value) -> int | None:
    try:
        return int(str(getattr(value, "pk", value)))
    except (TypeError, ValueError):
        return None


class RemoteSelect(_Remote):
    pass


class RemoteSelectMultiple(_Remote, forms.SelectMultiple):
    pass


def picker_options(chosen: Iterable[tuple[object, str]]) -> list[dict]:
    """For a hand-written filter select: the chosen value(s) with their labels, e.g. [(pk, "张伟（某局）")]."""
    return [{"value": str(pk), "label": label} for pk, label in chosen]


def plain_max() -> int:
    from django.conf import settings

    return settings.ZHIFA_PICKER_PLAIN_MAX


def is_large(queryset) -> bool:
    """More choices than a plain <select> should carry (one LIMIT query, however many there are)."""
    return queryset[: plain_max() + 1].count() > plain_max()


def use_remote(field: forms.ModelChoiceField, source: str, **widget_kwargs) -> bool:
    """Make `field` (its queryset already set) a remote-search picker when it has more than a few dozen
    choices; a small one stays a plain select. Returns whether it became remote."""
    if not is_large(field.queryset):
        return False
    widget_class = RemoteSelectMultiple if isinstance(field, forms.ModelMultipleChoiceField) else RemoteSelect
    widget = widget_class(source, **widget_kwargs)
    widget.choices = field.choices  # type: ignore[assignment]  # the field's ModelChoiceIterator
    widget.is_required = field.required
    widget.attrs.update(field.widget.attrs)
    field.widget = widget
    return True


@dataclass(frozen=True)
class FilterPicker:
    """A list page's filter <select name=…> searching remotely (core/_remote_filter.html)."""

    name: str
    url: str
    aria_label: str
    empty_label: str
    options: list[dict]
    placeholder: str = "输入检索"
    depends: str = ""


def filter_picker(
    name: str, source: str, *, aria_label: str, empty_label: str, chosen=(), depends: str = "", **params
) -> FilterPicker:
    """`chosen`: (value, label) pairs of what the URL selected, so a saved filter shows its label."""
    return FilterPicker(
        name=name,
        url=search_url(source, **params),
        aria_label=aria_label,
        empty_label=empty_label,
        options=picker_options(chosen),
        placeholder=f"输入{aria_label}检索",
        depends=depends,
    )


def remote_agencies(field: forms.ModelChoiceField, perm: str) -> bool:
    """An agency picker (its queryset set) searching /api/agencies/search under `perm` when large."""
    return use_remote(field, "api:search_agencies", params={"perm": perm}, placeholder="输入机关名称检索")


def remote_officers(
    field: forms.ModelChoiceField,
    perm: str,
    *,
    active: bool = True,
    agency_id: int | None = None,
    kind: str = "",
) -> bool:
    """An officer picker (its queryset set) searching /api/registry/officers/search under `perm` when
    large (姓名、拼音首字母或执法证号), within one agency and of one kind (执法人员/辅助人员) when given."""
    params: dict[str, object] = {"perm": perm}
    if active:
        params["active"] = "true"
    if agency_id is not None:
        params["agency_id"] = agency_id
    if kind:
        params["kind"] = kind
    return use_remote(
        field, "api:search_officers", params=params, placeholder="输入姓名、拼音首字母或证号检索"
    )


def agency_filter(
    agencies,
    chosen,
    *,
    perm: str,
    aria_label: str = "机关",
    empty_label: str = "全部机关",
    name: str = "agency",
) -> FilterPicker | None:
    """A list page's agency filter: None while `agencies` is small (the page keeps its plain select),
    else a remote picker showing only the chosen agency (`chosen`: the raw filter value)."""
    if not is_large(agencies):
        return None
    pk = _int(chosen) if chosen else None
    labels = agencies.filter(pk=pk).values_list("pk", "name") if pk else []
    return filter_picker(
        name, "api:search_agencies", aria_label=aria_label, empty_label=empty_label, chosen=labels, perm=perm
    )


def remote_receivers(field: forms.ModelChoiceField, region_code: str, *, not_justice: bool = True) -> bool:
    """A hand-off's receiver picker (the active agencies of the region `region_code`'s subtree, its
    queryset set): searched remotely when large."""
    params = {"region_code": region_code, **({"not_justice": "true"} if not_justice else {})}
    return use_remote(field, "api:search_agencies", params=params, placeholder="输入机关名称检索")
