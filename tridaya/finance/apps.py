from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "tridaya.finance"
    label = "finance"
    verbose_name = _("Keuangan")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.backup.fingerprint import register_fingerprint
        from tridaya.core.navigation import register_village_section
        from tridaya.finance import demo, outputs, policy  # noqa: F401  (policy registers rules)
        from tridaya.finance.selectors.ledger import ledger_totals

        outputs.register_outputs()
        from tridaya.finance.services.partners import register_receipts

        register_receipts()
        from tridaya.finance import figures

        figures.register_figures()
        register_fingerprint("ledger", ledger_totals)

        core_demo.register(order=80, name="finance", run=demo.seed)
        # After works (85) legalised Bajur's RTPLP: the KSM proposals drawn from it, the tranche I
        # releases against them, the purchases, the LPJ and Kolaborasi tranche II.
        core_demo.register(order=86, name="finance_proposal", run=demo.seed_proposal)
        register_village_section(
            order=70, label=_("Keuangan"), url_name="finance:home", icon="cash-coin"
        )

        from tridaya.core.uploads.serving import declare
        from tridaya.finance.models import TaxLine, Voucher

        # Receipts: readers of the books only, never public.
        declare(Voucher, "evidence", action="finance.view_books", owner=lambda v: v.village_id)
        # The tax deposit slip (BPN) of an expense: the same readers as the receipt.
        declare(
            TaxLine,
            "deposit_evidence",
            action="finance.view_books",
            owner=lambda t: t.voucher.village_id,
        )
