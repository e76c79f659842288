"""数据交换: export and import rows per second. A county agency with `ZHIFA_BENCH_EXCHANGE_OFFICERS`
(default 2,000 × ZHIFA_BENCH_SCALE) officers, each with a certificate and two records in its chain
(officer.create, certificate.issue); the log from the start of its set-up is exported in pages of 500 (records and officer
snapshots) and the joined file imported into an empty exchange store, then imported again (all unchanged)."""

import os
from datetime import date

from django.db import transaction
from django.utils import timezone

from zhifa.core import records
from zhifa.exchange import services
from zhifa.exchange.management.commands.exchange_export import export_all
from zhifa.exchange.models import Batch, ChainHead, Collected, Conflict
from zhifa.registry.models import Certificate, Officer

from . import Context, Row, benchmark, measure, synthetic_id_number

OFFICERS = int(os.environ.get("ZHIFA_BENCH_EXCHANGE_OFFICERS", "2000"))


def _build(ctx: Context, n: int) -> None:
    agency = ctx.agency
    with transaction.atomic():
        officers = Officer.objects.bulk_create(
            Officer(
                agency=agency,
                name=f"交换{i}",
                name_initials="jh",
                id_number=synthetic_id_number(i, "110103"),
                post="执法岗",
            )
            for i in range(n)
        )
        certificates = Certificate.objects.bulk_create(
            Certificate(officer=o, number=f"EX{o.pk:010d}", issuer="基准", issued_on=date(2025, 1, 1),
                        expires_on=date(2030, 1, 1))
            for o in officers
        )  # fmt: skip
        records.append_many(
            agency=agency,
            items=[
                *((o, "officer.create", {"name": o.name}) for o in officers),
                *((c, "certificate.issue", {"number": c.number}) for c in certificates),
            ],
        )


def _empty_store() -> None:
    Conflict.objects.all().delete()
    Collected.objects.all().delete()
    ChainHead.objects.all().delete()
    Batch.objects.filter(direction="import").delete()


@benchmark("exchange")
def exchange(ctx: Context) -> list[Row]:
    n = ctx.n(OFFICERS)
    # what this benchmark wrote, not the whole log: the modules before it leave a million records or more,
    # and an export joins its pages in memory
    built_from = timezone.now()
    _build(ctx, n)
    envelope: dict = {}

    def export():
        envelope.update(export_all(since=built_from, agency=ctx.agency, limit=500))

    exported = measure(export, repeats=ctx.repeats)
    rows = len(envelope["records"])
    received = {**envelope, "source": {**envelope["source"], "instance": "BENCH000000"}}

    def first_import():
        _empty_store()
        services.import_envelope(actor=None, envelope=received, agency=ctx.agency)

    imported = measure(first_import, repeats=ctx.repeats)
    again = measure(lambda: services.import_envelope(actor=None, envelope=received, agency=ctx.agency),
                    repeats=ctx.repeats)  # fmt: skip
    note = f"{n} officers, {rows} rows ({2 * n} chain records)"
    return [
        Row("exchange.export", rows / exported.median, "rows/s", f"{note}; {exported.describe()}"),
        Row(
            "exchange.import", rows / imported.median, "rows/s", f"into an empty store; {imported.describe()}"
        ),
        Row(
            "exchange.import_again",
            rows / again.median,
            "rows/s",
            f"same file, all unchanged; {again.describe()}",
        ),
    ]
