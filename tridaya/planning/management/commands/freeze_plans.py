"""Freeze every legalised (or superseded) plan version that has no snapshot yet (versions
legalised before snapshots existed), and with --documents render and store their PDF, DOCX and
XLSX. Idempotent: a second run changes nothing. Without it, each is frozen at its first read."""

from django.core.management.base import BaseCommand

from tridaya.planning.services.snapshots import freeze_all


class Command(BaseCommand):
    help = "Bekukan versi rencana sah yang belum dibekukan (idempoten)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--documents", action="store_true", help="susun dan simpan juga PDF, DOCX dan XLSX"
        )

    def handle(self, *args, **options):
        frozen, documents = freeze_all(documents=options["documents"])
        self.stdout.write(f"{frozen} versi dibekukan, {documents} dokumen disimpan")
