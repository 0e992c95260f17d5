"""Versioned definition files: TOML files with a `code` and a `version` (cycle templates,
curricula, slum criteria sets, plan outlines), checked, stored once in a table, and immutable once
stored. If the file of a stored version changes, loading is refused with a message saying to copy
the file and raise `version`, so what was recorded under a version can always be traced to it.

    from tridaya.core.definitions import read_definition, sync_definitions

    rows = sync_definitions(
        TEMPLATES_DIR, model=CycleTemplate, check=check_definition, error=TemplateError,
        create=lambda d: CycleTemplate.objects.create(code=d.code, version=d.version, ...,
                                                      definition=d.data, checksum=d.checksum),
    )

A file is parsed and checked once per process while it is unchanged (cached on its path, size
and modification time). The model needs `code`, `version` and `checksum` fields."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)
Checker = Callable[[dict, str], None]


class DefinitionError(ValidationError):
    """A definition file is malformed or changed; the message names the file."""


@dataclass(frozen=True)
class Definition:
    path: Path
    data: dict[str, Any]
    checksum: str

    @property
    def code(self) -> str:
        return self.data["code"]

    @property
    def version(self) -> int:
        return self.data["version"]


def checksum(data: dict) -> str:
    """The same for the same content whatever the key order or formatting of the file."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def read_definition(
    path: Path, *, check: Checker | None = None, error: type[ValidationError] = DefinitionError
) -> Definition:
    """Parse and check one file (`check(data, file_name)` raises with every problem)."""
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size, check, error)  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def _read(
    path: Path, _mtime: int, _size: int, check: Checker | None, error: type[ValidationError]
) -> Definition:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path.name}: {exc}") from exc
    missing = [key for key in ("code", "version") if key not in data]
    if missing:
        raise error(
            _("%(file)s: kunci %(keys)s tidak ada.")
            % {"file": path.name, "keys": ", ".join(f"'{key}'" for key in missing)}
        )
    if check is not None:
        check(data, path.name)
    return Definition(path=path, data=data, checksum=checksum(data))


def read_definitions(
    directory: Path, *, check: Checker | None = None, error: type[ValidationError] = DefinitionError
) -> list[Definition]:
    """Every `*.toml` file of the directory, in name order."""
    return [read_definition(p, check=check, error=error) for p in sorted(directory.glob("*.toml"))]


def store_definition(
    definition: Definition,
    *,
    model: type[M],
    create: Callable[[Definition], M],
    error: type[ValidationError] = DefinitionError,
) -> M:
    """The stored row of this code and version: created from the file the first time; refused
    when the file no longer matches what was stored."""
    row = model._default_manager.filter(code=definition.code, version=definition.version).first()
    if row is None:
        return create(definition)
    stored = getattr(row, "checksum", "")
    if stored and stored != definition.checksum:
        raise error(
            _(
                "%(file)s: %(code)s versi %(version)s sudah dimuat dan isi berkasnya berubah. "
                "Salin ke berkas baru dan naikkan 'version'."
            )
            % {
                "file": definition.path.name,
                "code": definition.code,
                "version": definition.version,
            }
        )
    return row


def sync_definitions(
    directory: Path,
    *,
    model: type[M],
    create: Callable[[Definition], M],
    check: Checker | None = None,
    error: type[ValidationError] = DefinitionError,
) -> list[M]:
    """Store every file of the directory not stored yet; refuse a changed stored version.
    Call it inside a transaction (a refused file leaves nothing half-loaded)."""
    return [
        store_definition(definition, model=model, create=create, error=error)
        for definition in read_definitions(directory, check=check, error=error)
    ]
