"""Database guards as migration operations: the database itself refuses writes that no service
may make, whoever writes (a service, the admin, a shell, raw SQL).

    from tridaya.core.guards import AppendOnly, FrozenWhen

    operations = [
        AppendOnly("ledgerentry"),                                   # no UPDATE, no DELETE
        FrozenWhen("planversion", field="state", values=["sah", "diganti"],
                   unfrozen_fields=["updated_at"]),                  # the row's own state
        FrozenWhen("rabitem", field="state", values=["sah", "diganti"],
                   through="activity__version"),                     # the state of a parent row
    ]

Both are reversible (backwards drops the triggers) and vendor-aware (SQLite triggers with
RAISE(ABORT); PostgreSQL trigger functions with RAISE EXCEPTION). Table, column and foreign-key
names come from the migration's model state, never typed by hand; applying the operation again
(after a field was added) replaces the triggers with ones covering the new columns.

Semantics:
- AppendOnly refuses UPDATE and DELETE (`refuse=("UPDATE",)` keeps DELETE for retention jobs).
- FrozenWhen, without `through`: while the row's `field` holds one of `values`, an UPDATE that
  changes any column other than `unfrozen_fields` is refused, and so is moving `field` to a value
  outside `values` (moving between frozen values, e.g. legalised -> superseded, is allowed).
  With `through` (a path of foreign keys, "activity__version"): INSERT or UPDATE of a row whose
  parent is frozen (before or after the write) is refused when a column other than
  `unfrozen_fields` changes. `refuse_delete=True` refuses DELETE of a frozen row too.

Caveat (SQLite): Django rebuilds a table to alter most of its columns, which drops its
triggers. `tridaya/core/tests/test_guards.py` checks that every guard declared in any migration is
present in the migrated test database, so a later AlterField cannot remove one silently: apply the
operation again in the migration that alters the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.db import models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

REFUSE_FUNCTION = "tridaya_guard_refuse"
_POSTGRES_REFUSE = f"""
CREATE OR REPLACE FUNCTION {REFUSE_FUNCTION}() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END;
$$ LANGUAGE plpgsql
"""


def _quote(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _model(state: ProjectState, app_label: str, model_name: str) -> type[models.Model]:
    return state.apps.get_model(app_label, model_name)


def _columns(model: type[models.Model], exclude: Iterable[str]) -> list[str]:
    skipped = set(exclude)
    return [
        field.column
        for field in model._meta.concrete_fields
        if field.column and field.name not in skipped and field.column not in skipped
        if not field.primary_key
    ]


def _changed(columns: Sequence[str], vendor: str) -> str:
    if not columns:
        return "0 = 1"
    if vendor == "postgresql":
        return " OR ".join(f"NEW.{c}::text IS DISTINCT FROM OLD.{c}::text" for c in columns)
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)


class _Guard(Operation):
    reversible = True
    reduces_to_sql = True
    atomic = True
    kinds: tuple[str, ...] = ()

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name.lower()

    def state_forwards(self, app_label: str, state: Any) -> None:
        """Guards change no model state."""

    def _statements(self, model: type[models.Model], vendor: str) -> list[str]:
        raise NotImplementedError

    def _trigger(self, table: str, kind: str) -> str:
        return f"{table}_{kind}"[:63]

    def _drop(self, table: str, vendor: str) -> list[str]:
        statements = []
        for kind in self.kinds:
            name = self._trigger(table, kind)
            if vendor == "postgresql":
                statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                statements.append(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                statements.append(f"DROP TRIGGER IF EXISTS {name}")
        return statements

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = _model(to_state, app_label, self.model_name)
        vendor = schema_editor.connection.vendor
        if vendor not in ("sqlite", "postgresql"):
            raise NotImplementedError(f"database guards are not written for {vendor}")
        table = model._meta.db_table
        for sql in self._drop(table, vendor) + self._statements(model, vendor):
            # params=None: the SQL may hold a literal % that is no placeholder.
            schema_editor.execute(sql, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = _model(from_state, app_label, self.model_name)
        for sql in self._drop(model._meta.db_table, schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    def trigger_names(self, table: str) -> list[str]:
        return [self._trigger(table, kind) for kind in self.kinds]


class AppendOnly(_Guard):
    """Rows of `model_name` are never changed nor (by default) deleted."""

    def __init__(self, model_name: str, *, refuse: Sequence[str] = ("UPDATE", "DELETE")) -> None:
        super().__init__(model_name)
        refused = tuple(op.upper() for op in refuse)
        if not refused or set(refused) - {"UPDATE", "DELETE"}:
            raise ValueError("AppendOnly refuses UPDATE and/or DELETE")
        self.refuse = refused
        self.kinds = tuple(f"append_only_{op.lower()}" for op in refused)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {} if self.refuse == ("UPDATE", "DELETE") else {"refuse": list(self.refuse)}
        return self.__class__.__name__, [self.model_name], kwargs

    def describe(self) -> str:
        return f"Make {self.model_name} append-only ({', '.join(self.refuse)} refused)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_append_only"

    def _statements(self, model: type[models.Model], vendor: str) -> list[str]:
        table = model._meta.db_table
        message = f"{table} rows are append-only"
        statements = [_POSTGRES_REFUSE] if vendor == "postgresql" else []
        for op in self.refuse:
            name = self._trigger(table, f"append_only_{op.lower()}")
            if vendor == "postgresql":
                statements.append(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH ROW "
                    f"EXECUTE FUNCTION {REFUSE_FUNCTION}({_quote(message)})"
                )
            else:
                statements.append(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, {_quote(message)}); END"
                )
        return statements


class FrozenWhen(_Guard):
    """Rows of `model_name` stay as they are while `field` (of the row, or of the parent reached
    through the foreign-key path `through`) holds one of `values`."""

    kinds = ("frozen_insert", "frozen_update", "frozen_delete")

    def __init__(
        self,
        model_name: str,
        *,
        field: str,
        values: Sequence[Any],
        through: str | None = None,
        unfrozen_fields: Sequence[str] = (),
        refuse_delete: bool = False,
    ) -> None:
        super().__init__(model_name)
        if not values:
            raise ValueError("FrozenWhen needs at least one frozen value")
        self.field = field
        self.values = list(values)
        self.through = through
        self.unfrozen_fields = list(unfrozen_fields)
        self.refuse_delete = refuse_delete

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"field": self.field, "values": self.values}
        if self.through:
            kwargs["through"] = self.through
        if self.unfrozen_fields:
            kwargs["unfrozen_fields"] = self.unfrozen_fields
        if self.refuse_delete:
            kwargs["refuse_delete"] = True
        return self.__class__.__name__, [self.model_name], kwargs

    def describe(self) -> str:
        where = f" of {self.through}" if self.through else ""
        return f"Freeze {self.model_name} while {self.field}{where} is in {self.values}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_frozen"

    def _frozen(self, model: type[models.Model], row: str) -> str:
        """SQL true when the row (NEW or OLD) is frozen."""
        values = ", ".join(_quote(v) for v in self.values)
        if not self.through:
            own = cast(models.Field, model._meta.get_field(self.field))
            return f"{row}.{own.column} IN ({values})"
        current, expr = model, None
        for name in self.through.split("__"):
            fk = current._meta.get_field(name)
            if not isinstance(fk, models.ForeignKey):
                raise ValueError(f"{self.through}: {name} is not a foreign key")
            if expr is None:
                expr = f"{row}.{fk.column}"
            else:
                expr = (
                    f"(SELECT {fk.column} FROM {current._meta.db_table} "
                    f"WHERE {current._meta.pk.column} = {expr})"
                )
            current = cast(type[models.Model], fk.related_model)
        column = cast(models.Field, current._meta.get_field(self.field)).column
        parent, pk = current._meta.db_table, cast(models.Field, current._meta.pk).column
        return f"(SELECT {column} FROM {parent} WHERE {pk} = {expr}) IN ({values})"

    def _conditions(self, model: type[models.Model], vendor: str) -> dict[str, str]:
        own = self.through is None
        exclude = [*self.unfrozen_fields, *([self.field] if own else [])]
        changed = _changed(_columns(model, exclude), vendor)
        new, old = self._frozen(model, "NEW"), self._frozen(model, "OLD")
        conditions: dict[str, str] = {}
        if own:
            conditions["UPDATE"] = f"({old}) AND (NOT ({new}) OR {changed})"
        else:
            conditions["INSERT"] = new
            conditions["UPDATE"] = f"(({new}) OR ({old})) AND ({changed})"
        if self.refuse_delete:
            conditions["DELETE"] = old
        return conditions

    def _statements(self, model: type[models.Model], vendor: str) -> list[str]:
        table = model._meta.db_table
        message = f"{table}: frozen rows cannot change"
        statements = []
        for op, condition in self._conditions(model, vendor).items():
            name = self._trigger(table, f"frozen_{op.lower()}")
            if vendor == "postgresql":
                result = "OLD" if op == "DELETE" else "NEW"
                statements.append(
                    f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                    f"IF {condition} THEN RAISE EXCEPTION '%', {_quote(message)}; END IF; "
                    f"RETURN {result}; END $$ LANGUAGE plpgsql"
                )
                statements.append(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH ROW "
                    f"EXECUTE FUNCTION {name}()"
                )
            else:
                statements.append(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH ROW "
                    f"WHEN {condition} BEGIN SELECT RAISE(ABORT, {_quote(message)}); END"
                )
        return statements
