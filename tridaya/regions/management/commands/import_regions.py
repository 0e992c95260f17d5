import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tridaya.regions.importer import (
    DEFAULT_DIR,
    RegionImportError,
    count_rows,
    import_regions_unless_in_place,
)


class Command(BaseCommand):
    help = "Import the official Kemendagri regions (provinces to villages). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_DIR,
            help="folder with provinces.csv, regencies.csv, districts.csv, villages.csv",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="read and compare every row even when the files' checksum is unchanged",
        )

    def handle(self, *args, path: Path, force: bool = False, verbosity: int = 1, **options):
        show_bar = verbosity > 0 and sys.stdout.isatty()
        bar = tqdm(
            total=count_rows(path) if show_bar else None, unit=" wilayah", disable=not show_bar
        )
        try:
            result = import_regions_unless_in_place(
                directory=path, progress=bar.update, force=force
            )
        except RegionImportError as exc:
            raise CommandError(f"Impor dibatalkan, tidak ada yang ditulis:\n{exc}") from exc
        finally:
            bar.close()
        if result is None:
            self.stdout.write(
                "Wilayah sudah sesuai berkas (checksum sama dengan impor terakhir); "
                "tidak ada yang dibaca ulang. Pakai --force untuk membandingkan semua baris."
            )
            return
        files = result.total_in_files
        self.stdout.write(
            f"Wilayah dalam berkas: {files[1]} provinsi, {files[2]} kabupaten/kota, "
            f"{files[3]} kecamatan, {files[4]} kelurahan/desa. "
            f"Baru: {result.created_total}, ganti nama: {result.renamed}, "
            f"tetap: {result.unchanged}."
        )
