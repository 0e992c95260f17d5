import os

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management import call_command
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from tridaya.core.demo import DEMO_PASSWORD


class Command(RunserverCommand):
    help = (
        "`make run`: prepare_demo (migrate, regions, demo seed; each skipped when in place), "
        "then the development server, in the same process (one start instead of two)."
    )

    def handle(self, *args, **options):
        # The autoreloader runs this command again in a child process (RUN_MAIN=true) that
        # only serves; the preparation runs once, in the process that was started.
        if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            call_command("prepare_demo", stdout=self.stdout._out)
            self.stdout.write(
                "\nMasuk sebagai bkm.bajur, fasilitator.bajur, korkot.lobar, provinsi.ntb atau "
                f"admin;\nkata sandi semua akun demo: {DEMO_PASSWORD}\n"
            )
        super().handle(*args, **options)
