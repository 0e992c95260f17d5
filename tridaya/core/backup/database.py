"""Copying the database to a file and back: SQLite through its online backup API (safe while
the app writes), PostgreSQL through pg_dump / pg_restore in custom format."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def dump_file_name() -> str:
    return "database.pgdump" if engine() == "postgresql" else "database.sqlite3"


def _pg_env() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    env["PGDATABASE"] = settings["NAME"]
    return env


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    except FileNotFoundError as missing:
        raise BackupError(
            f"{command[0]} tidak ditemukan: pasang klien PostgreSQL (apt-get install "
            "postgresql-client) dengan versi yang sama dengan servernya."
        ) from missing
    if result.returncode != 0:
        raise BackupError(f"{command[0]} gagal: {result.stderr.strip()[:500]}")


def dump_database(target: Path) -> None:
    if engine() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)])
        return
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def load_database(source: Path) -> None:
    """Replace the configured database's content with the dump."""
    connection.close()
    if engine() == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--dbname",
                _pg_env()["PGDATABASE"],
                str(source),
            ]
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(source) as saved:
        saved.backup(connection.connection)
    saved.close()
