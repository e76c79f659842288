"""What the figure modules share: the grouped row and the agency subquery."""

from decimal import Decimal
from typing import NamedTuple

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast, Substr


class Cell(NamedTuple):
    """One group of a grouped query: an agency (None when the figure is not per agency), the value it is
    grouped by (a code), its label, how many, and a sum where the figure has one (fines)."""

    agency_id: int | None
    key: str
    label: str
    n: int
    amount: Decimal | None = None


CENT = Decimal("0.01")


def money(amount) -> Decimal | None:
    """A sum of money to the fen (SQLite sums decimals as floats: 1239767.89000000)."""
    return None if amount is None else Decimal(amount).quantize(CENT)


def ids(agencies: QuerySet) -> QuerySet:
    """The agencies as an `id IN (subquery)` operand."""
    return agencies.values("pk")


def cells(rows, agency: str | None, key: str, labels: dict | None = None, label: str | None = None):
    """Grouped `rows` (dicts) as Cells, the key's label from `labels` or a `label` column."""
    found = []
    for row in rows:
        code = row[key]
        code = "" if code is None else str(code)
        text = row[label] if label else (labels or {}).get(code, code)
        found.append(
            Cell(row[agency] if agency else None, code, str(text or "—"), row["n"], money(row.get("amount")))
        )
    return found


def month_of(field: str) -> Substr:
    """The month (YYYY-MM) of the date column `field`, computed by the database from its ISO text (stored
    as such on SQLite, cast on PostgreSQL): TruncMonth calls back into Python for every row on SQLite."""
    return Substr(Cast(field, CharField()), 1, 7)
