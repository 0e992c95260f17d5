"""`manage.py ledger_check [--village CODE]`: prove the books hold together; exit non-zero
naming each problem (run in CI after the demo seed)."""

from django.core.management.base import BaseCommand, CommandError

from tridaya.finance.selectors.ledger import ledger_counts, ledger_problems


class Command(BaseCommand):
    help = (
        "Check the ledger: every voucher balances, debits = credits per village, each running "
        "balance equals its entries, voucher numbers have no gaps, nothing posted into a closed "
        "month after closing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--village", help="Kemendagri code of one village (default: all)")

    def handle(self, *args, village=None, **options):
        problems = ledger_problems(village)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"ledger_check: {len(problems)} problem(s) found")
        vouchers, entries = ledger_counts(village)
        self.stdout.write(f"ledger_check: OK ({vouchers} vouchers, {entries} entries)")
