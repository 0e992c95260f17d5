"""The database itself refuses UPDATE and DELETE on vouchers, entries and closed periods, on
SQLite and PostgreSQL alike (the same technique as core's 0002_audit_event_refuse_update).

A correction is a reversing voucher; nothing in the ledger is edited or removed. PostgreSQL's
TRUNCATE (used by test teardown) fires no row trigger."""

from django.db import migrations

TABLES = ["finance_voucher", "finance_entry", "finance_periodclose"]
OPERATIONS = ["UPDATE", "DELETE"]


def _sqlite_up() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END;"
        for table in TABLES
        for op in OPERATIONS
    ]


def _sqlite_down() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {t}_no_{op.lower()};" for t in TABLES for op in OPERATIONS]


POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION finance_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END;
$$ LANGUAGE plpgsql;
"""


def _postgres_up() -> list[str]:
    return [POSTGRES_FUNCTION] + [
        f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION finance_refuse_change();"
        for table in TABLES
        for op in OPERATIONS
    ]


def _postgres_down() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {t}_no_{op.lower()} ON {t};" for t in TABLES for op in OPERATIONS
    ] + ["DROP FUNCTION IF EXISTS finance_refuse_change();"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, list)():
            # params=None: the SQL holds a literal % that must not be read as a placeholder.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_ledger")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": _sqlite_up, "postgresql": _postgres_up}),
            _run({"sqlite": _sqlite_down, "postgresql": _postgres_down}),
        )
    ]
