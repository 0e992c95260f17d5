"""What the problems, layers and slum-score part of the app registers at start-up: its policy
rules, the cycle gate outputs it checks, its village section and its demo seed step."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from tridaya.core import demo as core_demo
    from tridaya.core.navigation import register_village_section
    from tridaya.mapping import (
        demo_maps,
        outputs,
        policy,  # noqa: F401  (registers the rules)
    )

    outputs.register_outputs()
    outputs.register_figures()
    register_village_section(
        order=45, label=_("Peta masalah & potensi"), url_name="mapping:problems", icon="pin-map"
    )
    # Before the cycle's step (40): the demo cycle completes the pemetaan swadaya step, whose gate
    # outputs (mapping_rt_profiles_complete, mapping_problems_mapped) read these data. The cycle's
    # meetings exist only afterwards, so a second step links problems to the RPK meeting.
    core_demo.register(order=35, name="mapping_maps", run=demo_maps.seed)
    core_demo.register(order=45, name="mapping_maps_meetings", run=demo_maps.link_meetings)
