"""Round trip into an empty database: export everything from one instance, empty the database (flush, as a
second instance starts), set up the receiving body, import the file — the same counts by kind, the same
record hashes, the same chain heads. A transactional test, so the flush is real on SQLite and PostgreSQL."""

import json
from collections import Counter

from django.core.management import call_command

from tests.factories import AgencyFactory, RegionFactory
from zhifa.core.choices import AgencyKind, RegionLevel
from zhifa.core.models import Agency, Record, RecordChain
from zhifa.core.records import record_digest
from zhifa.core.validators import credit_code_with_check
from zhifa.exchange.management.commands.exchange_export import export_all
from zhifa.exchange.models import ChainHead, Collected


def test_round_trip_into_an_empty_database(world, transactional_db, tmp_path, settings):
    envelope = export_all(since=None)
    counts = Counter(r["kind"] for r in envelope["records"])
    hashes = sorted(Record.objects.values_list("hash", flat=True))
    heads = {c.agency.credit_code: c.head_seq for c in RecordChain.objects.select_related("agency")}
    out = tmp_path / "交换.json"
    out.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")

    call_command("flush", interactive=False)
    assert (Agency.objects.count(), Record.objects.count(), Collected.objects.count()) == (0, 0, 0)
    settings.ZHIFA_EXCHANGE_INSTANCE = "ZF990000"
    receiver = AgencyFactory(
        name="测试省司法厅（省级平台）",
        credit_code=credit_code_with_check("11990000MB0000051"),
        kind=AgencyKind.JUSTICE,
        region=RegionFactory(code="990000", name="省级平台", level=RegionLevel.PROVINCE),
    )
    call_command("exchange_import", str(out), "--agency", receiver.credit_code)

    assert counts == {"body": 1, "officer": 2, "record": 4}
    assert Counter(Collected.objects.values_list("kind", flat=True)) == counts
    collected = Collected.objects.filter(kind="record")
    assert sorted(collected.values_list("content_hash", flat=True)) == hashes
    for row in collected:  # each stored chain record still hashes to its hash
        data = json.loads(row.content)
        assert row.content_hash == record_digest(
            prev_hash=data["prev_hash"], agency_id=data["agency_id"], seq=data["seq"],
            subject_type=data["subject_type"], subject_id=data["subject_id"], action=data["action"],
            actor_id=data["actor_id"], actor_name=data["actor_name"], at_iso=data["at"], payload=data["payload"],
        )  # fmt: skip
    assert dict(ChainHead.objects.values_list("credit_code", "seq")) == heads
    assert list(Record.objects.values_list("action", flat=True)) == ["exchange.import"]
