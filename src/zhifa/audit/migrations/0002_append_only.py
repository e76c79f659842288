"""The audit log refuses UPDATE and DELETE, whoever issues them, on SQLite and on PostgreSQL
(等保2.0 三级 8.1.4.3 c: 审计记录 protected from unexpected deletion, modification or overwriting)."""

from django.db import migrations

MESSAGE = "审计记录只能追加，不能修改或删除 (audit_auditentry is append-only)"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION zhifa_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION zhifa_audit_append_only();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS zhifa_audit_append_only();
"""
SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_auditentry_no_{verb.lower()} BEFORE {verb} ON audit_auditentry
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
    for verb in ("UPDATE", "DELETE")
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS audit_auditentry_no_{verb};" for verb in ("update", "delete")]


def _run(postgres: list[str], sqlite: list[str]):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in postgres if vendor == "postgresql" else sqlite if vendor == "sqlite" else []:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run([POSTGRES_CREATE], SQLITE_CREATE), _run([POSTGRES_DROP], SQLITE_DROP)
        )
    ]
