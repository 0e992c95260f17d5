"""The versioned slum criteria sets: `criteria_data/<code>.toml` files, loaded into immutable
`SlumCriteriaSet` rows the first time they are needed. A loaded version whose file changed is
refused: copy the file and raise `version`, so that old baselines keep the set they were
recorded against."""

from __future__ import annotations

import hashlib
import json
import tomllib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tridaya.mapping.models import SlumCriteriaSet
from tridaya.mapping.scoring import CriteriaSet

CRITERIA_DIR = Path(__file__).resolve().parent / "criteria_data"
DEFAULT_CODE = "permen-pupr-14-2018"


def current_code() -> str:
    return getattr(settings, "TRIDAYA_SLUM_CRITERIA", DEFAULT_CODE)


def _checksum(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> tuple[dict, str]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    try:
        CriteriaSet.from_definition(data)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{path.name}: {exc}") from exc
    return data, _checksum(data)


def definitions(directory: Path = CRITERIA_DIR) -> list[tuple[dict, str]]:
    """Every criteria-set file, parsed and checked, with its checksum."""
    return [_read(path, path.stat().st_mtime) for path in sorted(directory.glob("*.toml"))]


def current_criteria_set(code: str | None = None) -> SlumCriteriaSet:
    """The newest version of the set in force (one query once loaded; it loads it otherwise)."""
    code = code or current_code()
    found = [(data, digest) for data, digest in definitions() if data["code"] == code]
    if not found:
        raise ImproperlyConfigured(f"no slum criteria file with code {code!r}")
    data, digest = max(found, key=lambda item: item[0]["version"])
    row, created = SlumCriteriaSet.objects.get_or_create(
        code=code,
        version=data["version"],
        defaults={"name": data["name"], "definition": data, "checksum": digest},
    )
    if not created and row.checksum != digest:
        raise ImproperlyConfigured(
            f"criteria set {code} version {data['version']} is in use and its file changed: "
            "copy the file and raise 'version'"
        )
    return row


@lru_cache(maxsize=32)
def _parsed(checksum: str, text: str) -> CriteriaSet:
    return CriteriaSet.from_definition(json.loads(text))


def criteria_of(row: SlumCriteriaSet) -> CriteriaSet:
    """The scoring view of a stored set (parsed once per process)."""
    return _parsed(row.checksum, json.dumps(row.definition, sort_keys=True))
