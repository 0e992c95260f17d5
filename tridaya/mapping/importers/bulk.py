"""Fast writes for large imports: rows go to the database in chunks through the driver's
fastest path (COPY on PostgreSQL, multi-row INSERTs on SQLite), with ids reserved up front so
that rows of one table can point at rows of another written in the same chunk.

Only importers use this, inside a service's transaction, after they have validated every value
the way the model would (the importer's tests check that imported rows pass `full_clean()`)."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from django.db import connection, models


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    """What Django's SQLite backend stores for an aware datetime: naive UTC text
    (`2026-03-01 02:30:00`, microseconds when there are some)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return str(value)
    return str(value.astimezone(dt.UTC))[:-6]  # without its "+00:00"


@lru_cache(maxsize=1)
def _sqlite_limit() -> int:
    raw = connection.connection
    if raw is not None and hasattr(raw, "getlimit"):
        return int(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return 999


def can_skip_conflicts() -> bool:
    """Whether `insert_columns(skip_conflicts=True)` works here: SQLite with RETURNING (3.35+).
    (PostgreSQL writes with COPY, which cannot skip a row.)"""
    return connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 35)


def sqlite_max_variables() -> int:
    """How many `?` one SQLite statement may hold (32766 since SQLite 3.32; 999 before)."""
    connection.ensure_connection()
    return min(_sqlite_limit(), 32_766)


class JSONText(str):
    """A value of a JSON field already written as JSON text (stored as it is)."""


def _json(value: Any) -> str | None:
    if value is None or isinstance(value, JSONText):
        return value
    return json.dumps(value)


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a Python value of `field` goes to the driver on this backend (None: as it is)."""
    vendor = connection.vendor
    if isinstance(field, models.JSONField):
        return _json
    if vendor == "postgresql":
        return None  # psycopg dumps dates, datetimes, decimals and booleans itself
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.DecimalField):
        return lambda v: None if v is None else str(v)
    return None


def _adapted(adapt: Callable[[Any], Any] | None, value: Any) -> Any:
    return adapt(value) if adapt is not None else value


class Same:
    """One value for every row of a column (see `TableWriter.insert_columns`)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


