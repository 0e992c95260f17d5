"""A closed prioritisation round is frozen, in the database too.

The services refuse every change to a closed round with `planning_round_closed`; these triggers
make the database refuse it as well, whoever writes: an INSERT or UPDATE of a criterion, an
option, a criterion score or a ballot of a closed round, and an UPDATE of a closed round's own
content. Links the rest of the system may clear are left alone: an option's `problem_id` (a
mapped problem deleted later), the round's `cycle_id` and `closed_by_id`. DELETE is left alone,
as for the audit table: flushing a test database must still work, and no service deletes a
closed round or its rows.

Installed after every `migrate` (post_migrate), idempotently, on SQLite and PostgreSQL, like
`immutability.py` does for legalised plan versions."""

from __future__ import annotations

from django.db import connections

MESSAGE = "closed prioritisation rounds are frozen"
ROUND_TABLE = "planning_priorityround"
CLOSED = "ditutup"  # RoundStatus.CLOSED
ROUND_COLUMNS = (
    "village_id",
    "title",
    "description",
    "status",
    "method",
    "max_score",
    "meeting_id",
    "voting_opened_at",
    "closed_at",
    "result",
    "inputs_digest",
)
# table -> (SQL giving the round id of a row, with {row} for NEW or OLD; columns that may change)
CHILD_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "planning_prioritycriterion": (
        "{row}.round_id",
        ("round_id", "position", "key", "label", "description", "weight", "basis"),
    ),
    "planning_priorityoption": (
        "{row}.round_id",
        (
            "round_id",
            "position",
            "kind",
            "title",
            "domain",
            "description",
            "households",
            "poor_households",
            "severity",
            "slum_total",
            "slum_max",
        ),
    ),
    "planning_criterionscore": (
        "(SELECT round_id FROM planning_priorityoption WHERE id = {row}.option_id)",
        ("option_id", "criterion_id", "score"),
    ),
    "planning_ballot": (
        "{row}.round_id",
        ("round_id", "kind", "voter_id", "count", "choices", "scores", "note"),
    ),
}


def _closed(round_sql: str) -> str:
    return f"(SELECT status FROM {ROUND_TABLE} WHERE id = {round_sql}) = '{CLOSED}'"


def _sqlite_statements() -> list[str]:
    statements = []
    for table, (round_sql, columns) in CHILD_TABLES.items():
        new, old = _closed(round_sql.format(row="NEW")), _closed(round_sql.format(row="OLD"))
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_frozen_insert BEFORE INSERT ON {table} "
            f"FOR EACH ROW WHEN {new} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_frozen_update BEFORE UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({new} OR {old}) AND ({changed}) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in ROUND_COLUMNS)
    statements.append(
        f"CREATE TRIGGER IF NOT EXISTS {ROUND_TABLE}_frozen_update BEFORE UPDATE ON "
        f"{ROUND_TABLE} FOR EACH ROW WHEN OLD.status = '{CLOSED}' AND ({changed}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    return statements


def _postgres_statements() -> list[str]:
    statements = []
    for table, (round_sql, columns) in CHILD_TABLES.items():
        function = f"{table}_frozen"
        new, old = _closed(round_sql.format(row="NEW")), _closed(round_sql.format(row="OLD"))
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)
        statements.append(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            f"IF (TG_OP = 'INSERT' AND {new}) OR (TG_OP = 'UPDATE' AND ({new} OR {old}) "
            f"AND ({changed})) THEN RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END $$ "
            "LANGUAGE plpgsql"
        )
        statements.append(f"DROP TRIGGER IF EXISTS {function} ON {table}")
        statements.append(
            f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    changed = " OR ".join(f"NEW.{c}::text IS DISTINCT FROM OLD.{c}::text" for c in ROUND_COLUMNS)
    function = f"{ROUND_TABLE}_frozen"
    statements.append(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
        f"IF OLD.status = '{CLOSED}' AND ({changed}) THEN RAISE EXCEPTION '{MESSAGE}'; "
        "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    statements.append(f"DROP TRIGGER IF EXISTS {function} ON {ROUND_TABLE}")
    statements.append(
        f"CREATE TRIGGER {function} BEFORE UPDATE ON {ROUND_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    return statements


def install(using: str = "default") -> bool:
    """Create the triggers when the prioritisation tables exist; True when installed."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not ({ROUND_TABLE, *CHILD_TABLES} <= tables):
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
