"""What works offers earlier apps through their registries (filled from WorksConfig.ready()):
finance's progress provider, mapping's survey importer (the progress report form), and the
cycle's gate outputs of the steps "Pembangunan oleh KSM/panitia", "Serah terima kepada KPP" and
"Operasi dan pemeliharaan" (a cycle template names them with { rule = "output", name = "..." })."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PACKAGES_BUILT = "works_packages_built"
HANDED_OVER = "works_handed_over"
OM_CHECKED = "works_om_checked"


def packages_built(step) -> tuple[bool, str]:
    """Every work package of the village is complete (approved 100%)."""
    from tridaya.works.selectors import gate_counts

    counts = gate_counts(step.cycle.village_id)
    if not counts.packages:
        return False, _("Belum ada paket pekerjaan.")
    text = _("%(done)s dari %(all)s paket selesai (progres fisik disetujui 100%%).") % {
        "done": counts.done,
        "all": counts.packages,
    }
    return counts.done == counts.packages, text


def handed_over(step) -> tuple[bool, str]:
    """Every completed package is handed over (BAST) to a KPP or the Pemda."""
    from tridaya.works.selectors import gate_counts

    counts = gate_counts(step.cycle.village_id)
    if not counts.done:
        return False, _("Belum ada paket yang selesai untuk diserahterimakan.")
    text = _("%(handed)s dari %(done)s paket selesai sudah diserahterimakan (BAST).") % {
        "handed": counts.handed_over,
        "done": counts.done,
    }
    return counts.handed_over == counts.done, text


def om_checked(step) -> tuple[bool, str]:
    """Every asset has a KPP O&M plan and a functionality check."""
    from tridaya.works.selectors import gate_counts

    counts = gate_counts(step.cycle.village_id)
    if not counts.handed_over:
        return False, _("Belum ada aset yang diserahterimakan.")
    text = _(
        "%(planned)s dari %(assets)s aset punya rencana O&P; %(checked)s sudah diperiksa "
        "keberfungsiannya."
    ) % {"planned": counts.om_planned, "checked": counts.checked, "assets": counts.handed_over}
    done = counts.om_planned == counts.checked == counts.handed_over
    return done, text


def register_outputs() -> None:
    from tridaya.cycle.gates import register_output
    from tridaya.finance.registry import register_progress_provider
    from tridaya.works import fieldform
    from tridaya.works.selectors import approved_progress

    # Tranche conditions on physical progress read approved progress from here.
    register_progress_provider(approved_progress)
    # The progress report form's KoBo / ODK exports come back through mapping's importer.
    fieldform.register()
    # Lazy labels, shown in the reader's language (typed as the str they render to).
    register_output(
        PACKAGES_BUILT, cast(str, gettext_lazy("Semua paket pekerjaan selesai")), packages_built
    )
    register_output(
        HANDED_OVER, cast(str, gettext_lazy("Aset diserahterimakan (BAST)")), handed_over
    )
    register_output(
        OM_CHECKED, cast(str, gettext_lazy("Rencana O&P dan pemeriksaan keberfungsian")), om_checked
    )