class TableWriter:
    """Inserts and updates rows of one model given as dicts of attribute names."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                continue
            if f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField):
                self.defaults[f.attname] = ""
        self.adapters = {f.attname: _adapter(f) for f in self.fields}
        self.pk = model._meta.pk.attname
        self.pk_column = model._meta.pk.column
        self._sequence: str | None = None
        self.stamp_fields = [
            f.attname
            for f in self.fields
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add)
        ]
        self.update_stamp_fields = [
            f.attname for f in self.fields if isinstance(f, models.DateTimeField) and f.auto_now
        ]

    # Ids ----------------------------------------------------------------------------------

    def sequence(self) -> str:
        """The name of the primary key's sequence (PostgreSQL), looked up once."""
        if self._sequence is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_get_serial_sequence(%s, %s)",
                    [self.table, self.model._meta.pk.column],
                )
                self._sequence = cursor.fetchone()[0]
        return self._sequence

    def reserve_ids(self, count: int) -> list[int]:
        """`count` fresh primary keys that no other writer will take."""
        if count <= 0:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                    [self.sequence(), count],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite: the service's transaction began IMMEDIATE, so this connection is the only
            # writer until it commits; AUTOINCREMENT never reuses an id, hence sqlite_sequence.
            cursor.execute(
                f'SELECT MAX("{self.model._meta.pk.column}"), '
                f"(SELECT seq FROM sqlite_sequence WHERE name = %s) "
                f'FROM "{self.table}"',
                [self.table],
            )
            highest, sequence = cursor.fetchone()
            highest = max(highest or 0, sequence or 0)
        return list(range(highest + 1, highest + 1 + count))

    # Rows -----------------------------------------------------------------------------------

    def _tuples(self, rows: Iterable[dict[str, Any]], now: dt.datetime, stamps: list[str]):
        """Each row as a tuple in column order: defaults filled in, auto-now stamps set, values
        adapted for the driver (stamps adapted once for the whole chunk)."""
        stamped = dict.fromkeys(stamps, now)
        adapted = [(n, f) for n, f in self.adapters.items() if f is not None and n not in stamped]
        for name in stamped:
            adapt = self.adapters[name]
            stamped[name] = adapt(now) if adapt is not None else now
        base = {**self.defaults, **stamped}
        pick = operator.itemgetter(*self.attnames)
        for row in rows:
            full = base.copy()
            full.update(row)
            full.update(stamped)
            for name, adapt in adapted:
                full[name] = adapt(full[name])
            yield pick(full)

    def insert(self, rows: Sequence[dict[str, Any]], *, now: dt.datetime) -> None:
        """Insert rows (dicts) that carry their own primary key (see `reserve_ids`)."""
        if rows:
            self._write(self._tuples(rows, now, self.stamp_fields))

    def insert_columns(
        self,
        columns: dict[str, Any],
        count: int,
        *,
        now: dt.datetime,
        skip_conflicts: bool = False,
    ) -> set[int] | None:
        """Insert `count` rows given column by column: each value of `columns` is a list of
        `count` values, or a `Same(value)` for every row. Columns not given take their default
        (auto-now stamps take `now`). The cheapest path for large chunks: rows are zipped from
        the columns without building a dict per row.

        With `skip_conflicts` (SQLite only, see `can_skip_conflicts`), a row that a unique index
        refuses is left out instead of failing the statement, and the primary keys of the rows
        inserted are returned."""
        if count <= 0:
            return set() if skip_conflicts else None
        parts: list[Iterable[Any]] = []
        for name in self.attnames:
            adapt = self.adapters[name]
            if name in self.stamp_fields:
                value: Any = Same(now)
            elif name in columns:
                value = columns[name]
            else:
                value = Same(self.defaults.get(name))
            if isinstance(value, Same):
                constant = adapt(value.value) if adapt is not None else value.value
                parts.append(itertools.repeat(constant, count))
            else:
                if len(value) != count:
                    raise ValueError(f"column {name} has {len(value)} values, not {count}")
                parts.append(map(adapt, value) if adapt is not None else value)
        return self._write(zip(*parts, strict=True), skip_conflicts=skip_conflicts)

    def _write(self, rows: Iterable[tuple], *, skip_conflicts: bool = False) -> set[int] | None:
        names = ", ".join(f'"{c}"' for c in self.columns)
        with connection.cursor() as cursor:
            if skip_conflicts and not can_skip_conflicts():
                raise ValueError("skip_conflicts needs SQLite 3.35 or later")
            if connection.vendor == "postgresql":
                # COPY runs on the raw psycopg cursor: wrap its errors as Django's, so a unique
                # index refusing a repeat is an IntegrityError the importer can catch.
                statement = f'COPY "{self.table}" ({names}) FROM STDIN'
                with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
                return None
            # SQLite: a few multi-row INSERTs rather than one statement per row: the driver
            # releases the GIL once per statement instead of once per row, so the import's
            # reading thread (services/surveys.py) runs while SQLite updates its indexes. They go
            # to the driver's cursor with its own `?` marks, like COPY on PostgreSQL: Django's
            # cursor would rewrite each of a statement's 32,766 `%s` first, which costs about
            # as much as the insert itself.
            width = len(self.columns)
            values = list(itertools.chain.from_iterable(rows))
            per = max(1, sqlite_max_variables() // width)
            one = "(" + ", ".join(["?"] * width) + ")"
            sql = f'INSERT INTO "{self.table}" ({names}) VALUES '
            tail = f' ON CONFLICT DO NOTHING RETURNING "{self.pk_column}"' if skip_conflicts else ""
            full = sql + ", ".join([one] * per) + tail
            step = per * width
            inserted: set[int] = set()
            with connection.wrap_database_errors:
                for start in range(0, len(values), step):
                    part = values[start : start + step]
                    count = len(part) // width
                    statement = full if count == per else sql + ", ".join([one] * count) + tail
                    found = sqlite3.Cursor.execute(cursor.cursor, statement, part)
                    if skip_conflicts:
                        inserted.update(pk for (pk,) in found.fetchall())
            return inserted if skip_conflicts else None

    def update(self, rows: Sequence[dict[str, Any]], fields: Sequence[str], *, now) -> None:
        """Set `fields` (and the auto-now stamps) of the rows with the given primary keys."""
        if not rows:
            return
        names = [*fields, *[f for f in self.update_stamp_fields if f not in fields]]
        by_name = {f.attname: f for f in self.fields}
        assignments = ", ".join(f'"{by_name[n].column}" = %s' for n in names)
        adapters = self.adapters
        params = []
        for row in rows:
            full = {**row, **dict.fromkeys(self.update_stamp_fields, now)}
            values = [_adapted(adapters[n], full[n]) for n in names]
            params.append([*values, row[self.pk]])
        pk_column = self.model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.executemany(
                f'UPDATE "{self.table}" SET {assignments} WHERE "{pk_column}" = %s', params
            )


def rows_where_in(sql: str, params: Sequence[Any], values: Iterable[Any]) -> list[tuple]:
    """Run `sql` whose `IN ({values})` stands for membership in `values`.

    For the importers' per-chunk lookups by instance id or NIK: the ORM prepares each of the
    thousands of values of an `__in` lookup one by one, which costs more than the query. On
    PostgreSQL the values go as one array (`= ANY(%s)`), which the server parses and plans far
    faster than thousands of literals."""
    values = list(values)
    if not values:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = sql.replace(" IN ({values})", " = ANY(%s)")
            cursor.execute(query, [*params, values])
        else:
            marks = ", ".join(["%s"] * len(values))
            cursor.execute(sql.format(values=marks), [*params, *values])
        return cursor.fetchall() if cursor.description else []


class LargeWrites:
    """While a large import runs:

    - give SQLite a page cache big enough to keep the indexes it updates in memory (the default
      2 MB makes every random-key insert a read from the OS);
    - let Python's cycle collector run less often: by default it runs every 700 allocations and
      each time walks the chunks in flight (hundreds of thousands of cells), which costs an
      import about a third of its reading time. It still runs, so memory stays bounded.

    Both are put back afterwards."""

    CACHE_KIB = 64 * 1024
    GC_THRESHOLDS = (100_000, 50, 50)

    def __enter__(self) -> LargeWrites:
        self.gc_thresholds = gc.get_threshold()
        gc.set_threshold(*self.GC_THRESHOLDS)
        self.previous = None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                self.previous = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        return self

    def __exit__(self, *exc_info) -> None:
        gc.set_threshold(*self.gc_thresholds)
        if self.previous is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(self.previous)}")
