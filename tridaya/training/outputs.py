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
from typing import Any, cast

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


# Figures for the dashboards (tridaya/core/figures.py), registered from TrainingConfig.ready().
# Only closed (done) trainings count; a person trained twice counts twice (people-trainings).


def _trained(codes, **filters) -> dict[str, int]:
    """People-trainings per village, optionally of one sex or group (one grouped query a batch)."""
    from tridaya.core.figures import shared

    counts: dict[str, int] = {}
    for (village, sex, group), n in shared("training_people", codes, _read_trained).items():
        if filters.get("sex", sex) == sex and filters.get("group", group) == group:
            counts[village] = counts.get(village, 0) + n
    return counts


def _read_trained(codes) -> dict[tuple[str, str, str], int]:
    from django.db.models import Count

    from tridaya.training.models import Participant, TrainingStatus

    rows = (
        Participant.objects.filter(village_id__in=codes, training__status=TrainingStatus.DONE)
        .values_list("village_id", "sex", "group")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(village, sex, group): n for village, sex, group, n in rows}


def _gains(codes) -> dict[str, tuple[float, int]]:
    from tridaya.core.figures import shared

    return shared("training_gains", codes, _read_gains)


def _read_gains(codes) -> dict[str, tuple[float, int]]:
    """{village: (mean post-test minus pre-test score, participant-modules tested both times)}."""
    from tridaya.training.models import TestKind, TestResult, TrainingStatus

    rows = TestResult.objects.filter(
        participant__village_id__in=codes,
        participant__training__status=TrainingStatus.DONE,
        score__isnull=False,
    ).values_list("participant__village_id", "participant_id", "module_id", "kind", "score")
    scores: dict[tuple, dict[str, Any]] = {}
    for village, person, module, kind, score in rows:
        scores.setdefault((village, person, module), {})[kind] = score
    sums: dict[str, list] = {}
    for (village, _person, _module), pair in scores.items():
        if TestKind.PRE in pair and TestKind.POST in pair:
            slot = sums.setdefault(village, [0, 0])
            slot[0] += pair[TestKind.POST] - pair[TestKind.PRE]
            slot[1] += 1
    return {village: (total / n, n) for village, (total, n) in sums.items()}


def _by_group(group: str):
    def compute(codes):
        return _trained(codes, group=group)

    return compute


def register_figures() -> None:
    from django.utils.text import format_lazy

    from tridaya.core.choices import Sex
    from tridaya.core.figures import Figure, Rollup, register
    from tridaya.training.models import ActorGroup

    people = gettext_lazy("orang")
    register(
        Figure(
            "training_people",
            gettext_lazy("Orang dilatih"),
            people,
            _trained,
            headline=True,
            order=20,
        )
    )
    register(
        Figure(
            "training_women",
            gettext_lazy("Perempuan dilatih"),
            people,
            lambda codes: _trained(codes, sex=Sex.FEMALE),
            order=21,
        )
    )
    register(
        Figure(
            "training_men",
            gettext_lazy("Laki-laki dilatih"),
            people,
            lambda codes: _trained(codes, sex=Sex.MALE),
            order=22,
        )
    )
    for position, group in enumerate(ActorGroup):
        register(
            Figure(
                f"training_group_{group.value}",
                format_lazy("{}: {}", gettext_lazy("Dilatih"), group.label),
                people,
                _by_group(group.value),
                order=23 + position,
            )
        )
    register(
        Figure(
            "training_tested",
            gettext_lazy("Peserta-modul dengan pre-test dan post-test"),
            people,
            lambda codes: {c: n for c, (_g, n) in _gains(codes).items()},
            order=40,
        )
    )
    register(
        Figure(
            "training_gain",
            gettext_lazy("Kenaikan nilai rata-rata (post-test - pre-test)"),
            gettext_lazy("poin"),
            lambda codes: {c: g for c, (g, _n) in _gains(codes).items()},
            rollup=Rollup.MEAN,
            weight="training_tested",
            order=41,
        )
    )
