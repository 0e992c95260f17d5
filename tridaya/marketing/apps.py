from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    name = "tridaya.marketing"
    label = "marketing"
    verbose_name = _("Pemasaran rencana")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.navigation import register_region_section, register_village_section
        from tridaya.marketing import (
            demo,
            outputs,
            policy,  # noqa: F401  (policy registers its rules)
        )

        outputs.register_marketing_outputs()
        from tridaya.marketing import figures

        figures.register_figures()
        register_village_section(
            order=70, label=_("Pemasaran"), url_name="marketing:home", icon="megaphone"
        )
        register_region_section(
            order=70, label=_("Rekap pemasaran"), url_name="marketing:rollup", icon="megaphone"
        )
        # After finance (80): a realisation through the BKM is posted in its books.
        core_demo.register(order=82, name="marketing", run=demo.seed)

        from tridaya.core.uploads.serving import declare
        from tridaya.marketing.models import Pledge

        # They may carry signatures and account numbers: the roles that record them.
        declare(Pledge, "agreement_file", action=policy.PLEDGE, attachment=True)
        declare(Pledge, "evidence_file", action=policy.PLEDGE, attachment=True)
