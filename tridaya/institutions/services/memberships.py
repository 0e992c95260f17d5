"""An institution saved together with its member lines (the admin's forms): the institution,
the members added and the members removed in one durable transaction, so that one refused line
saves none of it. Each step is audited as its own service audits it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from tridaya.institutions.models import (
    BKM,
    KPP,
    KSM,
    TIPP,
    BKMMember,
    KPPMember,
    KSMMember,
    Person,
    Pokja,
    PokjaMember,
    TIPPMember,
    UPStaff,
    UPUnit,
)
from tridaya.institutions.services.bkm import _bkm_member_add, _bkm_member_remove, _bkm_save
from tridaya.institutions.services.common import Actor
from tridaya.institutions.services.groups import (
    _kpp_create,
    _kpp_member_add,
    _kpp_member_remove,
    _kpp_update,
    _ksm_member_add,
    _ksm_member_remove,
    _ksm_update,
    _pokja_create,
    _pokja_member_add,
    _pokja_member_remove,
    _tipp_member_add,
    _tipp_member_remove,
    _tipp_save,
    _up_staff_add,
    _up_staff_remove,
    _up_unit_create,
)
from tridaya.regions.models import Region

# A member line to add: the member service's keyword arguments other than actor and parent.
MemberLine = Mapping[str, Any]


@transaction.atomic(durable=True)
def bkm_save_with_members(
    *,
    actor: Actor,
    village: Region,
    name: str,
    established_on: dt.date | None = None,
    add: Iterable[MemberLine] = (),
    remove: Iterable[BKMMember] = (),
) -> BKM:
    """Save the village's BKM (`bkm_save`), take back the seats in `remove` and seat the
    members in `add` (`bkm_member_add`'s arguments)."""
    bkm = _bkm_save(actor=actor, village=village, name=name, established_on=established_on)
    for member in remove:
        _bkm_member_remove(actor=actor, member=member)
    for line in add:
        _bkm_member_add(actor=actor, bkm=bkm, **line)
    return bkm


@transaction.atomic(durable=True)
def up_unit_save_with_staff(
    *,
    actor: Actor,
    village: Region,
    unit: UPUnit | None = None,
    kind: str = "",
    formed_on: dt.date | None = None,
    add: Iterable[MemberLine] = (),
    remove: Iterable[UPStaff] = (),
) -> UPUnit:
    """Form a unit (`unit` None: `up_unit_create` with village, kind, formed_on) or keep `unit`
    as it is, then remove the staff in `remove` and add those in `add`."""
    if unit is None:
        unit = _up_unit_create(actor=actor, village=village, kind=kind, formed_on=formed_on)
    for staff in remove:
        _up_staff_remove(actor=actor, staff=staff)
    for line in add:
        _up_staff_add(actor=actor, unit=unit, **line)
    return unit


@transaction.atomic(durable=True)
def tipp_save_with_members(
    *,
    actor: Actor,
    village: Region,
    formed_on: dt.date | None = None,
    confirmed_by_bkm_on: dt.date | None = None,
    confirmed_by_lurah_on: dt.date | None = None,
    add: Iterable[MemberLine] = (),
    remove: Iterable[TIPPMember] = (),
) -> TIPP:
    """Save the village's TIPP (`tipp_save`), then remove and add its members."""
    tipp = _tipp_save(
        actor=actor,
        village=village,
        formed_on=formed_on,
        confirmed_by_bkm_on=confirmed_by_bkm_on,
        confirmed_by_lurah_on=confirmed_by_lurah_on,
    )
    for member in remove:
        _tipp_member_remove(actor=actor, member=member)
    for line in add:
        _tipp_member_add(actor=actor, tipp=tipp, **line)
    return tipp


@transaction.atomic(durable=True)
def pokja_save_with_members(
    *,
    actor: Actor,
    village: Region,
    pokja: Pokja | None = None,
    name: str = "",
    aspect: str = "",
    add: Iterable[MemberLine] = (),
    remove: Iterable[PokjaMember] = (),
) -> Pokja:
    """Form a Pokja (`pokja` None: `pokja_create` with village, name, aspect) or keep `pokja`
    as it is, then remove and add its members."""
    if pokja is None:
        pokja = _pokja_create(actor=actor, village=village, name=name, aspect=aspect)
    for member in remove:
        _pokja_member_remove(actor=actor, member=member)
    for line in add:
        _pokja_member_add(actor=actor, pokja=pokja, **line)
    return pokja


@transaction.atomic(durable=True)
def ksm_update_with_members(
    *,
    actor: Actor,
    ksm: KSM,
    name: str,
    activity: str,
    leader: Person | None,
    formed_on: dt.date | None,
    add: Iterable[Person] = (),
    remove: Iterable[KSMMember] = (),
) -> KSM:
    """Add the people in `add` to the KSM, change it (`ksm_update`: its leader may be one of
    them) and take out the members in `remove` (a KSM keeps three, and its leader)."""
    for person in add:
        _ksm_member_add(actor=actor, ksm=ksm, person=person)
    ksm = _ksm_update(
        actor=actor, ksm=ksm, name=name, activity=activity, leader=leader, formed_on=formed_on
    )
    for member in remove:
        _ksm_member_remove(actor=actor, member=member)
    return ksm


@transaction.atomic(durable=True)
def kpp_save_with_members(
    *,
    actor: Actor,
    village: Region,
    kpp: KPP | None = None,
    name: str,
    assets: str = "",
    formed_on: dt.date | None = None,
    add: Iterable[MemberLine] = (),
    remove: Iterable[KPPMember] = (),
) -> KPP:
    """Form a KPP (`kpp` None: `kpp_create` in `village`) or change `kpp` (`kpp_update`),
    then remove and add its members."""
    if kpp is None:
        kpp = _kpp_create(
            actor=actor, village=village, name=name, assets=assets, formed_on=formed_on
        )
    else:
        kpp = _kpp_update(actor=actor, kpp=kpp, name=name, assets=assets, formed_on=formed_on)
    for member in remove:
        _kpp_member_remove(actor=actor, member=member)
    for line in add:
        _kpp_member_add(actor=actor, kpp=kpp, **line)
    return kpp
