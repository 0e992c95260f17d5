"""`manage.py restore ARCHIVE [--replace]`: load a `manage.py backup` archive into the configured
database and media folder, then prove every table, registered figure and file equals the
backup (exit non-zero naming each difference)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tridaya.core.backup.archive import restore_backup
from tridaya.core.backup.database import BackupError


class Command(BaseCommand):
    help = "Restore a backup archive and verify the result against its manifest."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace a database that already holds data (otherwise refused)",
        )

    def handle(self, *args, archive: str, replace: bool, **options):
        try:
            report = restore_backup(Path(archive), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for problem in report.problems:
            self.stderr.write(problem)
        if report.problems:
            raise CommandError(f"restore: {len(report.problems)} difference(s) from the backup")
        tables = report.manifest["fingerprint"]["tables"]
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(
            f"restore: OK ({len(tables)} tables, {rows} rows, "
            f"{len(report.manifest['files'])} files identical to the backup)"
        )
