"""Sortable list columns, sorted by the database: a list declares once which columns may be sorted and by
what ordering (`Sorts`), the request's `?sort=key` / `?sort=-key` is read against that whitelist
(`Sorts.parse`), and the header cell is drawn by the `sort_header` tag (core/templatetags/lists.py).

Only declared keys sort — an unknown or malformed `sort` keeps the list's own default order (never a
500, never an arbitrary `order_by` from the query string). An API list takes the same keys from the same
object (`sort: Annotated[str, SORTS] = ""`): the schema lists them and anything else is a 422. Every ordering ends with a unique tiebreak
(the id) so a page boundary is stable; each declared column should be backed by an index that also
covers the list's usual filter (the agency).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from pydantic_core import core_schema

SORT_PARAM = "sort"
SORT_MAX_LENGTH = 40  # longer than any declared key: refused without a lookup


def _reverse(expression: str) -> str:
    return expression[1:] if expression.startswith("-") else f"-{expression}"


@dataclass(frozen=True)
class SortColumn:
    """One sortable column: `key` as it appears in ?sort=, its header `label`, and the ascending
    `ordering` (the descending one is its exact reverse)."""

    key: str
    label: str
    ordering: tuple[str, ...]


class Sorts:
    """A list's sortable columns. `tiebreak` ends every ordering (unique: the id); `default` is the list's
    own order when no (or an unknown) column is asked for — empty: the queryset's order is kept."""

    def __init__(self, *columns: SortColumn, tiebreak: str = "id", default: tuple[str, ...] = ()):
        self.columns = {column.key: column for column in columns}
        self.tiebreak = tiebreak
        self.default = default

    def parse(self, raw) -> Sorting:
        """`raw` (the ?sort= value) against the whitelist; anything else is the default order."""
        if not isinstance(raw, str) or not raw or len(raw) > SORT_MAX_LENGTH:
            return Sorting(self, None, False)
        descending = raw.startswith("-")
        key = raw[1:] if descending else raw
        if key not in self.columns:
            return Sorting(self, None, False)
        return Sorting(self, key, descending)

    def of(self, request) -> Sorting:
        return self.parse(request.GET.get(SORT_PARAM, ""))

    def values(self) -> tuple[str, ...]:
        """Every ?sort= value the list declares: "" (its own order), then each key ascending and descending."""
        return ("", *(value for key in self.columns for value in (key, f"-{key}")))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        """An API list's parameter `sort: Annotated[str, SORTS] = ""` accepts exactly `values()`, as a
        `Literal` of them would: anything else is a 422, and the OpenAPI schema lists them as its enum."""
        return core_schema.literal_schema(list(self.values()))

    def ordering(self, key: str, descending: bool) -> list[str]:
        ascending = [*self.columns[key].ordering, self.tiebreak]
        return [_reverse(e) for e in ascending] if descending else ascending


@dataclass(frozen=True)
class Sorting:
    """The sort a request asked for (`key` None: the list's default order)."""

    sorts: Sorts
    key: str | None
    descending: bool

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.key is None:
            return queryset.order_by(*self.sorts.default) if self.sorts.default else queryset
        return queryset.order_by(*self.sorts.ordering(self.key, self.descending))

    @property
    def value(self) -> str:
        """The ?sort= value of this sort ("" for the default order)."""
        if self.key is None:
            return ""
        return f"-{self.key}" if self.descending else self.key

    def direction_of(self, key: str) -> str:
        """ "ascending" / "descending" for the sorted column, "none" for the others (aria-sort)."""
        if key != self.key:
            return "none"
        return "descending" if self.descending else "ascending"

    def next_value(self, key: str) -> str:
        """The ?sort= value a click on column `key` asks for: ascending first, then the reverse."""
        return f"-{key}" if key == self.key and not self.descending else key
