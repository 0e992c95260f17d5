"""The versioned slum criteria sets: `criteria_data/<code>.toml` files, read and stored with the
program's one definition loader (`tridaya.core.definitions`) into immutable `SlumCriteriaSet`
rows the first time they are needed. A stored version whose file changed is refused: copy the
file and raise `version`, so that old baselines keep the set they were recorded against."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tridaya.core.definitions import (
    Definition,
    DefinitionError,
    read_definitions,
    store_definition,
)
from tridaya.mapping.models import SlumCriteriaSet
from tridaya.mapping.scoring import CriteriaSet

CRITERIA_DIR = Path(__file__).resolve().parent / "criteria_data"
DEFAULT_CODE = "permen-pupr-14-2018"


def current_code() -> str:
    return getattr(settings, "TRIDAYA_SLUM_CRITERIA", DEFAULT_CODE)


def _check(data: dict, file_name: str) -> None:
    try:
        CriteriaSet.from_definition(data)
    except ValueError as exc:
        raise DefinitionError(f"{file_name}: {exc}") from exc


def _files(directory: Path | None = None) -> list[Definition]:
    return read_definitions(directory or CRITERIA_DIR, check=_check)


def definitions(directory: Path | None = None) -> list[tuple[dict, str]]:
    """Every criteria-set file, parsed and checked, with its checksum."""
    return [(found.data, found.checksum) for found in _files(directory)]


def _create(found: Definition) -> SlumCriteriaSet:
    return SlumCriteriaSet.objects.create(
        code=found.code,
        version=found.version,
        name=found.data["name"],
        definition=found.data,
        checksum=found.checksum,
    )


def current_criteria_set(code: str | None = None) -> SlumCriteriaSet:
    """The newest version of the set in force (one query once stored; it stores it otherwise)."""
    code = code or current_code()
    found = [d for d in _files() if d.code == code]
    if not found:
        raise ImproperlyConfigured(f"no slum criteria file with code {code!r}")
    newest = max(found, key=lambda d: d.version)
    return store_definition(newest, model=SlumCriteriaSet, create=_create)


@lru_cache(maxsize=32)
def _parsed(checksum: str, text: str) -> CriteriaSet:
    return CriteriaSet.from_definition(json.loads(text))


def criteria_of(row: SlumCriteriaSet) -> CriteriaSet:
    """The scoring view of a stored set (parsed once per process)."""
    return _parsed(row.checksum, json.dumps(row.definition, sort_keys=True))
