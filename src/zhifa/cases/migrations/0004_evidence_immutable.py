"""On PostgreSQL, a trigger rejects UPDATE and DELETE of evidence rows, whoever issues them."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION zhifa_evidence_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '证据上传后不能修改或删除 (cases_evidence is append-only)';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_evidence_immutable
    BEFORE UPDATE OR DELETE ON cases_evidence
    FOR EACH ROW EXECUTE FUNCTION zhifa_evidence_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS cases_evidence_immutable ON cases_evidence;
DROP FUNCTION IF EXISTS zhifa_evidence_immutable();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_casedocument_casedocumenttemplate")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
