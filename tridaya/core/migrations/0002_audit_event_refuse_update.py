"""The database itself refuses UPDATE on audit events, on SQLite and PostgreSQL alike.

DELETE stays possible for retention jobs and test teardown; no view, admin or service deletes."""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION tridaya_refuse_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION tridaya_refuse_update();
"""
POSTGRES_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;"


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            # params=None: the SQL holds a literal % that must not be read as a placeholder.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit_event")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
