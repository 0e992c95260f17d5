"""The village's other institutions: UP-UP, TIPP, Pokja, KSM and KPP, with their members. Each
service `x` is the step `_x` in a durable transaction; `memberships` composes the steps to save an
institution with its member lines in one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.models import (
    KPP,
    KSM,
    KSM_MIN_MEMBERS,
    TIPP,
    KPPMember,
    KSMMember,
    Person,
    Pokja,
    PokjaMember,
    TIPPMember,
    UPStaff,
    UPUnit,
)
from tridaya.institutions.services.common import (
    Actor,
    _authorize,
    _record_added,
    _remove_member,
    _require_village,
    _save,
)
from tridaya.regions.models import Region

# UP-UP ----------------------------------------------------------------------------------------


def _up_unit_create(
    *, actor: Actor, village: Region, kind: str, formed_on: dt.date | None = None
) -> UPUnit:
    """Form one of the BKM's units (UPK, UPL, UPS); each exists once per village."""
    _require_village(village)
    _authorize(actor, village.code)
    unit = UPUnit(village=village, kind=kind, formed_on=formed_on)
    _save(unit)
    _record_added(actor, "institutions.up_unit_created", unit, ["kind", "formed_on"])
    return unit


up_unit_create = transaction.atomic(durable=True)(_up_unit_create)


def _up_staff_add(
    *,
    actor: Actor,
    unit: UPUnit,
    person: Person,
    position: str,
    since: dt.date | None = None,
) -> UPStaff:
    _authorize(actor, unit.village_id)
    staff = UPStaff(unit=unit, person=person, position=position.strip(), since=since)
    _save(staff)
    _record_added(actor, "institutions.up_staff_added", staff, ["person", "position", "since"])
    return staff


up_staff_add = transaction.atomic(durable=True)(_up_staff_add)


def _up_staff_remove(*, actor: Actor, staff: UPStaff) -> None:
    _remove_member(actor, "institutions.up_staff_removed", staff, staff.unit.village_id)


up_staff_remove = transaction.atomic(durable=True)(_up_staff_remove)


# TIPP -----------------------------------------------------------------------------------------

TIPP_FIELDS = ["formed_on", "confirmed_by_bkm_on", "confirmed_by_lurah_on"]


def _tipp_save(
    *,
    actor: Actor,
    village: Region,
    formed_on: dt.date | None = None,
    confirmed_by_bkm_on: dt.date | None = None,
    confirmed_by_lurah_on: dt.date | None = None,
) -> TIPP:
    """Create the village's TIPP or record its dates, including its confirmation by the BKM and
    by the Lurah / Kepala Desa."""
    _require_village(village)
    _authorize(actor, village.code)
    tipp = TIPP.objects.select_for_update().filter(village=village).first() or TIPP(village=village)
    before = snapshot(tipp, TIPP_FIELDS) if tipp.pk else {}
    tipp.formed_on = formed_on
    tipp.confirmed_by_bkm_on = confirmed_by_bkm_on
    tipp.confirmed_by_lurah_on = confirmed_by_lurah_on
    _save(tipp)
    changes = diff(before, snapshot(tipp, TIPP_FIELDS))
    if changes or not before:
        record_event(actor=actor, action="institutions.tipp_saved", obj=tipp, changes=changes)
    return tipp


tipp_save = transaction.atomic(durable=True)(_tipp_save)


def _tipp_member_add(
    *, actor: Actor, tipp: TIPP, person: Person, group: str, role: str = ""
) -> TIPPMember:
    _authorize(actor, tipp.village_id)
    member = TIPPMember(tipp=tipp, person=person, group=group, role=role.strip())
    _save(member)
    _record_added(actor, "institutions.tipp_member_added", member, ["person", "group", "role"])
    return member


tipp_member_add = transaction.atomic(durable=True)(_tipp_member_add)


def _tipp_member_remove(*, actor: Actor, member: TIPPMember) -> None:
    _remove_member(actor, "institutions.tipp_member_removed", member, member.tipp.village_id)


tipp_member_remove = transaction.atomic(durable=True)(_tipp_member_remove)


