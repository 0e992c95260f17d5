"""Append-only tables for this app's migrations: the database refuses UPDATE and DELETE on
SQLite and PostgreSQL alike (the technique of core's 0002_audit_event_refuse_update). Replaced
by core's AppendOnly migration operation once it lands; PostgreSQL's TRUNCATE (test teardown)
fires no row trigger."""

from django.db import migrations

OPERATIONS = ("UPDATE", "DELETE")
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION finance_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END;
$$ LANGUAGE plpgsql;
"""


def _up(vendor: str, tables: list[str]) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END;"
            for table in tables
            for op in OPERATIONS
        ]
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION] + [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION finance_refuse_change();"
            for table in tables
            for op in OPERATIONS
        ]
    return []


def _down(vendor: str, tables: list[str]) -> list[str]:
    on = {"sqlite": "", "postgresql": " ON {table}"}.get(vendor)
    if on is None:
        return []
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{op.lower()}{on.format(table=table)};"
        for table in tables
        for op in OPERATIONS
    ]


def append_only(*tables: str) -> migrations.RunPython:
    """A reversible migration operation installing the refusal triggers on `tables`."""

    def run(builder):
        def apply(apps, schema_editor):
            for sql in builder(schema_editor.connection.vendor, list(tables)):
                # params=None: the SQL holds a literal % that is not a placeholder.
                schema_editor.execute(sql, params=None)

        return apply

    return migrations.RunPython(run(_up), run(_down))
