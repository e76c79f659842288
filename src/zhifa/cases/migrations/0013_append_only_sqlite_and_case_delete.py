"""Evidence's immutability trigger on SQLite too (PostgreSQL's is cases 0004), and a case is never deleted,
on both databases (it changes state; its records must keep pointing at it): see core.append_only."""

from django.db import migrations

from zhifa.core import append_only

EVIDENCE = append_only.Guard(
    table="cases_evidence",
    refuse=("UPDATE", "DELETE"),
    message="证据上传后不能修改或删除 (cases_evidence is append-only)",
)
CASE = append_only.Guard(
    table="cases_case",
    refuse=("DELETE",),
    message="案件不能删除，只能变更状态 (cases_case rows are never deleted)",
)


def forward(apps, schema_editor):
    append_only.install(schema_editor, EVIDENCE, vendors=("sqlite",))
    append_only.install(schema_editor, CASE)


def backward(apps, schema_editor):
    append_only.remove(schema_editor, CASE)
    append_only.remove(schema_editor, EVIDENCE, vendors=("sqlite",))


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_list_indexes")]

    operations = [migrations.RunPython(forward, backward)]
