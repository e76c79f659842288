"""Finding 6 of issue 17: evidence and cases are append-only in the database on SQLite as on PostgreSQL, and
verification notices a deleted evidence row or case, not only a changed one."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.cases.test_evidence import png_bytes, upload
from tests.tamper import tamper, triggers_off
from zhifa.cases.models import Case, Evidence
from zhifa.core.models import Record

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(registered, handler_user):
    return upload(handler_user, registered, png_bytes(100))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE cases_evidence SET size = 1 WHERE id = %s",
        "DELETE FROM cases_evidence WHERE id = %s",
    ],
)
def test_raw_sql_cannot_change_or_delete_evidence(made, sql):
    refused = pytest.raises(DatabaseError, match="证据上传后不能修改或删除")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [made.pk])
    assert Evidence.objects.filter(pk=made.pk, size=made.size).count() == 1


def test_raw_sql_cannot_delete_a_case(registered):
    refused = pytest.raises(DatabaseError, match="案件不能删除")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_case WHERE id = %s", [registered.pk])
    assert Case.objects.filter(pk=registered.pk).exists()


def test_the_orm_cannot_delete_a_case_without_evidence(registered):
    handlers = registered.handlers.count()
    with pytest.raises(DatabaseError, match="案件不能删除"), transaction.atomic():
        Case.objects.get(pk=registered.pk).delete()
    assert Case.objects.filter(pk=registered.pk).exists() and registered.handlers.count() == handlers == 2


def test_a_case_keeps_changing_state(registered):
    """The case guard refuses DELETE only: an UPDATE (a state change) passes."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET updated_at = updated_at WHERE id = %s", [registered.pk])
        assert cursor.rowcount == 1


def test_a_deleted_evidence_row_is_reported_by_verify_evidence(made, registered, capsys):
    call_command("verify-evidence")  # intact: exit code 0
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_uploadsession SET evidence_id = NULL WHERE evidence_id = %s", [made.pk])
        cursor.execute("DELETE FROM cases_evidence WHERE id = %s", [made.pk])
    assert not Evidence.objects.exists()
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify-evidence")
    assert exit_.value.code == 1
    seq = Record.objects.for_subject(registered).get(action="case.evidence").seq
    assert capsys.readouterr().err.splitlines() == [
        "证据登记被删除（1 份）：",
        f"证据 id={made.pk}（案件 id={registered.pk}，photo.bin）：证据登记已被删除，但执法记录"
        f"（机关 id={registered.agency_id}，第 {seq} 条）记载了它；文件仍在",
    ]
    with pytest.raises(SystemExit):
        call_command("verify-evidence", case=registered.pk)
    call_command("verify-evidence", case=registered.pk + 1000)  # another case: nothing missing


def test_a_deleted_case_is_reported_by_verify_records(registered, capsys):
    call_command("verify-records")
    case_records = Record.objects.for_subject(registered)
    first, count = case_records.order_by("seq").first().seq, case_records.count()
    with triggers_off(), transaction.atomic():
        Case.objects.get(pk=registered.pk).delete()  # a case without evidence: the ORM cascades its handlers
    assert not Case.objects.exists()
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify-records")
    assert exit_.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        "记录指向的对象被删除（1 个）：",
        f"案件 id={registered.pk} 已不存在，但执法记录中有 {count} 条记录指向它"
        f"（机关 id={registered.agency_id}，第 {first} 条起）",
    ]
    with pytest.raises(SystemExit):
        call_command("verify-records", agency=registered.agency_id)


def test_a_changed_evidence_row_still_breaks_verification(made):
    tamper("UPDATE cases_evidence SET size = 1 WHERE id = %s", [made.pk])
    with pytest.raises(SystemExit):
        call_command("verify-evidence")


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_guarded_tables_and_the_guards_come_back(registered):
    """A wipe of the whole database (the test runner's flush after a transactional test) is not a change of
    rows: on SQLite the guards are lifted for it, and are back after it."""
    assert Case.objects.exists() and Record.objects.exists()
    call_command("flush", interactive=False)
    assert not Case.objects.exists() and not Record.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%refuse%'")
            assert sorted(name for (name,) in cursor.fetchall()) == [
                "audit_auditentry_refuse_delete",
                "audit_auditentry_refuse_update",
                "cases_case_refuse_delete",
                "cases_evidence_refuse_delete",
                "cases_evidence_refuse_update",
                "core_record_refuse_delete",
                "core_record_refuse_update",
            ]
