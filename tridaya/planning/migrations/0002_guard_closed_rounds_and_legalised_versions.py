"""The database refuses changes to a closed prioritisation round and to a legalised (or
superseded) RPLP / RTPLP version, whoever writes: the rows of the round or version themselves, and
every row that belongs to them (criteria, options, scores, ballots; programs, investment rows,
feedback, sign-offs, activities, RAB lines, attachments, problem links). DELETE is left alone: no
service deletes them, and flushing a test database must still work.

Replaces the triggers planning used to install after every `migrate` (post_migrate)."""

from django.db import migrations

from tridaya.core.guards import FrozenWhen

# Tables that carried the old post_migrate triggers (their names, to drop them once).
OLD_LOCKED_TABLES = [
    "planning_planversion",
    "planning_planprogram",
    "planning_investmentrow",
    "planning_feedback",
    "planning_plansignoff",
    "planning_activity",
    "planning_rabitem",
    "planning_activityattachment",
    "planning_planprogram_problems",
    "planning_activity_problems",
]
OLD_FROZEN_TABLES = [
    "planning_priorityround",
    "planning_prioritycriterion",
    "planning_priorityoption",
    "planning_criterionscore",
    "planning_ballot",
]


def drop_post_migrate_triggers(apps, schema_editor) -> None:
    """Drop the triggers the app used to install after `migrate` (replaced by the guards below;
    on SQLite the round tables' `_frozen_update` names are reused and replaced by them)."""
    vendor = schema_editor.connection.vendor
    statements = []
    for table in OLD_LOCKED_TABLES:
        if vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_lock ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_lock()",
            ]
        else:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_lock_insert",
                f"DROP TRIGGER IF EXISTS {table}_lock_update",
            ]
    if vendor == "postgresql":
        for table in OLD_FROZEN_TABLES:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_frozen()",
            ]
    for sql in statements:
        schema_editor.execute(sql, params=None)


CLOSED = ["ditutup"]  # RoundStatus.CLOSED
LOCKED = ["sah", "diganti"]  # VersionState.LEGALISED, VersionState.SUPERSEDED


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_planning")]

    operations = [
        migrations.RunPython(drop_post_migrate_triggers, migrations.RunPython.noop),
        # A closed round: its content, and the rows it was counted from.
        FrozenWhen(
            "priorityround",
            field="status",
            values=CLOSED,
            unfrozen_fields=["created_at", "updated_at", "cycle", "closed_by", "created_by"],
        ),
        FrozenWhen("prioritycriterion", field="status", values=CLOSED, through="round"),
        FrozenWhen(
            "priorityoption",
            field="status",
            values=CLOSED,
            through="round",
            unfrozen_fields=["problem"],  # a mapped problem deleted later leaves the option
        ),
        FrozenWhen("criterionscore", field="status", values=CLOSED, through="option__round"),
        FrozenWhen(
            "ballot",
            field="status",
            values=CLOSED,
            through="round",
            unfrozen_fields=["created_at", "updated_at", "entered_by"],
        ),
        # A legalised version: its content (it may only become superseded), and its rows.
        FrozenWhen(
            "planversion",
            field="state",
            values=LOCKED,
            unfrozen_fields=["created_at", "updated_at", "based_on", "amendment_reason"],
        ),
        FrozenWhen("planprogram", field="state", values=LOCKED, through="version"),
        FrozenWhen(
            "planprogram_problems", field="state", values=LOCKED, through="planprogram__version"
        ),
        FrozenWhen("investmentrow", field="state", values=LOCKED, through="version"),
        FrozenWhen("feedback", field="state", values=LOCKED, through="version"),
        FrozenWhen("plansignoff", field="state", values=LOCKED, through="version"),
        FrozenWhen("activity", field="state", values=LOCKED, through="version"),
        FrozenWhen("activity_problems", field="state", values=LOCKED, through="activity__version"),
        FrozenWhen("rabitem", field="state", values=LOCKED, through="activity__version"),
        FrozenWhen("activityattachment", field="state", values=LOCKED, through="activity__version"),
    ]
