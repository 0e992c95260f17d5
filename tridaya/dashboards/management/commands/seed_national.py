import time

from django.core.management.base import BaseCommand, CommandError

from tridaya.dashboards import national


class Command(BaseCommand):
    help = (
        "Bench data: fill the database with synthetic households, RW/RT, profiles, cycles, "
        "trainings, RT slum profiles and plans for the villages of the official region data "
        "(run import_regions first). COPY on PostgreSQL. Reproducible from --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--villages", type=int, default=None, help="default: every village")
        parser.add_argument("--households-per-village", type=int, default=120)
        parser.add_argument("--program-share", type=float, default=0.1)
        parser.add_argument("--plan-share", type=float, default=0.4)

    def handle(self, *args, **o):
        options = national.Options(
            seed=o["seed"],
            villages=o["villages"],
            households_per_village=o["households_per_village"],
            program_share=o["program_share"],
            plan_share=o["plan_share"],
        )
        start = time.perf_counter()
        try:
            counts = national.seed(options, progress=lambda m: self.stdout.write(m))
        except ValueError as error:
            raise CommandError(str(error)) from error
        if counts["villages"] == 0:
            raise CommandError("No villages: run `manage.py import_regions` first.")
        seconds = time.perf_counter() - start
        for name, n in counts.items():
            self.stdout.write(f"{name}: {n}")
        self.stdout.write(f"seeded in {seconds:.0f} s; now run `manage.py rebuild_figures`")
