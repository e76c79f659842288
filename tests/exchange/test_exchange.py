"""数据交换: the export page, the import merge (idempotent, conflicts), the refusals with nothing written, the
signed cursor, the API, the page and the commands — on the `world` of conftest (a body, two officers, one
certificate: four records in 东区市场监督管理局's chain)."""

import copy
import json
import time
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import Api, errors, html
from zhifa.core.models import Record
from zhifa.exchange import cursor as cursors
from zhifa.exchange import services
from zhifa.exchange.models import Batch, ChainHead, Collected, Conflict
from zhifa.exchange.schema import validator
from zhifa.exchange.snapshots import content_hash

from .conftest import BUREAU, MARKET, PROVINCE, ExchangeWrites


def keys(world):
    return [
        ("body", MARKET),
        ("officer", world["wang"]),
        ("officer", "JZ00000001"),
        ("record", f"{MARKET}:1"),
        ("record", f"{MARKET}:2"),
        ("record", f"{MARKET}:3"),
        ("record", f"{MARKET}:4"),
    ]


def _page(**kwargs):
    return services.export_page(actor=None, **kwargs)


def _other(envelope):
    """The page as another instance sent it."""
    return {**envelope, "source": {**envelope["source"], "instance": "ZF990000"}}


# ---- export ----------------------------------------------------------------------------------------


def test_full_export_page(world):
    page = _page()
    assert list(validator().iter_errors(page)) == []
    assert page["source"] == {"instance": "ZF980000", "credit_code": PROVINCE, "region_code": "980000"}
    assert page["cd_source"] == f"980000:{PROVINCE}"
    assert page["cd_batch"].endswith(f"-{Batch.objects.get().pk:06d}")
    assert [(r["kind"], r["key"]) for r in page["records"]] == keys(world)
    assert {r["cd_operation"] for r in page["records"]} == {"i"}
    assert [r["hash"] for r in page["records"] if r["kind"] == "record"] == list(
        Record.objects.filter(agency=world["market"]).order_by("seq").values_list("hash", flat=True)
    )
    officer = page["records"][2]["data"]
    assert officer["name"] == "张伟" and officer["certificates"][0]["number"] == "JZ00000001"
    assert "id_number" not in officer  # 身份证号码 never leaves
    assert page["next_cursor"] is None
    batch = Batch.objects.get()
    assert (batch.direction, batch.total, batch.inserted, batch.counts) == (
        "export", 7, 7, {"body": 1, "officer": 2, "record": 4},
    )  # fmt: skip


def test_export_is_incremental_by_change_time(world):
    last = Record.objects.filter(agency=world["market"]).order_by("seq").last()
    page = _page(since=last.at)
    assert [(r["kind"], r["key"]) for r in page["records"]] == [
        ("officer", "JZ00000001"),
        ("record", f"{MARKET}:4"),
    ]
    assert page["records"][0]["cd_operation"] == "u"
    assert _page(since=datetime.now(UTC) + timedelta(days=1))["records"] == []


def test_export_pages_resume_with_the_signed_cursor(world):
    first = _page(limit=3)
    assert [r["key"] for r in first["records"] if r["kind"] == "record"] == [
        f"{MARKET}:{n}" for n in (1, 2, 3)
    ]
    second = _page(cursor=first["next_cursor"], limit=3)
    assert [r["key"] for r in second["records"] if r["kind"] == "record"] == [f"{MARKET}:4"]
    assert second["next_cursor"] is None
    assert (second["cursor_after"], second["cursor_upto"]) == (first["cursor_upto"], first["cursor_upto"] + 1)


