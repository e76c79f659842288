"""On PostgreSQL, a trigger rejects UPDATE and DELETE on the record log, whoever issues them."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION zhifa_record_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '执法记录只能追加，不能修改或删除 (core_record is append-only)';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_record_append_only
    BEFORE UPDATE OR DELETE ON core_record
    FOR EACH ROW EXECUTE FUNCTION zhifa_record_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_record_append_only ON core_record;
DROP FUNCTION IF EXISTS zhifa_record_append_only();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
