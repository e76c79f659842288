import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.concurrency import run_in_processes
from tests.tamper import tamper as _tamper
from zhifa.core import records
from zhifa.core.models import Record, RecordChain
from zhifa.core.models.record import AppendOnlyError

pytestmark = pytest.mark.django_db


def _append(agency, n, actor=None):
    return [
        records.append(subject=agency, action="test.step", actor=actor, payload={"n": i, "说明": "现场检查"})
        for i in range(n)
    ]


class TestAppend:
    def test_records_form_a_chain_per_agency(self, agencies, officer):
        first, second = _append(agencies["east_market"], 2, actor=officer)
        other = records.append(subject=agencies["west_market"], action="test.step")
        assert (first.seq, second.seq, other.seq) == (1, 2, 1)
        assert first.prev_hash == records.GENESIS_HASH
        assert second.prev_hash == first.hash
        assert other.prev_hash == records.GENESIS_HASH
        assert first.actor_name == officer.real_name
        assert records.verify().ok

    def test_payload_is_stored_as_canonical_json(self, agencies):
        record = records.append(subject=agencies["east_market"], action="x", payload={"b": 1, "a": "罚款"})
        assert record.payload == '{"a":"罚款","b":1}'

    def test_for_subject_finds_the_objects_records(self, agencies):
        _append(agencies["east_market"], 3)
        assert Record.objects.for_subject(agencies["east_market"]).count() == 3


