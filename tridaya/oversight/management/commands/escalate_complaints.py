"""The scheduled PPM job: raise every open complaint past its deadline one level and e-mail the
handlers. Idempotent: running it again at once changes nothing."""

from django.core.management.base import BaseCommand

from tridaya.oversight.services import escalate_overdue


class Command(BaseCommand):
    help = "Naikkan pengaduan yang melewati batas tanggapan ke tingkat berikutnya (idempoten)."

    def handle(self, *args, **options):
        changed = escalate_overdue()
        self.stdout.write(f"{len(changed)} pengaduan dinaikkan")
