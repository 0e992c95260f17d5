"""The capacity map of a village and the gate outputs the cycle engine reads from it: which of
each group's current members completed which module, and the gaps."""

import datetime as dt

import pytest

from tridaya.cycle.gates import _outputs
from tridaya.cycle.tests.factories import enrolled
from tridaya.institutions import services as inst
from tridaya.institutions.models import TIPPGroup
from tridaya.institutions.tests.factories import bkm_with_members, ksm_with, people
from tridaya.training import capacity
from tridaya.training.models import ActorGroup
from tridaya.training.selectors.participants import village_capacity
from tridaya.training.tests.factories import CORE, attend_all, closed, enrol, guest, training

pytestmark = pytest.mark.django_db


@pytest.fixture
def institutions(bajur):
    """Bajur: a BKM of 3, a UPK of 2, a UPL of 1, a TIPP with one apparatus member, a KSM."""
    bkm = bkm_with_members(bajur, 3)
    upk = inst.up_unit_create(actor=None, village=bajur, kind="UPK")
    upl = inst.up_unit_create(actor=None, village=bajur, kind="UPL")
    upk_staff = people(bajur, 2)
    for p in upk_staff:
        inst.up_staff_add(actor=None, unit=upk, person=p, position="Staf")
    [upl_staff] = people(bajur, 1)
    inst.up_staff_add(actor=None, unit=upl, person=upl_staff, position="Manajer")
    tipp = inst.tipp_save(actor=None, village=bajur)
    [secretary] = people(bajur, 1, name="Lalu Sekdes")
    inst.tipp_member_add(
        actor=None, tipp=tipp, person=secretary, group=TIPPGroup.APPARATUS, role="Sekretaris desa"
    )
    ksm = ksm_with(bajur, 3)
    return {
        "bkm": [m.person for m in bkm.members.all()],
        "upk": upk_staff,
        "upl": upl_staff,
        "secretary": secretary,
        "ksm": [m.person for m in ksm.members.all()],
    }


def core_training(bajur, found, *, upl_misses_blm=False):
    t = training(bajur)
    enrol(t, found["bkm"][:1], ActorGroup.BKM)
    enrol(t, found["upk"][:1], ActorGroup.UPK)
    [upl] = enrol(t, [found["upl"]], ActorGroup.UPL)
    enrol(t, [found["secretary"]], ActorGroup.APARAT)
    absent = {5: {upl.pk}} if upl_misses_blm else {}
    attend_all(t, except_=absent)
    return closed(t)


def test_map_counts_current_members_who_completed_each_module(bajur, institutions):
    core_training(bajur, institutions, upl_misses_blm=True)
    cap = village_capacity(bajur)
    assert [m.code for m in cap.modules][:6] == list(CORE)
    bkm = cap.cell(ActorGroup.BKM, "pendanaan_blm")
    assert (len(bkm.completed), bkm.members, bkm.status) == (1, 3, capacity.CellStatus.PARTIAL)
    upk = cap.cell(ActorGroup.UPK, "konsep_plpbk")
    assert upk.status == capacity.CellStatus.PARTIAL
    assert cap.cell(ActorGroup.UPL, "konsep_plpbk").status == capacity.CellStatus.FULL
    assert cap.cell(ActorGroup.UPL, "pendanaan_blm").status == capacity.CellStatus.GAP
    # The apparatus secretary sits in the TIPP too: he counts for both groups.
    assert cap.cell(ActorGroup.APARAT, "siklus_plpbk").status == capacity.CellStatus.FULL
    assert cap.cell(ActorGroup.TIPP, "siklus_plpbk").names == ["Lalu Sekdes"]
    assert cap.cell(ActorGroup.KSM, "pendanaan_blm").status == capacity.CellStatus.GAP
    assert cap.cell(ActorGroup.KPP, "operasi_pemeliharaan").status == capacity.CellStatus.NO_MEMBERS
    assert (
        cap.cell(ActorGroup.KSM, "konsep_plpbk").status == capacity.CellStatus.NONE
    )  # not for KSM


