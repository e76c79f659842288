"""The audit log: each entry chained to the one before; the database refuses to change or delete one."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from tests.factories import UserFactory
from tests.tamper import triggers_off
from zhifa.audit.chain import verify_audit_chain
from zhifa.audit.choices import AuditAction, AuditOutcome
from zhifa.audit.models import AuditEntry
from zhifa.audit.services import audit_event
from zhifa.core.records import GENESIS_HASH

pytestmark = pytest.mark.django_db


def _request(ip="10.1.2.3"):
    request = RequestFactory().get("/", REMOTE_ADDR=ip)
    return request


def test_an_entry_names_who_what_which_object_when_and_from_where():
    user = UserFactory(username="zhang", real_name="张伟")
    target = UserFactory(username="li", real_name="李娜")
    entry = audit_event(AuditAction.PASSWORD_RESET, actor=user, request=_request(), obj=target)
    entry.refresh_from_db()
    assert (entry.seq, entry.actor_id, entry.actor_username, entry.actor_name, entry.ip) == (
        1, user.pk, "zhang", "张伟", "10.1.2.3",
    )  # fmt: skip
    assert (entry.action, entry.object_type, entry.object_id, entry.object_repr, entry.outcome) == (
        "password_reset", "accounts.user", str(target.pk), "李娜（li）", "success",
    )  # fmt: skip
    assert entry.prev_hash == GENESIS_HASH


def test_a_failed_login_is_kept_under_the_username_it_tried():
    entry = audit_event(
        AuditAction.LOGIN_FAILED,
        request=_request("2001:db8::1"),
        username="nobody",
        outcome=AuditOutcome.FAILURE,
    )
    assert (entry.actor_id, entry.actor_username, entry.ip, entry.outcome) == (
        None,
        "nobody",
        "2001:db8::1",
        "failure",
    )


def test_entries_chain_and_verify():
    first = audit_event(AuditAction.LOGIN, actor=UserFactory())
    second = audit_event(AuditAction.LOGOUT, actor=UserFactory())
    assert second.prev_hash == first.hash and second.seq == 2
    assert verify_audit_chain().intact and verify_audit_chain().checked == 2


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditentry SET detail = 'x'", "DELETE FROM audit_auditentry"]
)
def test_the_database_refuses_to_change_or_delete_an_entry(statement):
    audit_event(AuditAction.LOGIN, actor=UserFactory())
    with (
        pytest.raises(DatabaseError, match="审计记录只能追加"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEntry.objects.get().detail == ""


def test_verification_names_a_changed_entry():
    for _ in range(3):
        audit_event(AuditAction.LOGIN, actor=UserFactory())
    with triggers_off():
        AuditEntry.objects.filter(seq=2).update(detail="改过")
    assert (verify_audit_chain().broken_seq, verify_audit_chain().checked) == (2, 1)


def test_verification_names_the_gap_a_deleted_entry_leaves():
    for _ in range(3):
        audit_event(AuditAction.LOGIN, actor=UserFactory())
    with triggers_off():
        AuditEntry.objects.filter(seq=2).delete()
    assert verify_audit_chain().broken_seq == 3


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_flushes_past_the_triggers():
    """The flush after this test goes past the triggers on SQLite (core.append_only.lifted); without it the
    teardown fails."""
    audit_event(AuditAction.LOGIN, actor=UserFactory())
    assert AuditEntry.objects.count() == 1
