"""manage.py import_survey VILLAGE FILE [--form household] [--mode strict|quarantine]

Import a KoBoToolbox (CSV with ; or , / XLSX) or ODK Central (CSV) export of survey submissions
into a village, with a progress bar. A ZIP holding the export and its photos (ODK Central's "All
data and media files", or KoBo's export with its media attachments) stores the problem reports'
photos too. The same service as the web upload: strict by default (one
bad row and nothing is written), idempotent by instance id. Exit code 1 when the file is
rejected or cannot be read."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tridaya.mapping.models import ImportMode, ImportStatus, SurveyForm
from tridaya.mapping.services.surveys import survey_import
from tridaya.regions.models import Level, Region

SHOWN_ISSUES = 20


class Command(BaseCommand):
    help = "Impor ekspor survei KoBoToolbox/ODK Central ke sebuah kelurahan/desa."

    def add_arguments(self, parser):
        parser.add_argument("village", help="kode Kemendagri kelurahan/desa, mis. 52.01.08.2006")
        parser.add_argument(
            "path", help="berkas CSV atau XLSX, atau ZIP berisi ekspor beserta fotonya"
        )
        parser.add_argument("--form", choices=SurveyForm.values, default=SurveyForm.HOUSEHOLD)
        parser.add_argument("--mode", choices=ImportMode.values, default=ImportMode.STRICT)
        parser.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")

    def handle(self, *args, **options):
        village = Region.objects.filter(code=options["village"], level=Level.VILLAGE).first()
        if village is None:
            raise CommandError(f"Kelurahan/desa {options['village']} tidak ditemukan.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        bar = None
        if not options["no_progress"]:
            bar = tqdm(total=path.stat().st_size, unit="B", unit_scale=True, desc=path.name)

        def progress(rows: int, position: int, size: int | None) -> None:
            if bar is None:
                return
            if size and bar.total != size:
                bar.total = size
                bar.unit, bar.unit_scale = "baris", False
            bar.update(max(0, position - bar.n))
            bar.set_postfix(baris=rows, refresh=False)

        try:
            with path.open("rb") as handle:
                batch = survey_import(
                    actor=None,
                    village=village,
                    form=options["form"],
                    file=handle,
                    filename=path.name,
                    mode=options["mode"],
                    progress=progress,
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        finally:
            if bar is not None:
                bar.close()
        out = self.stdout
        out.write(
            f"{batch.get_status_display()}: {batch.rows} baris, {batch.created} baru, "
            f"{batch.updated} diperbarui, {batch.unchanged} tidak berubah, "
            f"{batch.bad_rows} baris salah, {batch.quarantined} dikarantina "
            f"({batch.seconds:.1f} detik, laporan #{batch.pk})."
        )
        if batch.unknown_columns:
            out.write("Kolom tidak dikenal: " + ", ".join(batch.unknown_columns))
        for issue in batch.issues[:SHOWN_ISSUES]:
            out.write(f"  baris {issue['line']}, kolom {issue['column']}: {issue['reason']}")
        if batch.bad_rows > SHOWN_ISSUES:
            out.write(f"  ... dan lainnya; lihat laporan #{batch.pk} di halaman Survei.")
        if batch.status == ImportStatus.REJECTED:
            raise CommandError("Tidak ada yang disimpan (mode ketat).", returncode=1)
