"""Document numbers (文号) per agency, document kind and year: X市监罚〔2026〕12号.

Numbers are strictly sequential with no gap and no duplicate: the sequence row is locked for the
rest of the caller's transaction, so a number is consumed only if the document that uses it commits.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Agency, NumberFormat, NumberSequence


def prefix_for(agency: Agency, kind: str) -> str:
    """The configured prefix for this agency and kind, else the agency's short name followed by the kind."""
    configured = (
        NumberFormat.objects.filter(agency=agency, kind=kind).values_list("prefix", flat=True).first()
    )
    return configured or f"{agency.short_name or agency.name}{kind}"


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq}号"


@transaction.atomic
def next_number(agency: Agency, kind: str, *, year: int | None = None) -> str:
    """Take the next number of (agency, kind, year). Call inside the transaction that saves the document."""
    year = year or timezone.localdate().year
    NumberSequence.objects.get_or_create(agency=agency, kind=kind, year=year)
    sequence = NumberSequence.objects.filter(agency=agency, kind=kind, year=year)
    # The UPDATE takes the row lock: a concurrent caller waits here until this transaction ends.
    sequence.update(last=F("last") + 1)
    seq = sequence.values_list("last", flat=True).get()
    return format_number(prefix_for(agency, kind), year, seq)
