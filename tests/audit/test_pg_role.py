"""docs/deploy.md's application role on PostgreSQL: INSERT into the audit log (and the record log and
evidence) works, UPDATE, DELETE and TRUNCATE are refused. TRUNCATE fires no row trigger, so the grants
are what stops it."""

import pytest
from django.db import DatabaseError, connection, transaction

from tests.factories import UserFactory
from zhifa.audit.choices import AuditAction
from zhifa.audit.models import AuditEntry
from zhifa.audit.services import audit_event

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]

ROLE = "zhifa_app_test"
# The statements of docs/deploy.md, for a role named ROLE.
APPEND_ONLY = ("audit_auditentry", "core_record", "cases_evidence")


def _create_role(cursor):
    cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    cursor.execute(f"GRANT USAGE ON SCHEMA public TO {ROLE}")
    cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}")
    cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    for table in APPEND_ONLY:
        cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {ROLE}")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET detail = 'x'",
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
        "TRUNCATE core_record CASCADE",
        "TRUNCATE cases_evidence CASCADE",
    ],
)
def test_the_app_role_may_append_but_not_change_or_remove(statement):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    audit_event(AuditAction.LOGIN, actor=UserFactory())
    with connection.cursor() as cursor:
        _create_role(cursor)
        cursor.execute(f"SET ROLE {ROLE}")
        try:
            with transaction.atomic():
                audit_event(AuditAction.LOGOUT, actor=UserFactory())  # INSERT works
            with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                cursor.execute(statement)
        finally:
            cursor.execute("RESET ROLE")
    assert AuditEntry.objects.count() == 2
