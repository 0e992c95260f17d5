"""`manage.py run_job ID`: run one queued background job in this process (what a detached job
starts without a broker; also a way to rerun a job by hand). A job that another runner has
taken, or that is done, is left alone."""

from django.core.management.base import BaseCommand, CommandError

from tridaya.core import jobs


class Command(BaseCommand):
    help = "Run one queued background job (by its id) in this process."

    def add_arguments(self, parser):
        parser.add_argument("job_id", type=int)

    def handle(self, *args, job_id: int, **options):
        job = jobs.run(job_id)
        if job is None:
            raise CommandError(f"Job {job_id} is not queued (already taken, done or unknown).")
        self.stdout.write(f"job {job.pk}: {job.status}")