class TestAppendOnly:
    def test_saving_an_existing_record_is_refused(self, agencies):
        (record,) = _append(agencies["east_market"], 1)
        record.action = "changed"
        with pytest.raises(AppendOnlyError):
            record.save()
        assert Record.objects.get(pk=record.pk).action == "test.step"

    def test_queryset_update_and_delete_are_refused(self, agencies):
        _append(agencies["east_market"], 2)
        with pytest.raises(AppendOnlyError):
            Record.objects.all().update(action="x")
        with pytest.raises(AppendOnlyError):
            Record.objects.all().delete()
        with pytest.raises(AppendOnlyError):
            Record.objects.first().delete()
        assert Record.objects.filter(action="test.step").count() == 2

    def test_the_trigger_rejects_raw_update_and_delete(self, agencies):
        """On SQLite as on PostgreSQL (core.append_only)."""
        (record,) = _append(agencies["east_market"], 1)
        for sql in (
            "UPDATE core_record SET action = 'x' WHERE id = %s",
            "DELETE FROM core_record WHERE id = %s",
        ):
            with (
                pytest.raises(DatabaseError, match="只能追加"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [record.pk])
        assert Record.objects.get(pk=record.pk).action == "test.step"


class TestTamperDetection:
    def test_an_edited_payload_is_found_and_named(self, agencies):
        rows = _append(agencies["east_market"], 5)
        _tamper("UPDATE core_record SET payload = %s WHERE id = %s", ['{"n":99}', rows[2].pk])
        result = records.verify()
        assert not result.ok
        assert (result.broken.record_id, result.broken.seq) == (rows[2].pk, 3)
        assert "被改动" in result.broken.reason

    def test_an_edited_actor_name_is_found(self, agencies):
        rows = _append(agencies["east_market"], 3)
        _tamper("UPDATE core_record SET actor_name = %s WHERE id = %s", ["冒名", rows[0].pk])
        assert records.verify().broken.record_id == rows[0].pk

    def test_a_removed_record_in_the_middle_breaks_the_sequence(self, agencies):
        rows = _append(agencies["east_market"], 4)
        _tamper("DELETE FROM core_record WHERE id = %s", [rows[1].pk])
        broken = records.verify().broken
        assert broken.seq == 2 and "序号不连续" in broken.reason

    def test_a_removed_tail_is_caught_by_the_chain_head(self, agencies):
        rows = _append(agencies["east_market"], 3)
        _tamper("DELETE FROM core_record WHERE id = %s", [rows[2].pk])
        assert "链头" in records.verify().broken.reason

    def test_a_recomputed_hash_still_breaks_the_link_to_the_next_record(self, agencies):
        rows = _append(agencies["east_market"], 3)
        _tamper("UPDATE core_record SET hash = %s WHERE id = %s", ["f" * 64, rows[0].pk])
        assert records.verify().broken.seq == 1

    def test_other_chains_verify_on_their_own(self, agencies):
        rows = _append(agencies["east_market"], 2)
        _append(agencies["west_market"], 2)
        _tamper("UPDATE core_record SET action = %s WHERE id = %s", ["x", rows[0].pk])
        assert records.verify(agencies["west_market"]).ok
        assert not records.verify(agencies["east_market"]).ok


class TestVerifyCommand:
    def test_exit_zero_when_intact(self, agencies, capsys):
        _append(agencies["east_market"], 3)
        call_command("verify-records")
        assert "记录链完整" in capsys.readouterr().out

    def test_exit_one_naming_the_first_broken_record(self, agencies, capsys):
        rows = _append(agencies["east_market"], 3)
        _tamper("UPDATE core_record SET payload = %s WHERE id = %s", ["{}", rows[1].pk])
        with pytest.raises(SystemExit) as exc:
            call_command("verify-records")
        assert exc.value.code == 1
        assert f"id={rows[1].pk}" in capsys.readouterr().err


def _append_many(agency_id: int, n: int) -> list[int]:
    from zhifa.core.models import Agency

    agency = Agency.objects.get(pk=agency_id)
    return [records.append(subject=agency, action="race", payload={"i": i}).seq for i in range(n)]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_never_fork_a_chain(agencies):
    agency = agencies["east_market"]
    results = run_in_processes(_append_many, [(agency.pk, 25)] * 4)
    seqs = sorted(seq for result in results for seq in result)
    assert seqs == list(range(1, 101))
    assert RecordChain.objects.get(agency=agency).head_seq == 100
    assert records.verify(agency).ok


def test_append_many_writes_the_same_chain_as_append(agencies):
    agency = agencies["east_market"]
    records.append(subject=agency, action="first")
    rows = records.append_many(agency=agency, items=[(agency, "bulk", {"i": i}) for i in range(3)])
    assert [r.seq for r in rows] == [2, 3, 4]
    assert rows[0].prev_hash == Record.objects.get(seq=1, agency=agency).hash
    assert records.append(subject=agency, action="after").seq == 5
    assert records.verify(agency).ok


class TestVerifyStreamsTuples:
    """verify reads rows as tuples and spells each message in the database; the exact Python check
    (record_message) decides only where that fast path does not pass a record."""

    def test_no_model_instance_is_built_and_a_tampered_row_is_named(self, agencies, monkeypatch):
        rows = _append(agencies["east_market"], 6)
        _tamper("UPDATE core_record SET payload = %s WHERE id = %s", ['{"n":4}', rows[3].pk])

        def no_instances(self, *args, **kwargs):
            raise AssertionError("verify built a Record instance")

        monkeypatch.setattr(Record, "__init__", no_instances)
        result = records.verify()
        assert (result.broken.agency_id, result.broken.seq, result.broken.record_id) == (
            agencies["east_market"].pk,
            4,
            rows[3].pk,
        )
        assert result.broken.reason == "内容与哈希不符（记录被改动）"
        assert result.checked == 4

    def test_the_database_spells_the_message_record_message_hashes(self, agencies, officer):
        odd = {"引号": 'a"b\\c', "控制": "x\ty\nz\x01", "表情": "😀", "空": ""}
        agency = agencies["east_market"]
        records.append(subject=agency, action='odd"action\\', actor=officer, payload=odd)
        # control characters in the header's strings (append_many writes them as given, unlike a model save)
        records.append_many(agency=agency, items=[(agency, "test.step\x02\t\x1f\x7f", {})])
        sql = records.message_sql(connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {sql}, id FROM core_record WHERE agency_id = %s ORDER BY seq", [agency.pk]
            )
            spelt = cursor.fetchall()
        exact = [records.message_of(row) for row in Record.objects.filter(agency=agency).order_by("seq")]
        assert [message.encode() for message, _ in spelt] == exact
        assert records.verify(agency).ok


def _swap_seq(rows, a: int, b: int) -> None:
    """Give rows[a] and rows[b] each other's seq (through a free number: (agency, seq) is unique)."""
    first, second = rows[a], rows[b]
    _tamper("UPDATE core_record SET seq = %s WHERE id = %s", [10_000, first.pk])
    _tamper("UPDATE core_record SET seq = %s WHERE id = %s", [first.seq, second.pk])
    _tamper("UPDATE core_record SET seq = %s WHERE id = %s", [second.seq, first.pk])


# (what is done to the fourth of six records, then (seq, which row's id, reason, records checked))
_TAMPERINGS = {
    "payload": (
        lambda rows: _tamper("UPDATE core_record SET payload = %s WHERE id = %s", ['{"n":9}', rows[3].pk]),
        (4, 3, "内容与哈希不符（记录被改动）", 4),
    ),
    "hash": (
        lambda rows: _tamper("UPDATE core_record SET hash = %s WHERE id = %s", ["e" * 64, rows[3].pk]),
        (4, 3, "内容与哈希不符（记录被改动）", 4),
    ),
    "prev_hash": (
        lambda rows: _tamper("UPDATE core_record SET prev_hash = %s WHERE id = %s", ["e" * 64, rows[3].pk]),
        (4, 3, "前一哈希与上一条记录不符", 4),
    ),
    "deleted row": (
        lambda rows: _tamper("DELETE FROM core_record WHERE id = %s", [rows[3].pk]),
        (4, 4, "序号不连续（应为 4，实为 5）", 4),
    ),
    "reordered seq": (lambda rows: _swap_seq(rows, 3, 4), (4, 4, "前一哈希与上一条记录不符", 4)),
}


class TestVerifyPathsAgree:
    """PostgreSQL hashes in the database, SQLite streams rows to Python: the verdict, the position of the
    first broken record and the count checked are the same, to the character, on both."""

    @pytest.mark.parametrize("tampering", sorted(_TAMPERINGS))
    def test_the_first_broken_record_is_named_exactly(self, agencies, monkeypatch, tampering):
        east, west = agencies["east_market"], agencies["west_market"]
        if east.pk > west.pk:  # chains are checked in agency order: the tampered one second
            east, west = west, east
        _append(east, 3)
        rows = _append(west, 6)
        tamper, (seq, row, reason, checked) = _TAMPERINGS[tampering]
        tamper(rows)

        def no_instances(self, *args, **kwargs):
            raise AssertionError("verify built a Record instance")

        monkeypatch.setattr(Record, "__init__", no_instances)
        result = records.verify()
        assert result.broken == records.Broken(west.pk, seq, rows[row].pk, reason)
        assert (result.checked, result.chains) == (3 + checked, 2)
        assert records.verify(west).broken == result.broken
        assert records.verify(east).ok

    @pytest.mark.postgres_only
    @pytest.mark.parametrize("tampering", sorted(_TAMPERINGS))
    def test_postgres_hashing_and_the_streamed_walk_agree(self, agencies, tampering):
        rows = _append(agencies["east_market"], 6)
        _append(agencies["west_market"], 2)
        _TAMPERINGS[tampering][0](rows)
        assert records.verify(in_database=True) == records.verify(in_database=False)

    @pytest.mark.parametrize("in_database", [False, pytest.param(True, marks=pytest.mark.postgres_only)])
    def test_a_database_spelling_that_differs_never_breaks_an_intact_chain(
        self, agencies, monkeypatch, in_database
    ):
        _append(agencies["east_market"], 4)
        monkeypatch.setattr(records, "message_sql", lambda vendor: "prev_hash || 'spelt otherwise'")
        assert records.verify(in_database=in_database) == records.Verification(4, 1, None)