# Pokja ----------------------------------------------------------------------------------------


def _pokja_create(*, actor: Actor, village: Region, name: str, aspect: str) -> Pokja:
    _require_village(village)
    _authorize(actor, village.code)
    pokja = Pokja(village=village, name=name.strip(), aspect=aspect)
    _save(pokja)
    _record_added(actor, "institutions.pokja_created", pokja, ["name", "aspect"])
    return pokja


pokja_create = transaction.atomic(durable=True)(_pokja_create)


def _pokja_member_add(*, actor: Actor, pokja: Pokja, person: Person, role: str = "") -> PokjaMember:
    _authorize(actor, pokja.village_id)
    member = PokjaMember(pokja=pokja, person=person, role=role.strip())
    _save(member)
    _record_added(actor, "institutions.pokja_member_added", member, ["person", "role"])
    return member


pokja_member_add = transaction.atomic(durable=True)(_pokja_member_add)


def _pokja_member_remove(*, actor: Actor, member: PokjaMember) -> None:
    _remove_member(actor, "institutions.pokja_member_removed", member, member.pokja.village_id)


pokja_member_remove = transaction.atomic(durable=True)(_pokja_member_remove)


# KSM ------------------------------------------------------------------------------------------


def _distinct(people: Iterable[Person]) -> list[Person]:
    return list({person.pk: person for person in people}.values())


def _too_few_members(count: int) -> DomainError:
    return DomainError(
        _("KSM harus beranggota sedikitnya %(minimum)s orang; yang dipilih baru %(count)s orang.")
        % {"minimum": KSM_MIN_MEMBERS, "count": count},
        code=InstitutionError.KSM_TOO_FEW_MEMBERS,
        field="members",
    )


def _leader_not_member(leader: Person) -> DomainError:
    return DomainError(
        _("Ketua KSM (%(person)s) harus salah satu anggotanya.") % {"person": leader.name},
        code=InstitutionError.KSM_LEADER_NOT_MEMBER,
        field="leader",
    )


@transaction.atomic(durable=True)
def ksm_create(
    *,
    actor: Actor,
    village: Region,
    name: str,
    members: Sequence[Person],
    activity: str = "",
    leader: Person | None = None,
    formed_on: dt.date | None = None,
) -> KSM:
    """Form a KSM together with its members: at least three, or nothing is written."""
    _require_village(village)
    _authorize(actor, village.code)
    people = _distinct(members)
    if len(people) < KSM_MIN_MEMBERS:
        raise _too_few_members(len(people))
    if leader is not None and leader.pk not in {person.pk for person in people}:
        raise _leader_not_member(leader)
    ksm = KSM(
        village=village,
        name=name.strip(),
        activity=activity.strip(),
        leader=leader,
        formed_on=formed_on,
    )
    _save(ksm)
    for person in people:
        _save(KSMMember(ksm=ksm, person=person))
    record_event(
        actor=actor,
        action="institutions.ksm_created",
        obj=ksm,
        changes={
            "name": [None, ksm.name],
            "leader": [None, ksm.leader_id],
            "members": [None, [person.pk for person in people]],
        },
    )
    return ksm


def _ksm_update(
    *,
    actor: Actor,
    ksm: KSM,
    name: str,
    activity: str,
    leader: Person | None,
    formed_on: dt.date | None,
) -> KSM:
    _authorize(actor, ksm.village_id)
    ksm = KSM.objects.select_for_update().get(pk=ksm.pk)
    if leader is not None and not ksm.members.filter(person=leader).exists():
        raise _leader_not_member(leader)
    fields = ["name", "activity", "leader", "formed_on"]
    before = snapshot(ksm, fields)
    ksm.name, ksm.activity, ksm.leader, ksm.formed_on = name.strip(), activity, leader, formed_on
    _save(ksm)
    changes = diff(before, snapshot(ksm, fields))
    if changes:
        record_event(actor=actor, action="institutions.ksm_updated", obj=ksm, changes=changes)
    return ksm


ksm_update = transaction.atomic(durable=True)(_ksm_update)