def test_forged_stale_and_foreign_cursors_are_refused(world):
    first = services.export_page(actor=world["admin"], limit=1)
    token = first["next_cursor"]
    with pytest.raises(ValidationError) as forged:
        services.export_page(actor=world["admin"], cursor=token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    assert forged.value.message_dict == {"cursor": ["游标无效：签名不符，可能被篡改"]}
    with pytest.raises(ValidationError) as foreign:
        services.export_page(actor=world["supervisor"], cursor=token)
    assert foreign.value.message_dict == {"cursor": ["游标不属于当前用户，请重新开始导出"]}
    a_day_later = time.time() + cursors.DEFAULT_MAX_AGE + 1
    with mock.patch("time.time", return_value=a_day_later), pytest.raises(ValidationError) as stale:
        services.export_page(actor=world["admin"], cursor=token)
    assert stale.value.message_dict == {"cursor": ["游标已过期（有效期24小时），请重新开始导出"]}
    other_salt = signing.dumps({"a": 0, "s": None, "u": world["admin"].pk}, salt="another")
    with pytest.raises(ValidationError) as forged:
        services.export_page(actor=world["admin"], cursor=other_salt)
    assert forged.value.message_dict == {"cursor": ["游标无效：签名不符，可能被篡改"]}
    assert Batch.objects.count() == 1  # only the first page was exported


def test_export_is_scoped_to_the_users_region(world):
    assert [r["key"] for r in services.export_page(actor=world["supervisor"])["records"]][:1] == [MARKET]
    assert services.export_page(actor=world["outsider"])["records"] == []
    with pytest.raises(PermissionDenied):
        services.export_page(actor=world["officer"])


# ---- import ----------------------------------------------------------------------------------------


def test_import_merges_and_the_same_file_twice_changes_nothing(world):
    page = _other(_page())
    batch = services.import_envelope(actor=world["admin"], envelope=page)
    assert (batch.total, batch.inserted, batch.updated, batch.unchanged, batch.conflicts) == (7, 7, 0, 0, 0)
    assert sorted(Collected.objects.values_list("kind", "key")) == sorted(keys(world))
    assert ChainHead.objects.get().seq == 4
    rows = list(Collected.objects.order_by("pk").values())
    again = services.import_envelope(actor=world["admin"], envelope=page)
    assert (again.inserted, again.updated, again.deleted, again.unchanged, again.conflicts) == (0, 0, 0, 7, 0)
    assert list(Collected.objects.order_by("pk").values()) == rows
    record = Record.objects.filter(subject_type="exchange.batch").order_by("pk").last()
    assert (record.agency_id, record.action, record.action_label) == (
        world["top"].pk,
        "exchange.import",
        "导入交换数据",
    )


def test_newer_incoming_content_updates_and_older_is_a_conflict(world):
    page = _other(_page())
    services.import_envelope(actor=world["admin"], envelope=page)
    newer = copy.deepcopy(page)
    body = newer["records"][0]
    body["data"]["name"] = "东区市场监管局"
    body["hash"] = content_hash(body["data"])
    body["cd_time"] = "2099-01-01T00:00:00.000000Z"
    batch = services.import_envelope(actor=world["admin"], envelope=newer)
    assert (batch.updated, batch.unchanged, batch.conflicts) == (1, 6, 0)
    older = copy.deepcopy(page)
    body = older["records"][0]
    body["data"]["name"] = "东区市场监督局（旧）"
    body["hash"] = content_hash(body["data"])
    body["cd_time"] = "2020-05-01T02:00:00.000000Z"
    batch = services.import_envelope(actor=world["admin"], envelope=older)
    assert (batch.updated, batch.unchanged, batch.conflicts) == (0, 6, 1)
    assert list(Conflict.objects.values_list("message", flat=True)) == [
        f"执法主体 {MARKET}：本地版本较新（本地变更于2099年1月1日 08:00:00，导入数据变更于2020年5月1日 10:00:00），"
        "保留本地版本，未覆盖"
    ]
    assert json.loads(Collected.objects.get(kind="body").content)["name"] == "东区市场监管局"


def test_a_delete_marks_the_collected_record(world):
    page = _other(_page())
    services.import_envelope(actor=world["admin"], envelope=page)
    gone = copy.deepcopy(page)
    gone["records"] = [
        {**page["records"][1], "cd_operation": "d", "data": None, "hash": content_hash(None),
         "cd_time": "2099-01-01T00:00:00.000000Z"}
    ]  # fmt: skip
    batch = services.import_envelope(actor=world["admin"], envelope=gone)
    assert (batch.deleted, batch.unchanged) == (1, 0)
    assert Collected.objects.get(key=world["wang"]).deleted is True
    assert services.import_envelope(actor=world["admin"], envelope=gone).unchanged == 1


def _refused(world, envelope) -> str:
    writes = ExchangeWrites()
    with pytest.raises(ValidationError) as refused:
        services.import_envelope(actor=world["admin"], envelope=envelope)
    assert writes.none
    return refused.value.message_dict["file"][0]


def test_refusals_name_the_reason_and_write_nothing(world):
    page = _other(_page())
    missing = copy.deepcopy(page)
    del missing["records"][0]["data"]["name"]
    missing["records"][0]["hash"] = content_hash(missing["records"][0]["data"])
    assert _refused(world, missing) == "交换文件不符合数据规范：第1条记录的“data”：缺少必填字段“name”"
    assert _refused(world, {"version": "1.0"}) == "交换文件不符合数据规范：文件：缺少必填字段“cd_batch”"
    bad_code = copy.deepcopy(page)
    bad_code["records"][0]["key"] = bad_code["records"][0]["data"]["credit_code"] = MARKET[:-1] + (
        "0" if MARKET[-1] != "0" else "1"
    )
    bad_code["records"][0]["hash"] = content_hash(bad_code["records"][0]["data"])
    assert _refused(world, bad_code).startswith("第1条记录（执法主体）的统一社会信用代码")
    tampered = copy.deepcopy(page)
    tampered["records"][4]["data"]["payload"] = tampered["records"][4]["data"]["payload"].replace(
        "张伟", "李四"
    )
    assert _refused(world, tampered) == f"第5条记录（执法记录 {MARKET}:2）的哈希与内容不符，文件可能被改动"
    gap = copy.deepcopy(page)
    del gap["records"][4]
    assert _refused(world, gap) == f"机关 {MARKET} 的执法记录第3条不符合记录链：记录不连续（应为第2条）"
    rewritten = copy.deepcopy(page)
    data = rewritten["records"][4]["data"]
    data["payload"] = data["payload"].replace("张伟", "李四")
    from zhifa.core.records import record_digest

    rewritten["records"][4]["hash"] = record_digest(
        prev_hash=data["prev_hash"], agency_id=data["agency_id"], seq=data["seq"], subject_type=data["subject_type"],
        subject_id=data["subject_id"], action=data["action"], actor_id=data["actor_id"],
        actor_name=data["actor_name"], at_iso=data["at"], payload=data["payload"],
    )  # fmt: skip
    assert (
        _refused(world, rewritten) == f"机关 {MARKET} 的执法记录第3条不符合记录链：前一哈希与上一条记录不符"
    )
    bad_time = copy.deepcopy(page)
    bad_time["records"][0]["cd_time"] = "2026-13-45T99:00Z"
    assert _refused(world, bad_time) == "交换文件不符合数据规范：第1条记录的“cd_time”：格式错误"


def test_an_incremental_import_continues_the_chain(world):
    first = _other(_page(limit=2))
    services.import_envelope(actor=world["admin"], envelope=first)
    rest = _other(_page(cursor=first["next_cursor"], limit=2))
    services.import_envelope(actor=world["admin"], envelope=rest)
    assert ChainHead.objects.get().seq == 4
    assert Collected.objects.filter(kind="record").count() == 4
    skipped = _other(_page(limit=10))
    skipped["records"] = [r for r in skipped["records"] if r["key"] != f"{MARKET}:3"]
    assert services.import_envelope(actor=world["admin"], envelope=skipped).unchanged == 6


def test_a_gap_after_the_collected_head_is_refused(world):
    first = _other(_page(limit=2))
    services.import_envelope(actor=world["admin"], envelope=first)
    later = _other(_page(limit=10))
    later["records"] = [r for r in later["records"] if r["key"] != f"{MARKET}:3"]
    assert _refused(world, later) == f"机关 {MARKET} 的执法记录第4条不符合记录链：记录不连续（应为第3条）"


def test_only_the_exchange_roles_import(world):
    with pytest.raises(PermissionDenied):
        services.import_envelope(actor=world["officer"], envelope=_page())


# ---- API, page, commands ------------------------------------------------------------------------------


def test_api_export_import_and_batches(world, client):
    api = Api(client, "/api/exchange").login(world["supervisor"])
    first = api.get("/export", limit=2)
    assert first.status_code == 200
    body = first.json()
    assert [r["kind"] for r in body["records"]] == ["body", "officer", "record", "record"]
    rest = api.get("/export", cursor=body["next_cursor"], limit=2).json()
    assert [r["key"] for r in rest["records"] if r["kind"] == "record"] == [f"{MARKET}:3", f"{MARKET}:4"]
    forged = api.get("/export", cursor="abc")
    assert (forged.status_code, errors(forged)) == (422, {"cursor": "游标无效：签名不符，可能被篡改"})
    assert api.get("/export", limit=0).status_code == 422
    imported = api.post("/import", _other(body))
    assert imported.status_code == 201
    assert (imported.json()["inserted"], imported.json()["direction_label"]) == (4, "导入")
    refused = api.post("/import", {"version": "2.0"})
    assert refused.status_code == 422
    listed = api.get("/batches").json()
    assert [(b["direction"], b["agency_id"]) for b in listed["items"]] == [
        ("import", world["bureau"].pk), ("export", world["bureau"].pk), ("export", world["bureau"].pk),
    ]  # fmt: skip
    batch_id = listed["items"][0]["id"]
    assert api.get(f"/batches/{batch_id}").json()["total"] == 4
    assert api.get(f"/batches/{batch_id}/conflicts").json() == {"items": [], "count": 0}
    outsider = Api(client, "/api/exchange").login(world["outsider"])
    assert outsider.get(f"/batches/{batch_id}").status_code == 404
    assert outsider.get("/batches").json()["count"] == 0


def test_batches_page_in_chinese(world, client):
    page = _other(_page())
    services.import_envelope(actor=world["admin"], envelope=page)
    older = copy.deepcopy(page)
    older["records"][0]["data"]["name"] = "旧名称"
    older["records"][0]["hash"] = content_hash(older["records"][0]["data"])
    older["records"][0]["cd_time"] = "2020-05-01T02:00:00.000000Z"
    batch = services.import_envelope(actor=world["admin"], envelope=older)
    client.force_login(world["admin"])
    text = html(client.get("/exchange/"))
    assert "数据交换" in text and batch.cd_batch in text and "导入" in text and "导出" in text
    detail = html(client.get(f"/exchange/{batch.pk}/"))
    assert "执法主体" in detail and "本地版本较新" in detail and "执法记录" in detail
    client.force_login(world["outsider"])
    assert client.get(f"/exchange/{batch.pk}/").status_code == 404
    client.force_login(world["officer"])
    assert client.get("/exchange/").status_code == 403


def test_commands_round_trip_a_file(world, tmp_path, capsys):
    out = tmp_path / "交换.json"
    call_command("exchange_export", "--out", str(out), "--limit", "2")
    envelope = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["kind"], r["key"]) for r in envelope["records"]] == [
        ("body", MARKET), ("officer", "JZ00000001"), ("record", f"{MARKET}:1"), ("record", f"{MARKET}:2"),
        ("officer", world["wang"]), ("record", f"{MARKET}:3"), ("record", f"{MARKET}:4"),
    ]  # fmt: skip
    out.write_text(json.dumps(_other(envelope), ensure_ascii=False), encoding="utf-8")
    call_command("exchange_import", str(out), "--agency", BUREAU)
    assert "共 7 条，新增 7，更新 0，删除 0，未变 0，冲突 0" in capsys.readouterr().out
    envelope["records"][3]["data"]["payload"] = "{}"
    out.write_text(json.dumps(_other(envelope), ensure_ascii=False), encoding="utf-8")
    writes = ExchangeWrites()
    with pytest.raises(CommandError) as refused:
        call_command("exchange_import", str(out))
    assert str(refused.value) == (
        f"导入被拒绝，未写入任何数据：第4条记录（执法记录 {MARKET}:2）的哈希与内容不符，文件可能被改动"
    )
    assert writes.none
    with pytest.raises(CommandError) as bad_since:
        call_command("exchange_export", "--out", str(out), "--since", "昨天")
    assert str(bad_since.value) == "起始变更时间“昨天”格式错误，应为 ISO 8601，如 2026-12-01T00:00:00+08:00"


