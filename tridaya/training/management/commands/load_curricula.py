"""Load the curriculum files in tridaya/training/curricula/ that are not in the database yet."""

from django.core.management.base import BaseCommand, CommandError

from tridaya.training.definitions import CurriculumFileError, sync_curricula


class Command(BaseCommand):
    help = "Muat berkas kurikulum pelatihan yang belum ada di basis data."

    def handle(self, *args, **options):
        try:
            loaded = sync_curricula()
        except CurriculumFileError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for curriculum in loaded:
            self.stdout.write(
                f"{curriculum.code} v{curriculum.version}: {curriculum.modules.count()} modul"
            )
