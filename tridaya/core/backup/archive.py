"""The backup archive: a .tar.gz holding `manifest.json`, the database dump and `media/`.

`write_backup(folder)` makes one; `restore_backup(path, replace=...)` checks every checksum
before touching anything, loads the database and the files, then compares the restored
database with the manifest's fingerprint and returns the differences (none when it worked).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from tridaya.core.backup.database import (
    BackupError,
    dump_database,
    dump_file_name,
    engine,
    load_database,
)
from tridaya.core.backup.fingerprint import database_fingerprint, differences, model_tables

FORMAT = 1
MANIFEST = "manifest.json"
# Tables `migrate` fills on an empty database; rows elsewhere mean the database is in use.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


@dataclass(frozen=True)
class RestoreReport:
    manifest: dict[str, Any]
    problems: list[str]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root() -> Path | None:
    """Uploaded files live under MEDIA_ROOT unless object storage keeps them (then the bucket's
    own versioning backs them up, and the manifest says the files are not in the archive)."""
    return Path(settings.MEDIA_ROOT) if isinstance(default_storage, FileSystemStorage) else None


def _media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _manifest(dump: Path, files: dict[str, str], media: Path | None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine(),
        "migrations": _applied_migrations(),
        "database": {"file": dump.name, "sha256": sha256_of(dump)},
        "files_included": media is not None,
        "files": files,
        "fingerprint": database_fingerprint(),
    }


def _add_media(archive: tarfile.TarFile, media: Path) -> dict[str, str]:
    files = {}
    for path in _media_files(media):
        name = path.relative_to(media).as_posix()
        files[name] = sha256_of(path)
        archive.add(path, arcname=f"media/{name}")
    return files


def write_backup(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    target = folder / f"tridaya-backup-{stamp}.tar.gz"
    media = _media_root()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / dump_file_name()
        dump_database(dump)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            files = _add_media(archive, media) if media else {}
            manifest = Path(work) / MANIFEST
            manifest.write_text(json.dumps(_manifest(dump, files, media), indent=1))
            archive.add(manifest, arcname=MANIFEST)
    return target


def _extract(path: Path, into: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out of the folder, devices.
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} bukan arsip cadangan Tridaya yang utuh: {error}") from error
    manifest_path = into / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{path} tidak berisi {MANIFEST}: bukan cadangan Tridaya.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Format cadangan {manifest.get('format')} tidak dikenal.")
    return manifest


def _check_archive(root: Path, manifest: dict[str, Any]) -> None:
    dump = root / manifest["database"]["file"]
    if not dump.exists() or sha256_of(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"Berkas basis data {dump.name} rusak atau hilang di arsip.")
    for name, checksum in manifest["files"].items():
        path = root / "media" / name
        if not path.exists() or sha256_of(path) != checksum:
            raise BackupError(f"Berkas media/{name} rusak atau hilang di arsip.")
    if manifest["engine"] != engine():
        raise BackupError(
            f"Cadangan ini dari {manifest['engine']}, basis data tujuan {engine()}: "
            "pulihkan ke mesin basis data yang sama."
        )


def database_in_use() -> bool:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, _pk in model_tables():
            if table in MIGRATE_TABLES or table not in existing:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return True
    return False


def _restore_files(root: Path, manifest: dict[str, Any]) -> list[str]:
    media = _media_root()
    if media is None or not manifest["files_included"]:
        return []
    problems = []
    for name, checksum in manifest["files"].items():
        target = media / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / "media" / name, target)
        if sha256_of(target) != checksum:
            problems.append(f"berkas {name}: isi berbeda setelah disalin")
    return problems


def restore_backup(path: Path, *, replace: bool = False) -> RestoreReport:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        manifest = _extract(path, root)
        _check_archive(root, manifest)
        if not replace and database_in_use():
            raise BackupError(
                "Basis data tujuan sudah berisi data. Pulihkan ke basis data kosong, atau "
                "tambahkan --replace untuk menggantinya seluruhnya dengan isi cadangan."
            )
        load_database(root / manifest["database"]["file"])
        problems = _restore_files(root, manifest)
    problems += differences(manifest["fingerprint"], database_fingerprint())
    return RestoreReport(manifest=manifest, problems=problems)
