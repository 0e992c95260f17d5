"""Fixtures of the training tests: a closed training in Bajur (with institutions, attendance and
scores) and trainings in its neighbour and in a far village, for the policy matrix."""

import pytest

from tridaya.institutions import services as inst
from tridaya.institutions.models import TIPPGroup
from tridaya.institutions.tests.factories import bkm_with_members, people
from tridaya.training.models import ActorGroup
from tridaya.training.tests.factories import attend_all, closed, enrol, guest, score_all, training


def grow(t, village, count: int):
    """`count` more BKM-like participants with attendance and scores on every module."""
    enrol(t, people(village, count), ActorGroup.BKM)


@pytest.fixture
def held(bajur):
    """Bajur's closed core training: 3 BKM members, 1 UPK staff, 1 apparatus guest."""
    bkm = bkm_with_members(bajur, 3)
    unit = inst.up_unit_create(actor=None, village=bajur, kind="UPK")
    [staff] = people(bajur, 1)
    inst.up_staff_add(actor=None, unit=unit, person=staff, position="Kasir")
    tipp = inst.tipp_save(actor=None, village=bajur)
    [secretary] = people(bajur, 1)
    inst.tipp_member_add(actor=None, tipp=tipp, person=secretary, group=TIPPGroup.APPARATUS)
    t = training(bajur)
    enrol(t, [m.person for m in bkm.members.all()], ActorGroup.BKM)
    enrol(t, [staff], ActorGroup.UPK)
    guest(t, "Lalu Kaur Perencanaan", group=ActorGroup.APARAT)
    attend_all(t)
    score_all(t, 50, 80)
    return closed(t)


@pytest.fixture
def trainings(held, terong_tawah, far_village):
    """One open training in each of Bajur, Terong Tawah and the far village, with people."""
    found = {held.region_id: training(held.region)}
    for village in (terong_tawah, far_village):
        found[village.code] = training(village)
    for t in found.values():
        enrol(t, people(t.region, 2), ActorGroup.BKM)
    return found
