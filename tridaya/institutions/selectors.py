"""Reads of people and institutions, each with a fixed number of queries whatever the number of
people, members or institutions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Case, Model, Prefetch, Q, QuerySet, When
from django.utils import timezone

from tridaya.core.models import PersonalDataView
from tridaya.core.params import parse_int
from tridaya.core.personal_data import nik_digest, subject_match
from tridaya.core.selectors import one_of
from tridaya.institutions.models import (
    BKM,
    KPP,
    KSM,
    TIPP,
    BKMMember,
    BKMPosition,
    Election,
    ElectionCandidate,
    GenderBalance,
    KPPMember,
    KSMMember,
    Person,
    Pokja,
    PokjaMember,
    SlumAspect,
    TIPPMember,
    UPStaff,
    UPUnit,
    gender_balance,
)
from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors

# The lowest share of women the program asks for in decisions (DOMAIN.md section 2: local rules
# ask 30%, PNPM-Urban 40%). Shown next to the TIPP's balance; the cycle's program settings own
# the thresholds that gate steps.
WOMEN_SHARE_TARGET = 30

# Coordinator first, then secretary, then the members; slum aspects in the regulation's order.
POSITION_ORDER = Case(
    *[When(position=value, then=index) for index, value in enumerate(BKMPosition.values)],
    default=len(BKMPosition.values),
)
ASPECT_ORDER = Case(
    *[When(aspect=value, then=index) for index, value in enumerate(SlumAspect.values)],
    default=len(SlumAspect.values),
)


LOOKUP_CHUNK = 1000  # ids or NIKs per IN (...) query: well under SQLite's variable limit


def _person_prefetch(lookup: str, model: type[Model]) -> Prefetch:
    return Prefetch(lookup, queryset=model._default_manager.select_related("person").order_by("id"))


def bkm_members(bkm: BKM) -> QuerySet[BKMMember]:
    """Every term, current ones first, each group led by its coordinator and secretary."""
    return bkm.members.select_related("person").order_by("-term_end", POSITION_ORDER, "id")


def elections_of(bkm: BKM) -> QuerySet[Election]:
    """The BKM's elections, newest first, each with its candidates ordered by votes."""
    candidates = ElectionCandidate.objects.select_related("person").order_by("-votes", "id")
    return bkm.elections.prefetch_related(Prefetch("candidates", queryset=candidates)).order_by(
        "-held_on", "-id"
    )


@dataclass
class TIPPView:
    tipp: TIPP | None
    members: list[TIPPMember] = field(default_factory=list)

    @property
    def balance(self) -> GenderBalance:
        return gender_balance(member.person for member in self.members)

    @property
    def women_target(self) -> int:
        return WOMEN_SHARE_TARGET

    @property
    def meets_women_target(self) -> bool:
        return self.balance.reaches(WOMEN_SHARE_TARGET)


def _tipp_view(tipp: TIPP | None) -> TIPPView:
    if tipp is None:
        return TIPPView(tipp=None)
    members = list(tipp.members.select_related("person").order_by("group", "id"))
    return TIPPView(tipp=tipp, members=members)


def tipp_view(village: Region) -> TIPPView:
    """The TIPP and its members with people (2 queries)."""
    tipp = TIPP.objects.filter(village=village).first()
    if tipp is not None:
        tipp.village = village
    return _tipp_view(tipp)


@dataclass
class OrgChart:
    village: Region
    bkm: BKM | None
    bkm_members: list[BKMMember]
    latest_election: Election | None
    up_units: list[UPUnit]
    tipp: TIPPView
    pokjas: list[Pokja]
    ksms: list[KSM]
    kpps: list[KPP]

    @property
    def is_empty(self) -> bool:
        return not (
            self.bkm or self.up_units or self.tipp.tipp or self.pokjas or self.ksms or self.kpps
        )


def org_chart(code: str, *, today: dt.date | None = None) -> OrgChart:
    """Every institution of a village with its members (14 queries, whatever the sizes).

    BKM members shown are those whose term has not ended by `today`."""
    village = one_of(Region.objects.select_related("bkm", "tipp"), code=code, level=Level.VILLAGE)
    today = today or timezone.localdate(timezone=ZoneInfo(village.timezone))
    attach_ancestors([village])
    bkm: BKM | None = getattr(village, "bkm", None)
    members: list[BKMMember] = []
    latest = None
    if bkm is not None:
        members = list(
            bkm.members.filter(term_end__gte=today)
            .select_related("person")
            .order_by(POSITION_ORDER, "person__name", "id")
        )
        latest = elections_of(bkm).first()
    return OrgChart(
        village=village,
        bkm=bkm,
        bkm_members=members,
        latest_election=latest,
        up_units=up_units_of(village),
        tipp=_tipp_view(getattr(village, "tipp", None)),
        pokjas=pokjas_of(village),
        ksms=ksms_of(village),
        kpps=kpps_of(village),
    )


def people_of(village: Region, *, query: str = "", search_nik: bool = False) -> QuerySet[Person]:
    """The village's people by name; `query` matches a name, or the whole NIK when the caller
    may see NIKs (searching by NIK would otherwise confirm someone's number)."""
    people = Person.objects.filter(village=village).order_by("name", "id")
    query = query.strip()
    if query:
        match = Q(name__icontains=query)
        if search_nik and parse_int(query) is not None and len(query) == 16:
            match |= Q(nik=query)
        people = people.filter(match)
    return people


def people_by_nik(village: Region, niks: Iterable[str]) -> dict[str, int]:
    """{NIK: person id} of the village's registered people with these NIKs (one query per
    thousand NIKs): how a household survey finds the people who head its households."""
    wanted = sorted({nik for nik in niks if nik})
    found: dict[str, int] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        found.update(Person.objects.filter(village=village, nik__in=chunk).values_list("nik", "pk"))
    return found


def people_choices(village: Region) -> QuerySet[Person]:
    """People offered in the member pickers of a village's forms."""
    return Person.objects.filter(village=village).order_by("name", "id")


def up_units_of(village: Region) -> list[UPUnit]:
    return list(
        UPUnit.objects.filter(village=village)
        .prefetch_related(_person_prefetch("staff", UPStaff))
        .order_by("kind")
    )


def pokjas_of(village: Region) -> list[Pokja]:
    return list(
        Pokja.objects.filter(village=village)
        .prefetch_related(_person_prefetch("members", PokjaMember))
        .order_by(ASPECT_ORDER, "name")
    )


def ksms_of(village: Region) -> list[KSM]:
    return list(
        KSM.objects.filter(village=village)
        .select_related("leader")
        .prefetch_related(_person_prefetch("members", KSMMember))
        .order_by("name")
    )


def kpps_of(village: Region) -> list[KPP]:
    return list(
        KPP.objects.filter(village=village)
        .prefetch_related(_person_prefetch("members", KPPMember))
        .order_by("name")
    )


def nik_views_of(person: Person, *, limit: int = 500) -> list[PersonalDataView]:
    """Who was shown this person's NIK in full, newest first: on the register (the person row)
    or anywhere else the same NIK appears in the village (a household, a beneficiary list)."""
    match = Q(**subject_match(f"institutions.person:{person.pk}"))
    if person.nik:
        match |= Q(**subject_match(nik_digest(person.nik)))
    found = PersonalDataView.objects.filter(match, region_code=person.village_id)
    return list(found.order_by("-created_at", "-id")[:limit])
