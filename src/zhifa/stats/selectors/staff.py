"""执法人员: the active 行政执法人员 of the agencies, how many hold an enforcement certificate valid on the
period's last day (持证率), and how many trained at least the yearly hours within the period (培训达标)."""

from decimal import Decimal

from django.db.models import Count, Exists, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from zhifa.registry import clocks
from zhifa.registry.choices import CertificateKind, PersonKind, PersonStatus
from zhifa.registry.models import Certificate, Officer, TrainingRecord

from ..ontime import Period
from ._common import Cell, ids

KEYS = {"officers": "在岗执法人员", "certified": "持有效执法证", "trained": "培训学时达标"}


def officers(agencies: QuerySet, period: Period) -> QuerySet[Officer]:
    """The officers counted, each with `certified` and `hours` (for the drill-down's filters too)."""
    valid = Certificate.objects.valid_on(period.end).filter(
        officer=OuterRef("pk"), kind=CertificateKind.ENFORCEMENT
    )
    hours = (
        TrainingRecord.objects.filter(officer=OuterRef("pk"), on__gte=period.start, on__lte=period.end)
        .order_by()
        .values("officer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Officer.objects.filter(
        agency_id__in=ids(agencies), status=PersonStatus.ACTIVE, kind=PersonKind.OFFICER
    ).alias(certified=Exists(valid), hours=Coalesce(Subquery(hours), Value(Decimal(0))))


def trained_q() -> Q:
    """At least the yearly hours. The target is a number expression: a Decimal parameter reaches SQLite as
    text, and a number compared with text is always smaller there."""
    return Q(hours__gte=Value(float(clocks.training_hours_per_year()), output_field=FloatField()))


def compliance(agencies: QuerySet, period: Period) -> list[Cell]:
    """Per agency: three cells (officers, certified, trained)."""
    rows = (
        officers(agencies, period)
        .order_by()
        .values("agency_id")
        .annotate(
            n=Count("pk"),
            certified_n=Count("pk", filter=Q(certified=True)),
            trained_n=Count("pk", filter=trained_q()),
        )
    )
    found = []
    for row in rows:
        found.append(Cell(row["agency_id"], "officers", KEYS["officers"], row["n"]))
        found.append(Cell(row["agency_id"], "certified", KEYS["certified"], row["certified_n"]))
        found.append(Cell(row["agency_id"], "trained", KEYS["trained"], row["trained_n"]))
    return found
