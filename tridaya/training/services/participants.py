"""Writes of a training's participants: people of its villages or guests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.choices import Sex
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize, covers
from tridaya.institutions.models import Person
from tridaya.regions.models import Level, Region
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    ActorGroup,
    Participant,
    Training,
)
from tridaya.training.policy import MANAGE
from tridaya.training.services.trainings import (
    lock_training,
    require_open,
)

PARTICIPANT_FIELDS = ["person", "village", "name", "sex", "is_poor", "group", "position"]


def _check_group(group: str) -> None:
    if group not in ActorGroup.values:
        raise DomainError(
            _("Unsur '%(group)s' tidak dikenal.") % {"group": group},
            code=TrainingError.PARTICIPANT_INCOMPLETE,
        )


def _new_participant(
    training: Training,
    *,
    group: str,
    person: Person | None,
    name: str,
    sex: str,
    is_poor: bool,
    position: str,
    village: Region | None,
) -> Participant:
    _check_group(group)
    if person is not None:
        if not covers(training.region_id, person.village_id):
            raise DomainError(
                _("%(person)s bukan warga wilayah pelatihan ini.") % {"person": person.name},
                code=TrainingError.PARTICIPANT_ELSEWHERE,
            )
        if training.participants.filter(person=person).exists():
            raise DomainError(
                _("%(person)s sudah menjadi peserta pelatihan ini.") % {"person": person.name},
                code=TrainingError.PARTICIPANT_EXISTS,
            )
        return Participant(
            training=training,
            person=person,
            village_id=person.village_id,
            name=person.name,
            sex=person.sex,
            is_poor=person.is_poor,
            group=group,
            position=position.strip(),
        )
    if not name.strip() or sex not in Sex.values:
        raise DomainError(
            _("Isi nama dan jenis kelamin (L/P) peserta tamu."),
            code=TrainingError.PARTICIPANT_INCOMPLETE,
        )
    if village is None and training.region.level == Level.VILLAGE:
        village = training.region
    if village is not None and not (
        village.is_village and covers(training.region_id, village.code)
    ):
        raise DomainError(
            _("Asal peserta harus kelurahan/desa di wilayah pelatihan ini."),
            code=TrainingError.PARTICIPANT_ELSEWHERE,
        )
    return Participant(
        training=training,
        village=village,
        name=" ".join(name.split()),
        sex=sex,
        is_poor=is_poor,
        group=group,
        position=position.strip(),
    )


@transaction.atomic(durable=True)
def participant_add(
    *,
    actor: User | None,
    training: Training,
    group: str,
    person: Person | None = None,
    name: str = "",
    sex: str = "",
    is_poor: bool = False,
    position: str = "",
    village: Region | None = None,
) -> Participant:
    """Add a person of the training's village(s), or a guest by name."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    participant = _new_participant(
        training,
        group=group,
        person=person,
        name=name,
        sex=sex,
        is_poor=is_poor,
        position=position,
        village=village,
    )
    participant.full_clean()
    participant.save()
    record_event(
        actor=actor,
        action="training.participant_added",
        obj=participant,
        changes=diff({}, snapshot(participant, PARTICIPANT_FIELDS)),
    )
    return participant


@transaction.atomic(durable=True)
def participants_add_people(
    *, actor: User | None, training: Training, picks: Sequence[tuple[Person, str, str]]
) -> list[Participant]:
    """Add several people at once, each as (person, group, position); people already taking
    part are skipped, so the same list can be sent twice."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    present = set(training.participants.exclude(person=None).values_list("person_id", flat=True))
    added = []
    for person, group, position in picks:
        if person.pk in present:
            continue
        participant = _new_participant(
            training,
            group=group,
            person=person,
            name="",
            sex="",
            is_poor=False,
            position=position,
            village=None,
        )
        participant.full_clean()
        participant.save()
        present.add(person.pk)
        added.append(participant)
    if added:
        record_event(
            actor=actor,
            action="training.participants_added",
            obj=training,
            changes={"participants": [None, [f"{p.name} ({p.group})" for p in added]]},
        )
    return added


@transaction.atomic(durable=True)
def participant_remove(*, actor: User | None, participant: Participant) -> None:
    """Remove a participant (with their attendance and scores) from a training still open."""
    authorize(actor, MANAGE, participant)
    require_open(lock_training(participant.training))
    if participant.certificates.exists():
        raise DomainError(
            _(
                "%(name)s sudah pernah menerima sertifikat pelatihan ini; peserta tidak bisa "
                "dihapus. Koordinator kota dapat mencabut sertifikatnya."
            )
            % {"name": participant.name},
            code=TrainingError.PARTICIPANT_HAS_CERTIFICATE,
        )
    record_event(
        actor=actor,
        action="training.participant_removed",
        obj=participant,
        changes=diff(snapshot(participant, PARTICIPANT_FIELDS), {}),
    )
    participant.delete()


def participants_by_id(training: Training, ids: Iterable[int]) -> dict[int, Participant]:
    wanted = set(ids)
    found = {p.pk: p for p in training.participants.filter(pk__in=wanted)}
    if wanted - set(found):
        raise DomainError(
            _("Sebagian peserta yang dikirim bukan peserta pelatihan ini."),
            code=TrainingError.PARTICIPANT_OTHER_TRAINING,
        )
    return found
