"""The record log's append-only trigger on SQLite too (PostgreSQL's is core 0002): see core.append_only."""

from django.db import migrations

from zhifa.core import append_only

RECORD = append_only.Guard(
    table="core_record",
    refuse=("UPDATE", "DELETE"),
    message="执法记录只能追加，不能修改或删除 (core_record is append-only)",
)


def forward(apps, schema_editor):
    append_only.install(schema_editor, RECORD, vendors=("sqlite",))


def backward(apps, schema_editor):
    append_only.remove(schema_editor, RECORD, vendors=("sqlite",))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_record_at_index")]

    operations = [migrations.RunPython(forward, backward)]
