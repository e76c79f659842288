"""The audit log refuses UPDATE and DELETE, whoever issues them, on SQLite and on PostgreSQL
(等保2.0 三级 8.1.4.3 c: 审计记录 protected from unexpected deletion, modification or overwriting);
see core.append_only."""

from django.db import migrations

from zhifa.core import append_only

AUDIT = append_only.Guard(
    table="audit_auditentry",
    refuse=("UPDATE", "DELETE"),
    message="审计记录只能追加，不能修改或删除 (audit_auditentry is append-only)",
)


def forward(apps, schema_editor):
    append_only.install(schema_editor, AUDIT)


def backward(apps, schema_editor):
    append_only.remove(schema_editor, AUDIT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
