"""Stamps of what the set-up commands put in place (`make run` runs them every time).

`import_regions` stamps the checksum of the region files it imported and `seed_demo` the
fingerprint of the demo sources it ran; when the input is unchanged and the stamp is there, the
command says so and does nothing. A stamp lives in the same database as what it describes, so a
fresh database (`make clean-db`, another `DATABASE_URL`) has none and everything runs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from tridaya.core.models import SetupStamp


def files_checksum(paths: Iterable[Path]) -> str:
    """sha256 over the names and bytes of the files, in the given order (a missing file counts
    as empty, so adding it changes the checksum)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8") + b"\0")
        if path.is_file():
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def stamp_matches(key: str, checksum: str, *, count: int | None = None) -> bool:
    """True when the stamp `key` holds this checksum (and, when given, at least `count` rows
    are still there: a stamp does not cover rows deleted since)."""
    stamp = SetupStamp.objects.filter(key=key).first()
    if stamp is None or stamp.checksum != checksum:
        return False
    return count is None or count >= stamp.count


def stamp_record(key: str, checksum: str, *, count: int = 0) -> None:
    SetupStamp.objects.update_or_create(key=key, defaults={"checksum": checksum, "count": count})
