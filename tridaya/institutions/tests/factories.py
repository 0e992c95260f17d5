"""People (plain rows) and institutions for tests; institutions are built through the services,
as the system (actor=None), so that every fixture obeys the same rules as real data."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from tridaya.institutions import services
from tridaya.institutions.models import (
    BKM,
    KSM,
    TIPP,
    BKMPosition,
    Person,
    Sex,
    SlumAspect,
    TIPPGroup,
    UPKind,
)
from tridaya.regions.models import Region

_niks = itertools.count(1)


def next_nik(area: str = "520108") -> str:
    """A fresh, valid 16-digit NIK."""
    return f"{area}010190{next(_niks):04d}"


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="id_ID")
    sex = factory.Iterator([Sex.MALE, Sex.FEMALE])
    occupation = "petani"


def person(village: Region, **kwargs) -> Person:
    return PersonFactory.create(village=village, **kwargs)


def people(village: Region, count: int, **kwargs) -> list[Person]:
    return [person(village, **kwargs) for _ in range(count)]


def bkm_with_members(village: Region, count: int = 3, *, start=dt.date(2025, 9, 1)) -> BKM:
    bkm = services.bkm_save(actor=None, village=village, name=f"BKM {village.name}")
    for index, member in enumerate(people(village, count)):
        services.bkm_member_add(
            actor=None,
            bkm=bkm,
            person=member,
            position=BKMPosition.COORDINATOR if index == 0 else BKMPosition.MEMBER,
            term_start=start,
            no_party_declaration=True,
            declaration_date=start,
        )
    return bkm


def tipp_with(village: Region, *, men: int, women: int, confirmed: bool = True) -> TIPP:
    day = dt.date(2026, 2, 17) if confirmed else None
    tipp = services.tipp_save(
        actor=None,
        village=village,
        formed_on=dt.date(2026, 2, 10),
        confirmed_by_bkm_on=day,
        confirmed_by_lurah_on=day,
    )
    for sex, count in ((Sex.MALE, men), (Sex.FEMALE, women)):
        for member in people(village, count, sex=sex):
            services.tipp_member_add(
                actor=None, tipp=tipp, person=member, group=TIPPGroup.VOLUNTEER
            )
    return tipp


def ksm_with(village: Region, count: int = 3, name: str | None = None) -> KSM:
    members = people(village, count)
    return services.ksm_create(
        actor=None,
        village=village,
        name=name or f"KSM {next(_niks)}",
        members=members,
        leader=members[0],
    )


def populate(village: Region, size: int) -> None:
    """Every kind of institution, each with `size` members."""
    bkm = bkm_with_members(village, count=size)
    services.election_record(
        actor=None,
        bkm=bkm,
        held_on=dt.date(2025, 8, 23),
        candidates=[
            services.CandidateVotes(p, 10 + i) for i, p in enumerate(people(village, size))
        ],
    )
    for kind in UPKind.values:
        unit = village.up_units.filter(kind=kind).first() or services.up_unit_create(
            actor=None, village=village, kind=kind
        )
        for p in people(village, size):
            services.up_staff_add(actor=None, unit=unit, person=p, position="Staf")
    tipp_with(village, men=size, women=size)
    for aspect in SlumAspect.values[:size]:
        pokja = services.pokja_create(
            actor=None, village=village, name=f"Pokja {next_nik()}", aspect=aspect
        )
        for p in people(village, size):
            services.pokja_member_add(actor=None, pokja=pokja, person=p)
    for _ in range(size):
        ksm_with(village, count=size + 2)
        kpp = services.kpp_create(
            actor=None, village=village, name=f"KPP {next_nik()}", members=people(village, size)
        )
        assert kpp.members.count() == size


def refused_code(exc_info) -> str:
    """The error code of a refusal caught with `pytest.raises`."""
    return exc_info.value.code
