from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "Everything `make run` needs before serving, in one process: migrate, the official "
        "regions and the demo seed, each skipped when already in place."
    )

    # `runserver` runs the system checks right after; running them here too cost a second start.
    requires_system_checks: list[str] = []

    def handle(self, *args, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
            self.stdout.write("Basis data dimigrasikan.")
        else:
            self.stdout.write("Basis data sudah mutakhir.")
        call_command("import_regions", skip_checks=True, stdout=self.stdout._out)
        call_command("seed_demo", skip_checks=True, stdout=self.stdout._out)
