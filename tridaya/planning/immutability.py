"""A legalised plan version is immutable, in the database too.

The services refuse every change to a legalised (or superseded) version with a coded error; these
triggers make the database refuse it as well, whoever writes: an INSERT or UPDATE of a row that
belongs to such a version (programs, investment rows, feedback, sign-offs, activities, RAB lines,
attachments, problem links) and an UPDATE of the version's own content. The one change allowed on
a legalised version is its state becoming superseded, when its amendment is legalised. DELETE
is left alone, as for audit events: flushing a test database must still work, and no service
deletes from a locked version.

The app installs the triggers after every `migrate` (post_migrate), idempotently, on SQLite and
PostgreSQL. When the app's migrations are consolidated they can move into a RunPython migration
calling `install`."""

from __future__ import annotations

from django.db import connections

LOCKED = ("sah", "diganti")  # VersionState.LEGALISED, VersionState.SUPERSEDED
MESSAGE = "legalised plan versions are immutable"
VERSION_TABLE = "planning_planversion"
# Content columns of a version that never change once it is legalised.
VERSION_COLUMNS = (
    "vision",
    "mission",
    "concept",
    "community_rules",
    "env_social_notes",
    "sections",
    "safeguards",
    "start_year",
    "horizon_years",
    "plan_id",
    "number",
    "public_test_meeting_id",
    "legalised_on",
)

# table -> SQL giving the version id of a row, with {row} for NEW or OLD.
CHILD_TABLES = {
    "planning_planprogram": "{row}.version_id",
    "planning_investmentrow": "{row}.version_id",
    "planning_feedback": "{row}.version_id",
    "planning_plansignoff": "{row}.version_id",
    "planning_activity": "{row}.version_id",
    "planning_rabitem": "(SELECT version_id FROM planning_activity WHERE id = {row}.activity_id)",
    "planning_activityattachment": (
        "(SELECT version_id FROM planning_activity WHERE id = {row}.activity_id)"
    ),
    "planning_planprogram_problems": (
        "(SELECT version_id FROM planning_planprogram WHERE id = {row}.planprogram_id)"
    ),
    "planning_activity_problems": (
        "(SELECT version_id FROM planning_activity WHERE id = {row}.activity_id)"
    ),
}


def _locked(version_sql: str) -> str:
    states = ", ".join(f"'{s}'" for s in LOCKED)
    return f"(SELECT state FROM {VERSION_TABLE} WHERE id = {version_sql}) IN ({states})"


def _sqlite_statements() -> list[str]:
    statements = []
    for table, version in CHILD_TABLES.items():
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_lock_insert BEFORE INSERT ON {table} "
            f"FOR EACH ROW WHEN {_locked(version.format(row='NEW'))} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_lock_update BEFORE UPDATE ON {table} "
            f"FOR EACH ROW WHEN {_locked(version.format(row='NEW'))} "
            f"OR {_locked(version.format(row='OLD'))} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in VERSION_COLUMNS)
    statements.append(
        f"CREATE TRIGGER IF NOT EXISTS {VERSION_TABLE}_lock_update BEFORE UPDATE ON "
        f"{VERSION_TABLE} FOR EACH ROW WHEN OLD.state IN ('sah', 'diganti') AND ({changed} "
        "OR NEW.state NOT IN ('sah', 'diganti') OR (OLD.state = 'diganti' AND "
        f"NEW.state <> 'diganti')) BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    return statements


def _postgres_statements() -> list[str]:
    statements = []
    for table, version in CHILD_TABLES.items():
        function = f"{table}_lock"
        new, old = _locked(version.format(row="NEW")), _locked(version.format(row="OLD"))
        statements.append(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            f"IF {new} OR (TG_OP = 'UPDATE' AND {old}) THEN "
            f"RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        statements.append(f"DROP TRIGGER IF EXISTS {function} ON {table}")
        statements.append(
            f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in VERSION_COLUMNS)
    function = f"{VERSION_TABLE}_lock"
    statements.append(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
        f"IF OLD.state IN ('sah', 'diganti') AND ({changed} "
        "OR NEW.state NOT IN ('sah', 'diganti') OR (OLD.state = 'diganti' AND "
        f"NEW.state <> 'diganti')) THEN RAISE EXCEPTION '{MESSAGE}'; END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    statements.append(f"DROP TRIGGER IF EXISTS {function} ON {VERSION_TABLE}")
    statements.append(
        f"CREATE TRIGGER {function} BEFORE UPDATE ON {VERSION_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    return statements


def install(using: str = "default") -> bool:
    """Create the triggers when the planning tables exist; True when installed."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not ({VERSION_TABLE, *CHILD_TABLES} <= tables):
        return False
    if connection.vendor == "sqlite":
        statements = _sqlite_statements()
    elif connection.vendor == "postgresql":
        statements = _postgres_statements()
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        return False
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return True


def on_post_migrate(sender, using: str = "default", **kwargs) -> None:
    install(using)
