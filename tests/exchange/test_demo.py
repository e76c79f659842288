"""数据交换 over the demo: every kind is exported, the round trip into the empty exchange store keeps the counts
and the record hashes, the demo's batches and conflict, and the 互联网+监管 行政检查行为 row of a demo inspection."""

from collections import Counter

import pytest

from zhifa.core.models import Record
from zhifa.exchange import profiles, services
from zhifa.exchange.management.commands.exchange_export import export_all
from zhifa.exchange.models import Batch, Collected, Conflict
from zhifa.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_demo_round_trip_covers_every_kind(demo_db):
    envelope = export_all(since=None)
    counts = Counter(r["kind"] for r in envelope["records"])
    assert set(counts) == {
        "body",
        "officer",
        "item",
        "case",
        "decision",
        "inspection",
        "supervision",
        "record",
    }
    assert counts["record"] == Record.objects.count()
    hashes = sorted(Record.objects.values_list("hash", flat=True))
    received = {**envelope, "source": {**envelope["source"], "instance": "ZF999999"}}
    batch = services.import_envelope(actor=None, envelope=received)
    assert (batch.inserted, batch.conflicts) == (sum(counts.values()), 0)
    mine = Collected.objects.filter(source_instance="ZF999999")
    assert Counter(mine.values_list("kind", flat=True)) == counts
    assert sorted(mine.filter(kind="record").values_list("content_hash", flat=True)) == hashes
    again = services.import_envelope(actor=None, envelope=received)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, sum(counts.values()))


def test_demo_batches_and_conflict(demo_db):
    assert list(Batch.objects.order_by("pk").values_list("direction", "agency__name", "conflicts")) == [
        ("export", "东湖区司法局", 0),
        ("import", "江州市司法局", 0),
        ("import", "江州市司法局", 1),
    ]
    message = Conflict.objects.get().message
    assert (
        message.startswith("执法主体 ")
        and "本地版本较新" in message
        and "导入数据变更于2020年1月1日 08:00:00" in message
    )


def test_demo_inspection_as_hlwjg_row(demo_db):
    inspection = Inspection.objects.filter(task__isnull=False).exclude(result="").order_by("pk").first()
    envelope = export_all(since=None)
    record = next(
        r
        for r in envelope["records"]
        if r["kind"] == "inspection" and r["key"].endswith(f":JC{inspection.pk}")
    )
    row = profiles.hlwjg_inspection(record, envelope)
    agency = inspection.agency
    assert row["实施机构"] == agency.name
    assert row["实施机构统一社会信用代码"] == agency.credit_code
    assert row["检查实施清单编码"] == agency.credit_code + "2"
    assert row["行政相对人名称"] == inspection.subject.name
    assert row["检查时间"] == inspection.started_on.isoformat()
    assert row["检查形式"] == "双随机抽查"
    assert row["双随机抽查计划编号"] == str(inspection.task.plan_id)
    assert row["检查结果"] == profiles.RESULT[inspection.result]
    assert row["cd_batch"] == envelope["cd_batch"] and row["cd_operation"] == "I"
    assert row["执法证号"] == [n for p in record["data"]["inspectors"] for n in p["certificates"]]
