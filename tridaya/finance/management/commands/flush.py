"""`manage.py flush` that can empty the ledger: Django's flush, which on SQLite lifts the
append-only guards of this app's tables for the moment it deletes every row of every table, and
puts them back exactly as the migrations made them (PostgreSQL's flush uses TRUNCATE, which fires
no row trigger). Test teardown of transactional tests runs this command.

Nothing else can delete ledger rows: flush empties the whole database, it is no correction."""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

GUARDED_PREFIX = "finance_"


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options.get("database") or "default"]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE %s",
                [GUARDED_PREFIX + "%"],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
