"""What a database holds, in a form two databases can be compared by: per table its row count
and a digest of its rows in primary-key order, plus the figures apps register."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import connection

# name -> function returning JSON-ready figures; apps register from AppConfig.ready().
_fingerprints: dict[str, Callable[[], dict[str, Any]]] = {}


def register_fingerprint(name: str, compute: Callable[[], dict[str, Any]]) -> None:
    _fingerprints[name] = compute


def registered_figures() -> dict[str, dict[str, Any]]:
    return {name: compute() for name, compute in sorted(_fingerprints.items())}


def model_tables() -> list[tuple[str, str]]:
    """(table, primary key column) of every model with a table, many-to-many tables included."""
    tables: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped and meta.pk is not None:
            tables[meta.db_table] = str(meta.pk.column)
    return sorted(tables.items())


def table_digest(table: str, pk_column: str) -> tuple[int, str]:
    quote = connection.ops.quote_name
    digest = hashlib.sha256()
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk_column)}")  # noqa: S608
        while batch := cursor.fetchmany(2000):
            for row in batch:
                # bytes, not memoryview: a memoryview's repr holds its address.
                values = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                digest.update(repr(values).encode())
                rows += 1
    return rows, digest.hexdigest()


def database_fingerprint() -> dict[str, Any]:
    tables = {}
    for table, pk_column in model_tables():
        rows, digest = table_digest(table, pk_column)
        tables[table] = {"rows": rows, "sha256": digest}
    return {"tables": tables, "figures": registered_figures()}


def differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """Each way `found` differs from `expected`, as a sentence naming the table or figure."""
    problems = []
    for table, want in expected["tables"].items():
        got = found["tables"].get(table)
        if got is None:
            problems.append(f"tabel {table} tidak ada setelah pemulihan")
        elif got["rows"] != want["rows"]:
            problems.append(f"tabel {table}: {got['rows']} baris, seharusnya {want['rows']}")
        elif got["sha256"] != want["sha256"]:
            problems.append(f"tabel {table}: isi berbeda dari cadangan")
    for name, want in expected["figures"].items():
        got = found["figures"].get(name)
        if got != want:
            problems.append(f"angka {name}: {got}, seharusnya {want}")
    return problems
