from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "tridaya.cycle"
    label = "cycle"
    verbose_name = _("Siklus PLPBK")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.navigation import (
            register_region_section,
            register_village_section,
            register_village_status,
        )
        from tridaya.cycle import demo, outputs, policy  # noqa: F401  (policy registers rules)

        outputs.register_builtin_outputs()
        outputs.register_figures()
        register_village_section(
            order=20, label=_("Siklus PLPBK"), url_name="cycle:timeline", icon="signpost-split"
        )
        register_village_section(
            order=30, label=_("Pertemuan"), url_name="cycle:meetings", icon="people"
        )
        register_village_status(outputs.village_status)
        register_region_section(
            order=20,
            label=_("Desa dalam program PLPBK"),
            url_name="cycle:region_cycles",
            icon="signpost-split",
        )
        core_demo.register(order=40, name="cycle", run=demo.seed)
        # After training (50) and mapping (60) have seeded what the later steps' gates read.
        core_demo.register(order=62, name="cycle_history", run=demo.seed_history)

        from tridaya.core.uploads.serving import declare
        from tridaya.cycle.models import MeetingPhoto, StepDocument

        # Meeting photos and step documents are on the public cycle pages.
        declare(MeetingPhoto, "image", action="cycle.view", owner=lambda row: row.meeting)
        declare(StepDocument, "file", action="cycle.view", owner=lambda row: row.step)
        from tridaya.cycle import personal_data

        personal_data.register()
