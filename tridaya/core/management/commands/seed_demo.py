from django.core.management.base import BaseCommand

from tridaya.core import demo


class Command(BaseCommand):
    help = "Seed the demo village Desa Bajur (52.01.08.2006) and its neighbour. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="run every step even when the demo was already seeded from the same sources",
        )

    def handle(self, *args, force: bool = False, **options):
        if not force and demo.seed_in_place():
            self.stdout.write(
                "Data demo sudah ada dan kode demo tidak berubah; tidak ada yang ditanam ulang. "
                "Pakai --force untuk menjalankan semua langkah lagi."
            )
            return
        # No transaction around a step: the services it calls each hold their own durable one
        # (and refuse to nest); steps are idempotent, so a failed seed is simply run again.
        for step in demo.steps():
            step.run(self._logger(step.name))
        demo.mark_seeded()
        self.stdout.write(self.style.SUCCESS("Data demo siap."))

    def _logger(self, name: str):
        return lambda message: self.stdout.write(f"[{name}] {message}")
