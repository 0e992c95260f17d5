"""Gate outputs the training app gives the cycle engine ("actor group G has completed module
M"), registered in TrainingConfig.ready(). A cycle template names them with
`{ rule = "output", name = "..." }` on its capacity-building step:

- `training_core_complete`: every core module completed by at least one member of the BKM, of
  the UP-UP (any of UPK, UPL, UPS) and of the village apparatus;
- `training_core:<group>`: every core module meant for the group completed by at least one of
  its members (groups: bkm, upk, upl, ups, tipp, pokja, aparat, ksm, kpp);
- `training:<group>:<module>`: at least one member of the group completed the module (module
  codes from the curriculum files, e.g. `training:upk:pendanaan_blm`).

Only closed trainings count, and only the group's current members (BKM members whose term has
not ended, UP staff, TIPP, Pokja, KSM and KPP members; for the apparatus, TIPP members from the
village government and participants who attended as apparatus)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.training import capacity, definitions
from tridaya.training.models import CAPACITY_GROUPS, group_label
from tridaya.training.selectors.participants import village_capacity

CORE_COMPLETE = "training_core_complete"


def _capacity(step: Step) -> capacity.CapacityMap:
    return village_capacity(step.cycle.village)


def core_complete(step: Step) -> tuple[bool, str]:
    return capacity.check_core(_capacity(step))


def group_core(group: str) -> Callable[[Step], tuple[bool, str]]:
    def check(step: Step) -> tuple[bool, str]:
        cap = _capacity(step)
        wanted = [m.code for m in cap.core_modules if group in m.targets]
        if not wanted:
            return True, _("Tidak ada modul inti untuk %(group)s.") % {"group": group_label(group)}
        return capacity.check_group(cap, group, wanted)

    return check


def group_module(group: str, module_code: str) -> Callable[[Step], tuple[bool, str]]:
    def check(step: Step) -> tuple[bool, str]:
        return capacity.check_group(_capacity(step), group, [module_code])

    return check


def output_names() -> list[str]:
    names = [CORE_COMPLETE]
    names += [f"training_core:{group}" for group in CAPACITY_GROUPS]
    names += [
        f"training:{group}:{code}"
        for group in CAPACITY_GROUPS
        for code, _title in definitions.file_codes()
    ]
    return names


def _label_core(group: str) -> str:
    return _("Modul inti dilatihkan kepada %(group)s") % {"group": group_label(group)}


_core_label = lazy(_label_core, str)


def register_outputs() -> None:
    register_output(
        CORE_COMPLETE,
        # A lazy label, shown in the reader's language (typed as the str it renders to).
        cast(str, gettext_lazy("Modul inti dilatihkan kepada BKM, UP-UP dan aparat")),
        core_complete,
    )
    for group in CAPACITY_GROUPS:
        register_output(f"training_core:{group}", _core_label(group), group_core(group))
        for code, title in definitions.file_codes():
            register_output(
                f"training:{group}:{code}",
                f"{group} / {title}",
                group_module(group, code),
            )
