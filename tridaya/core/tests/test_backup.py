"""Backup and restore round trips on the database the suite runs on (SQLite or PostgreSQL)."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from tridaya.core.backup.archive import restore_backup, write_backup
from tridaya.core.backup.database import BackupError
from tridaya.core.backup.fingerprint import database_fingerprint, differences
from tridaya.core.models import AuditEvent
from tridaya.regions.models import Region

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.__dict__.pop("base_location", None)
    default_storage.__dict__.pop("location", None)
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def saved(bajur, media, tmp_path):
    """A database with a village, an audit event and an uploaded file, backed up."""
    AuditEvent.objects.create(action="regions.imported", object_type="regions.region")
    default_storage.save("foto/rt01.jpg", ContentFile(b"\xff\xd8 not really a photo"))
    return write_backup(tmp_path / "backups")


def test_restore_undoes_every_change_since_the_backup(saved, media, bajur):
    before = database_fingerprint()
    Region.objects.filter(code=bajur.code).update(name="Diubah setelah cadangan")
    AuditEvent.objects.create(action="regions.imported", object_type="regions.region")
    (media / "foto" / "rt01.jpg").write_bytes(b"overwritten")

    report = restore_backup(saved, replace=True)

    assert report.problems == []
    assert database_fingerprint() == before
    assert Region.objects.get(code=bajur.code).name != "Diubah setelah cadangan"
    assert (media / "foto" / "rt01.jpg").read_bytes() == b"\xff\xd8 not really a photo"


def test_manifest_holds_the_ledger_and_audit_figures(saved):
    with tarfile.open(saved) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    figures = manifest["fingerprint"]["figures"]
    assert figures["audit_events"]["events"] == 1
    assert figures["ledger"] == {"vouchers": 0, "entries": 0, "debit": 0, "credit": 0}
    assert manifest["fingerprint"]["tables"]["regions_region"]["rows"] == Region.objects.count()
    assert list(manifest["files"]) == ["foto/rt01.jpg"]


def test_a_database_in_use_is_not_replaced_without_asking(saved):
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(saved))


def test_a_damaged_archive_is_refused_before_anything_changes(saved, tmp_path, bajur):
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(saved) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/foto/rt01.jpg":
                data = b"tampered"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    Region.objects.filter(code=bajur.code).update(name="Tetap")

    with pytest.raises(BackupError, match="media/foto/rt01.jpg"):
        restore_backup(damaged, replace=True)
    assert Region.objects.get(code=bajur.code).name == "Tetap"


def test_differences_name_the_table_and_the_figure():
    expected = {
        "tables": {"a": {"rows": 2, "sha256": "x"}, "b": {"rows": 1, "sha256": "y"}},
        "figures": {"ledger": {"debit": 10}},
    }
    found = {
        "tables": {"a": {"rows": 1, "sha256": "x"}, "b": {"rows": 1, "sha256": "z"}},
        "figures": {"ledger": {"debit": 9}},
    }
    assert differences(expected, found) == [
        "tabel a: 1 baris, seharusnya 2",
        "tabel b: isi berbeda dari cadangan",
        "angka ledger: {'debit': 9}, seharusnya {'debit': 10}",
    ]
    assert differences(expected, expected) == []