def test_gaps_name_the_group_and_module_core_first(bajur, institutions):
    core_training(bajur, institutions, upl_misses_blm=True)
    gaps = village_capacity(bajur).gaps()
    messages = [g.message for g in gaps]
    assert (
        "Belum ada anggota UPL yang menyelesaikan modul Pendanaan BLM: pencairan, "
        "penggunaan dan LPJ." in messages
    )
    assert "Belum ada anggota KSM yang menyelesaikan modul Peran dan tanggung jawab pelaku." in (
        messages
    )
    later = [g for g in gaps if not g.module.is_core]
    assert gaps.index(later[0]) > max(gaps.index(g) for g in gaps if g.module.is_core)


def test_only_closed_trainings_and_current_members_count(bajur, institutions):
    t = training(bajur)
    enrol(t, institutions["bkm"], ActorGroup.BKM)
    attend_all(t)
    cap = village_capacity(bajur)
    assert cap.cell(ActorGroup.BKM, "konsep_plpbk").completed == []  # not closed yet
    closed(t)
    assert village_capacity(bajur).cell(ActorGroup.BKM, "konsep_plpbk").status == (
        capacity.CellStatus.FULL
    )
    # A member whose term ended no longer counts.
    later = dt.date(2029, 1, 1)
    cap = village_capacity(bajur, today=later)
    assert cap.members[ActorGroup.BKM] == []


def test_guests_who_attended_as_apparatus_become_apparatus_members(bajur):
    t = training(bajur, ("konsep_plpbk",))
    guest(t, "Kepala Dusun Karang Bedil", group=ActorGroup.APARAT)
    attend_all(t)
    closed(t)
    cap = village_capacity(bajur)
    cell = cap.cell(ActorGroup.APARAT, "konsep_plpbk")
    assert cell.names == ["Kepala Dusun Karang Bedil"] and cell.members == 1


def test_core_gate_needs_bkm_up_up_and_apparatus_on_every_core_module(bajur, institutions):
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="pelatihan")
    check = _outputs["training_core_complete"].check
    ok, message = check(step)
    assert not ok and "BKM belum dilatih Konsep PLPBK dan Tridaya" in message
    core_training(bajur, institutions, upl_misses_blm=True)
    ok, message = check(step)
    assert ok, message  # the UPK covers BLM funding for the UP-UP
    assert "6 modul inti" in message and "UP-UP (2 orang)" in message


def test_group_outputs_say_what_is_missing(bajur, institutions):
    step = enrolled(bajur).steps.get(code="pelatihan")
    core_training(bajur, institutions, upl_misses_blm=True)
    ok, message = _outputs["training:upl:pendanaan_blm"].check(step)
    assert not ok
    assert (
        message == "Belum ada anggota UPL yang menyelesaikan: Pendanaan BLM: pencairan, "
        "penggunaan dan LPJ."
    )
    ok, _message = _outputs["training:upk:pendanaan_blm"].check(step)
    assert ok
    ok, message = _outputs["training_core:kpp"].check(step)
    assert ok and "Tidak ada modul inti" in message
    ok, message = _outputs["training_core:ksm"].check(step)
    assert not ok and "KSM" in message
    ok, message = _outputs["training:kpp:operasi_pemeliharaan"].check(step)
    assert not ok and message == "Belum ada anggota KPP yang tercatat."


def test_every_output_name_is_registered():
    from tridaya.training.outputs import output_names

    names = output_names()
    assert "training_core_complete" in names and "training:upk:pendanaan_blm" in names
    assert all(name in _outputs for name in names)
    assert len(names) == 1 + 9 + 9 * 9


def test_a_cycle_template_may_name_the_outputs():
    from tridaya.cycle.gates import known_rule

    assert known_rule({"rule": "output", "name": "training_core_complete"}) is None
    assert known_rule({"rule": "output", "name": "training:bkm:pendanaan_blm"}) is None


def test_capacity_query_count_does_not_grow(bajur, institutions, django_assert_num_queries):
    core_training(bajur, institutions)
    village_capacity(bajur)
    with django_assert_num_queries(15):
        village_capacity(bajur)
    more = training(bajur)
    enrol(more, institutions["ksm"] + institutions["bkm"][1:], ActorGroup.KSM)
    attend_all(more)
    closed(more)
    with django_assert_num_queries(15):
        cap = village_capacity(bajur)
    assert cap.cell(ActorGroup.KSM, "pendanaan_blm").status == capacity.CellStatus.FULL
