"""Curricula, trainings and their records for tests, built through the services as the system
(actor=None), so every fixture obeys the same rules as real data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from tridaya.institutions.models import Person
from tridaya.regions.models import Region
from tridaya.training.definitions import sync_curricula
from tridaya.training.models import Curriculum, Participant, Training
from tridaya.training.services.certificates import training_close
from tridaya.training.services.participants import participant_add
from tridaya.training.services.results import Score, Scores, scores_record
from tridaya.training.services.sessions import attendance_record
from tridaya.training.services.trainings import TrainingInput, training_create

CORE = (
    "konsep_plpbk",
    "peran_pelaku",
    "siklus_plpbk",
    "pemetaan_swadaya",
    "penyusunan_rencana",
    "pendanaan_blm",
)
START = dt.date(2026, 4, 7)


def curriculum() -> Curriculum:
    sync_curricula()
    return Curriculum.objects.get(code="plpbk-inti", version=1)


def training_input(modules: Sequence[str] = CORE, **overrides) -> TrainingInput:
    values = {
        "title": "Pelatihan dasar PLPBK",
        "place": "Aula Kantor Desa",
        "starts_on": START,
        "ends_on": START + dt.timedelta(days=3),
        "module_codes": tuple(modules),
        "organiser": "BKM dan Tim Fasilitator",
        "target_groups": ("bkm", "upk", "aparat"),
        "cost_program": 7_500_000,
        "cost_swadaya": 1_250_000,
        "signer_title": "Koordinator BKM",
        "signer_name": "H. Ahmad Hakim",
        **overrides,
    }
    return TrainingInput(**values)


def training(
    region: Region, modules: Sequence[str] = CORE, *, plan: bool = True, **overrides
) -> Training:
    return training_create(
        actor=None,
        region=region,
        curriculum=curriculum(),
        data=training_input(modules, **overrides),
        plan_sessions=plan,
    )


def enrol(training: Training, people: Iterable[Person], group: str) -> list[Participant]:
    return [participant_add(actor=None, training=training, person=p, group=group) for p in people]


def guest(training: Training, name: str = "Lalu Guest", group: str = "aparat", **kw) -> Participant:
    return participant_add(
        actor=None, training=training, name=name, sex=kw.pop("sex", "L"), group=group, **kw
    )


def attend_all(training: Training, *, except_: dict[int, set[int]] | None = None) -> None:
    """Record every session with everyone present, except `except_[session index]` (a set of
    participant ids absent at that session)."""
    absent = except_ or {}
    everyone = list(training.participants.values_list("pk", flat=True))
    for index, session in enumerate(training.sessions.order_by("date", "start_time", "id")):
        present = [pid for pid in everyone if pid not in absent.get(index, set())]
        attendance_record(actor=None, session=session, present=present)


def score(training: Training, module_code: str, kind: str, values: Scores) -> None:
    module = training.modules.get(code=module_code)
    scores_record(actor=None, training=training, module=module, kind=kind, scores=values)


def score_all(training: Training, pre: Score, post: Score) -> None:
    ids = list(training.participants.values_list("pk", flat=True))
    for code in training.modules.values_list("code", flat=True):
        score(training, code, "pre", dict.fromkeys(ids, pre))
        score(training, code, "post", dict.fromkeys(ids, post))


def closed(training: Training) -> Training:
    training_close(actor=None, training=training, issued_on=training.ends_on)
    training.refresh_from_db()
    return training


D = Decimal
