from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "tridaya.planning"
    label = "planning"
    verbose_name = _("Perencanaan partisipatif")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core import jobs
        from tridaya.core.navigation import register_village_section
        from tridaya.planning import (
            demo,
            outputs,
            policy,  # noqa: F401  (policy registers its rules)
        )
        from tridaya.planning.services import documents, snapshots

        jobs.register(
            documents.DRAFT_DOCUMENT_JOB,
            documents.render_draft,
            label=_("Dokumen rencana disusun"),
        )
        jobs.register(
            snapshots.RENDER_DOCUMENTS_JOB,
            snapshots.render_documents,
            label=_("Dokumen rencana sah disusun"),
        )
        outputs.register_outputs()
        outputs.register_figures()
        register_village_section(
            order=50, label=_("Prioritas"), url_name="planning:rounds", icon="list-ol"
        )
        register_village_section(
            order=55, label=_("Kawasan prioritas"), url_name="planning:areas", icon="bounding-box"
        )
        register_village_section(
            order=60, label=_("RPLP dan RTPLP"), url_name="planning:plans", icon="journal-text"
        )
        core_demo.register(order=65, name="planning_priorities", run=demo.seed_priorities)
        core_demo.register(order=70, name="planning_plans", run=demo.seed_plans)

        from tridaya.core.uploads.serving import declare
        from tridaya.planning.models import ActivityAttachment, PlanDocumentFile

        declare(ActivityAttachment, "file", action=policy.VIEW_PLANS)
        declare(
            PlanDocumentFile,
            "file",
            action=policy.VIEW_PLANS,
            owner=lambda row: row.version,
            attachment=True,
        )
