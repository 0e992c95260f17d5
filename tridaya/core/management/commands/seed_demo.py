from django.core.management.base import BaseCommand
from django.db import transaction

from tridaya.core import demo


class Command(BaseCommand):
    help = "Seed the demo village Desa Bajur (52.01.08.2006) and its neighbour. Idempotent."

    def handle(self, *args, **options):
        for step in demo.steps():
            with transaction.atomic():
                step.run(self._logger(step.name))
        self.stdout.write(self.style.SUCCESS("Data demo siap."))

    def _logger(self, name: str):
        return lambda message: self.stdout.write(f"[{name}] {message}")