def test_a_rewritten_chain_record_already_collected_is_refused(world):
    page = _other(_page())
    services.import_envelope(actor=world["admin"], envelope=page)
    rewritten = copy.deepcopy(page)
    rewritten["records"] = [rewritten["records"][6]]  # the chain's 4th record
    data = rewritten["records"][0]["data"]
    data["actor_name"] = "改写者"
    rewritten["records"][0]["hash"] = _digest(data)
    assert _refused(world, rewritten) == (
        f"机关 {MARKET} 的执法记录第4条不符合记录链：与已归集的同一条记录内容不同（记录链被改写）"
    )


def _digest(data: dict) -> str:
    from zhifa.core.records import record_digest

    return record_digest(
        prev_hash=data["prev_hash"], agency_id=data["agency_id"], seq=data["seq"], subject_type=data["subject_type"],
        subject_id=data["subject_id"], action=data["action"], actor_id=data["actor_id"],
        actor_name=data["actor_name"], at_iso=data["at"], payload=data["payload"],
    )  # fmt: skip


def test_batches_sort_and_the_api_docs_list_the_endpoints(world, client):
    services.import_envelope(actor=world["admin"], envelope=_other(_page()))
    client.force_login(world["admin"])
    api = Api(client, "/api/exchange")
    by_conflicts = api.get("/batches", sort="-conflicts").json()["items"]
    oldest = api.get("/batches", sort="created").json()["items"]
    assert [b["direction"] for b in oldest] == ["export", "import"]
    assert len(by_conflicts) == 2
    assert "时间从旧到新" in html(client.get("/exchange/?sort=created"))
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {p for p in paths if p.startswith("/api/exchange/")} == {
        "/api/exchange/export", "/api/exchange/import", "/api/exchange/batches",
        "/api/exchange/batches/{batch_id}", "/api/exchange/batches/{batch_id}/conflicts",
    }  # fmt: skip
