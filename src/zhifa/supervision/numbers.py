"""On the supervision pages people type cases, documents and records by their numbers, several in one
field; these become the ids the services take, or a form error naming the numbers the agency does not have."""

import re

from django import forms

SEPARATORS = re.compile(r"[\s,，、;；]+")


def tokens(value: str) -> list[str]:
    return [t for t in SEPARATORS.split(value or "") if t]


def ids_by_number(value: str, queryset, lookup: str, label: str, agency_name: str) -> list[int]:
    wanted = tokens(value)
    found = dict(queryset.filter(**{f"{lookup}__in": wanted}).values_list(lookup, "pk"))
    missing = [t for t in wanted if t not in {str(k) for k in found}]
    if missing:
        raise forms.ValidationError(f"{agency_name}没有{label}：{'、'.join(missing)}")
    return list(found.values())
