from django.core.management.base import BaseCommand

from tridaya.core import demo


class Command(BaseCommand):
    help = "Seed the demo village Desa Bajur (52.01.08.2006) and its neighbour. Idempotent."

    def handle(self, *args, **options):
        # No transaction around a step: the services it calls each hold their own durable one
        # (and refuse to nest); steps are idempotent, so a failed seed is simply run again.
        for step in demo.steps():
            step.run(self._logger(step.name))
        self.stdout.write(self.style.SUCCESS("Data demo siap."))

    def _logger(self, name: str):
        return lambda message: self.stdout.write(f"[{name}] {message}")
