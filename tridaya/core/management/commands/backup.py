"""`manage.py backup [--output FOLDER]`: one archive with the database, the uploaded files and
a manifest of checksums and table fingerprints (restore it with `manage.py restore`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tridaya.core.backup.archive import write_backup
from tridaya.core.backup.database import BackupError


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="Folder for the archive (default: TRIDAYA_VAR_DIR/backups)",
        )

    def handle(self, *args, output: str, **options):
        try:
            archive = write_backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