def _ksm_member_add(*, actor: Actor, ksm: KSM, person: Person) -> KSMMember:
    _authorize(actor, ksm.village_id)
    member = KSMMember(ksm=ksm, person=person)
    _save(member)
    _record_added(actor, "institutions.ksm_member_added", member, ["person"])
    return member


ksm_member_add = transaction.atomic(durable=True)(_ksm_member_add)


def _ksm_member_remove(*, actor: Actor, member: KSMMember) -> None:
    """Take a member out of a KSM, unless that would leave it with fewer than three."""
    _authorize(actor, member.ksm.village_id)
    # Lock the KSM so that two removals at once cannot both pass the count below.
    ksm = KSM.objects.select_for_update().get(pk=member.ksm_id)
    remaining = ksm.members.exclude(pk=member.pk).count()
    if remaining < KSM_MIN_MEMBERS:
        raise DomainError(
            _(
                "%(person)s tidak dapat dikeluarkan: %(ksm)s akan tinggal %(count)s anggota, "
                "padahal KSM harus beranggota sedikitnya %(minimum)s orang."
            )
            % {
                "person": member.person.name,
                "ksm": ksm.name,
                "count": remaining,
                "minimum": KSM_MIN_MEMBERS,
            },
            code=InstitutionError.KSM_TOO_FEW_MEMBERS,
            field="members",
        )
    if ksm.leader_id == member.person_id:
        raise DomainError(
            _("%(person)s adalah ketua %(ksm)s: tunjuk ketua lain dahulu.")
            % {"person": member.person.name, "ksm": ksm.name},
            code=InstitutionError.KSM_LEADER_CANNOT_LEAVE,
        )
    _remove_member(actor, "institutions.ksm_member_removed", member, ksm.village_id)


ksm_member_remove = transaction.atomic(durable=True)(_ksm_member_remove)


# KPP ------------------------------------------------------------------------------------------


def _kpp_create(
    *,
    actor: Actor,
    village: Region,
    name: str,
    assets: str = "",
    formed_on: dt.date | None = None,
    members: Sequence[Person] = (),
) -> KPP:
    """Form the group that will use and maintain what was built, with its first members."""
    _require_village(village)
    _authorize(actor, village.code)
    kpp = KPP(village=village, name=name.strip(), assets=assets.strip(), formed_on=formed_on)
    _save(kpp)
    people = _distinct(members)
    for person in people:
        _save(KPPMember(kpp=kpp, person=person))
    record_event(
        actor=actor,
        action="institutions.kpp_created",
        obj=kpp,
        changes={"name": [None, kpp.name], "members": [None, [person.pk for person in people]]},
    )
    return kpp


kpp_create = transaction.atomic(durable=True)(_kpp_create)


def _kpp_update(
    *, actor: Actor, kpp: KPP, name: str, assets: str, formed_on: dt.date | None
) -> KPP:
    _authorize(actor, kpp.village_id)
    kpp = KPP.objects.select_for_update().get(pk=kpp.pk)
    fields = ["name", "assets", "formed_on"]
    before = snapshot(kpp, fields)
    kpp.name, kpp.assets, kpp.formed_on = name.strip(), assets.strip(), formed_on
    _save(kpp)
    changes = diff(before, snapshot(kpp, fields))
    if changes:
        record_event(actor=actor, action="institutions.kpp_updated", obj=kpp, changes=changes)
    return kpp


kpp_update = transaction.atomic(durable=True)(_kpp_update)


def _kpp_member_add(*, actor: Actor, kpp: KPP, person: Person, role: str = "") -> KPPMember:
    _authorize(actor, kpp.village_id)
    member = KPPMember(kpp=kpp, person=person, role=role.strip())
    _save(member)
    _record_added(actor, "institutions.kpp_member_added", member, ["person", "role"])
    return member


kpp_member_add = transaction.atomic(durable=True)(_kpp_member_add)


def _kpp_member_remove(*, actor: Actor, member: KPPMember) -> None:
    _remove_member(actor, "institutions.kpp_member_removed", member, member.kpp.village_id)


kpp_member_remove = transaction.atomic(durable=True)(_kpp_member_remove)
