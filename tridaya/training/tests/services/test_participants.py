"""Writes of participants: people of the training's villages, guests, removal."""

import pytest

from tridaya.core.errors import DomainError
from tridaya.institutions.tests.factories import people, person
from tridaya.training.errors import TrainingError
from tridaya.training.services.participants import (
    participant_add,
    participant_remove,
    participants_add_people,
)
from tridaya.training.services.trainings import (
    training_reopen,
)
from tridaya.training.tests.factories import (
    attend_all,
    closed,
    enrol,
    guest,
    training,
)

pytestmark = pytest.mark.django_db


def test_participants_come_from_the_trainings_village_and_only_once(bajur, terong_tawah):
    t = training(bajur, plan=False)
    neighbour = person(terong_tawah)
    with pytest.raises(DomainError) as error:
        participant_add(actor=None, training=t, person=neighbour, group="bkm")
    assert error.value.code == TrainingError.PARTICIPANT_ELSEWHERE
    member = person(bajur, name="Siti Aminah", sex="P", is_poor=True)
    added = participant_add(actor=None, training=t, person=member, group="upk")
    assert (added.name, added.sex, added.is_poor, added.village_id) == (
        "Siti Aminah",
        "P",
        True,
        bajur.code,
    )
    with pytest.raises(DomainError, match="Siti Aminah sudah menjadi peserta") as error:
        participant_add(actor=None, training=t, person=member, group="bkm")
    assert error.value.code == TrainingError.PARTICIPANT_EXISTS


def test_adding_several_people_skips_those_already_in(bajur):
    t = training(bajur, plan=False)
    three = people(bajur, 3)
    participants_add_people(actor=None, training=t, picks=[(three[0], "bkm", "")])
    added = participants_add_people(
        actor=None, training=t, picks=[(p, "bkm", "Anggota") for p in three]
    )
    assert len(added) == 2
    assert t.participants.count() == 3


def test_a_guest_needs_a_name_and_sex_and_belongs_to_the_village(bajur):
    t = training(bajur, plan=False)
    with pytest.raises(DomainError) as error:
        participant_add(actor=None, training=t, name=" ", sex="L", group="aparat")
    assert error.value.code == TrainingError.PARTICIPANT_INCOMPLETE
    g = guest(t, "  Lalu   Marzuki ", position="Kaur Perencanaan")
    assert g.name == "Lalu Marzuki" and g.village_id == bajur.code and g.person_id is None


def test_a_kecamatan_training_takes_people_of_its_villages(bajur, terong_tawah, far_village):
    district = bajur.parent
    t = training(district, plan=False)
    enrol(t, [person(bajur)], "bkm")
    enrol(t, [person(terong_tawah)], "bkm")
    with pytest.raises(DomainError):
        enrol(t, [person(far_village)], "bkm")
    with pytest.raises(DomainError):
        guest(t, village=far_village)
    assert guest(t, village=terong_tawah).village_id == terong_tawah.code


def test_a_participant_with_a_certificate_cannot_be_removed(bajur, users):
    t = training(bajur, ("konsep_plpbk",))
    [p] = enrol(t, people(bajur, 1), "bkm")
    attend_all(t)
    closed(t)
    training_reopen(
        actor=users["regency"], training=t, reason="Perlu memperbaiki nama penanda tangan."
    )
    with pytest.raises(DomainError) as error:
        participant_remove(actor=None, participant=p)
    assert error.value.code == TrainingError.PARTICIPANT_HAS_CERTIFICATE
