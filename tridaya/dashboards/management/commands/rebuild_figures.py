import time

from django.core.management.base import BaseCommand

from tridaya.dashboards import services


class Command(BaseCommand):
    help = (
        "Recompute the figures of every village and roll them up to the nation (current month). "
        "With --dirty, only the villages marked as changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dirty", action="store_true", help="only the dirty villages")

    def handle(self, *args, dirty: bool = False, **options):
        start = time.perf_counter()
        if dirty:
            count = 0
            while n := services.refresh_dirty():
                count += n
        else:
            count = services.rebuild_all(
                progress=lambda d, t: self.stdout.write(f"{d}/{t}", ending="\r")
            )
        seconds = time.perf_counter() - start
        rate = count / seconds if seconds else 0
        self.stdout.write(f"{count} villages in {seconds:.1f} s ({rate:.0f} villages/s)")
