"""Demo institutions: Desa Bajur gets about 150 residents with Sasak and Indonesian names, a BKM of
nine elected at a rembug, its UP-UP, a confirmed TIPP, seven Pokja, three KSM and one KPP; its
neighbour Terong Tawah gets a smaller set. Everything is synthetic (names, NIKs and phone numbers
are generated from a fixed seed) and the step is idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from tridaya.institutions import services
from tridaya.institutions.models import (
    BKM,
    KPP,
    KSM,
    TIPP,
    BKMPosition,
    Education,
    Person,
    Pokja,
    Sex,
    SlumAspect,
    TIPPGroup,
    UPKind,
    UPUnit,
)
from tridaya.regions.demo import BAJUR, TERONG_TAWAH
from tridaya.regions.models import Region

MALE_FIRST = [
    "Muhammad", "Ahmad", "Abdul", "Zainal", "Saiful", "Husnul", "Mahsun", "Rusdi", "Sahnan",
    "Jumadil", "Suhaimi", "Hairul", "Mustiadi", "Samsul", "Zulkifli", "Agus", "Herman",
    "Junaidi", "Mansur", "Nasrullah", "Sapriadi", "Suparman", "Wahyu", "Zainuddin",
    "Fathurrahman", "Mujiburrahman", "Syamsul", "Amrullah", "Hasanudin", "Masrun",
]  # fmt: skip
MALE_SECOND = [
    "Hakim", "Rahman", "Fauzi", "Arifin", "Hidayat", "Azhari", "Maulana", "Ramdhani",
    "Kurniawan", "Hamdi", "Saputra", "Alwi", "Ihsan", "Ridwan", "Sukri", "Ilham", "Jailani",
    "Muhsin", "Hadi", "Anwar", "Efendi", "Juanda", "Mukhtar", "Sahrul",
]  # fmt: skip
FEMALE_FIRST = [
    "Siti", "Nur", "Rohani", "Hartini", "Sumiati", "Rukmini", "Masnah", "Sahnun", "Halimah",
    "Nurul", "Fitri", "Rabiatul", "Aminah", "Zohriah", "Mardiah", "Sri", "Ernawati", "Linda",
    "Hamdiah", "Saodah", "Rahmawati", "Yuliana", "Juhriah", "Marni", "Muliani", "Hikmah",
]  # fmt: skip
FEMALE_SECOND = [
    "Aisyah", "Hidayati", "Rahmi", "Wahyuni", "Aminah", "Fatimah", "Mariam", "Hasanah",
    "Suryani", "Khadijah", "Handayani", "Zuhriah", "Latifah", "Maesarah", "Nurhayati",
    "Anggraeni", "Wulandari", "Azizah", "Sholihah", "Rosidah", "Adawiyah", "Marlina",
]  # fmt: skip
OCCUPATIONS = [
    ("petani", 20), ("buruh tani", 14), ("pedagang", 10), ("ibu rumah tangga", 12),
    ("pengrajin gerabah", 6), ("tukang bangunan", 7), ("peternak", 5), ("wiraswasta", 6),
    ("buruh harian lepas", 8), ("guru", 3), ("sopir", 3), ("penjahit", 2), ("PNS", 2),
    ("pelajar/mahasiswa", 3),
]  # fmt: skip
EDUCATION = [
    (Education.NONE, 6), (Education.SD, 30), (Education.SMP, 24), (Education.SMA, 28),
    (Education.D3, 4), (Education.S1, 7), (Education.S2, 1),
]  # fmt: skip
DISABILITIES = ["tunadaksa (kaki)", "tunanetra", "tunarungu"]
PHONE_PREFIXES = ["0812", "0813", "0817", "0819", "0852", "0853", "0878", "0877"]
NIK_AREA = "520108"  # province 52, regency 01, district 08: Labuapi


@dataclass(frozen=True)
class PersonSpec:
    name: str
    sex: str
    birth_year: int
    education: str
    occupation: str
    is_poor: bool
    disability: bool
    disability_note: str
    phone: str
    nik: str


def _weighted(rng: random.Random, options: list[tuple]) -> str:
    return rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


def _name(rng: random.Random, sex: str, birth_year: int) -> str:
    if sex == Sex.MALE:
        first, second, noble, pilgrim = MALE_FIRST, MALE_SECOND, "Lalu ", "H. "
    else:
        first, second, noble, pilgrim = FEMALE_FIRST, FEMALE_SECOND, "Baiq ", "Hj. "
    prefix = ""
    if rng.random() < 0.12:
        prefix = noble
    elif birth_year < 1970 and rng.random() < 0.3:
        prefix = pilgrim
    given = rng.choice(first)
    family = rng.choice([name for name in second if name != given])
    return f"{prefix}{given} {family}"


def people_specs(seed: int, count: int) -> list[PersonSpec]:
    """`count` distinct, deterministic residents."""
    rng = random.Random(seed)
    specs: list[PersonSpec] = []
    names: set[str] = set()
    serials: set[str] = set()
    while len(specs) < count:
        sex = Sex.FEMALE if rng.random() < 0.5 else Sex.MALE
        birth_year = rng.randint(1955, 2006)
        name = _name(rng, sex, birth_year)
        if name in names:
            continue
        names.add(name)
        occupation = _weighted(rng, OCCUPATIONS)
        if sex == Sex.MALE and occupation == "ibu rumah tangga":
            occupation = "petani"
        disability = rng.random() < 0.04
        nik = ""
        if rng.random() < 0.8:
            day = rng.randint(1, 28) + (40 if sex == Sex.FEMALE else 0)
            serial = f"{rng.randint(1, 9999):04d}"
            while serial in serials:
                serial = f"{rng.randint(1, 9999):04d}"
            serials.add(serial)
            nik = f"{NIK_AREA}{day:02d}{rng.randint(1, 12):02d}{birth_year % 100:02d}{serial}"
        phone = ""
        if rng.random() < 0.6:
            phone = rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
        specs.append(
            PersonSpec(
                name=name,
                sex=sex,
                birth_year=birth_year,
                education=_weighted(rng, EDUCATION),
                occupation=occupation,
                is_poor=rng.random() < 0.27,
                disability=disability,
                disability_note=rng.choice(DISABILITIES) if disability else "",
                phone=phone,
                nik=nik,
            )
        )
    return specs


class Roster:
    """The village's demo people, handed out in a fixed order: `take(sex)` gives the next man or
    woman not yet given a post of that kind."""

    def __init__(self, people: list[Person]):
        self.people = people
        self._next: dict[str, int] = {Sex.MALE: 0, Sex.FEMALE: 0}

    def take(self, sex: str) -> Person:
        matching = [p for p in self.people if p.sex == sex and p.birth_year and p.birth_year < 2004]
        index = self._next[sex]
        self._next[sex] += 1
        return matching[index % len(matching)]

    def pick(self, pattern: str) -> list[Person]:
        """'LPPL' -> a man, two women, a man."""
        return [self.take(sex) for sex in pattern]


def seed_people(village: Region, seed: int, count: int) -> list[Person]:
    specs = people_specs(seed, count)
    existing = {p.name: p for p in Person.objects.filter(village=village)}
    people = []
    for spec in specs:
        person = existing.get(spec.name)
        if person is None:
            person = services.person_create(actor=None, village=village, **asdict(spec))
        people.append(person)
    return people


def seed_bkm(
    village: Region,
    roster: Roster,
    *,
    name: str,
    established_on: dt.date,
    election_day: dt.date,
    place: str,
    pattern: str,
    votes: list[int],
    seats: int,
) -> BKM:
    """A BKM elected at a rembug: candidates in the order of `pattern` get `votes`; the first
    `seats` are elected and seated for three years (coordinator, secretary, members)."""
    bkm = services.bkm_save(actor=None, village=village, name=name, established_on=established_on)
    candidates = roster.pick(pattern)
    if not bkm.elections.filter(held_on=election_day).exists():
        services.election_record(
            actor=None,
            bkm=bkm,
            held_on=election_day,
            place=place,
            notes="Rembug warga pemilihan anggota BKM; calon diusulkan utusan RT.",
            candidates=[
                services.CandidateVotes(person=person, votes=n, elected=index < seats)
                for index, (person, n) in enumerate(zip(candidates, votes, strict=True))
            ],
        )
    seated = set(bkm.members.values_list("person_id", flat=True))
    term_start = election_day + dt.timedelta(days=9)
    for index, person in enumerate(candidates[:seats]):
        if person.pk in seated:
            continue
        position = {0: BKMPosition.COORDINATOR, 1: BKMPosition.SECRETARY}.get(
            index, BKMPosition.MEMBER
        )
        services.bkm_member_add(
            actor=None,
            bkm=bkm,
            person=person,
            position=position,
            term_start=term_start,
            no_party_declaration=True,
            declaration_date=election_day + dt.timedelta(days=5),
        )
    return bkm


def seed_up_units(
    village: Region, roster: Roster, formed_on: dt.date, staff: dict[str, list[tuple]]
) -> None:
    for kind, posts in staff.items():
        unit = UPUnit.objects.filter(village=village, kind=kind).first()
        if unit is None:
            unit = services.up_unit_create(
                actor=None, village=village, kind=kind, formed_on=formed_on
            )
        present = set(unit.staff.values_list("person_id", flat=True))
        for sex, position in posts:
            person = roster.take(sex)
            if person.pk not in present:
                services.up_staff_add(
                    actor=None, unit=unit, person=person, position=position, since=formed_on
                )


def seed_tipp(
    village: Region,
    roster: Roster,
    *,
    formed_on: dt.date,
    by_bkm: dt.date | None,
    by_lurah: dt.date | None,
    members: Sequence[tuple[str, str, str]],
    bkm_members: list[Person],
) -> TIPP:
    tipp = services.tipp_save(
        actor=None,
        village=village,
        formed_on=formed_on,
        confirmed_by_bkm_on=by_bkm,
        confirmed_by_lurah_on=by_lurah,
    )
    present = set(tipp.members.values_list("person_id", flat=True))
    from_bkm = iter(bkm_members)
    for group, sex, role in members:
        person = next(from_bkm) if group == TIPPGroup.BKM_UP else roster.take(sex)
        if person.pk not in present:
            services.tipp_member_add(actor=None, tipp=tipp, person=person, group=group, role=role)
    return tipp


def seed_pokjas(village: Region, roster: Roster, pokjas: Sequence[tuple[str, str, str]]) -> None:
    for name, aspect, pattern in pokjas:
        pokja = Pokja.objects.filter(village=village, name=name).first()
        if pokja is None:
            pokja = services.pokja_create(actor=None, village=village, name=name, aspect=aspect)
        present = set(pokja.members.values_list("person_id", flat=True))
        for index, person in enumerate(roster.pick(pattern)):
            if person.pk not in present:
                services.pokja_member_add(
                    actor=None, pokja=pokja, person=person, role="ketua" if index == 0 else ""
                )


def seed_ksms(village: Region, roster: Roster, ksms: list[tuple[str, str, dt.date, str]]) -> None:
    for name, activity, formed_on, pattern in ksms:
        members = roster.pick(pattern)
        if KSM.objects.filter(village=village, name=name).exists():
            continue
        services.ksm_create(
            actor=None,
            village=village,
            name=name,
            activity=activity,
            formed_on=formed_on,
            members=members,
            leader=members[0],
        )


def seed_kpp(
    village: Region, roster: Roster, name: str, assets: str, formed_on: dt.date, roles: list
) -> None:
    members = [(roster.take(sex), role) for sex, role in roles]
    if KPP.objects.filter(village=village, name=name).exists():
        return
    kpp = services.kpp_create(
        actor=None, village=village, name=name, assets=assets, formed_on=formed_on
    )
    for person, role in members:
        services.kpp_member_add(actor=None, kpp=kpp, person=person, role=role)


ASPECT_POKJAS = [
    ("Pokja Bangunan Gedung", SlumAspect.BUILDINGS, "LPLP"),
    ("Pokja Jalan Lingkungan", SlumAspect.ROADS, "LLPL"),
    ("Pokja Air Minum", SlumAspect.WATER, "PLPP"),
    ("Pokja Drainase", SlumAspect.DRAINAGE, "LPLL"),
    ("Pokja Air Limbah", SlumAspect.WASTEWATER, "PLLP"),
    ("Pokja Persampahan", SlumAspect.WASTE, "PPLP"),
    ("Pokja Proteksi Kebakaran", SlumAspect.FIRE, "LLPL"),
]


def _by_position(bkm: BKM) -> list:
    """The BKM's members, coordinator first, then secretary, then the others."""
    order = BKMPosition.values
    members = bkm.members.select_related("person").order_by("id")
    return sorted(members, key=lambda m: order.index(m.position))


# Desa Bajur's TIPP: (group, sex or '' for a BKM member, role).
BAJUR_TIPP = [
    (TIPPGroup.BKM_UP, "", "Ketua"),
    (TIPPGroup.BKM_UP, "", "Sekretaris"),
    (TIPPGroup.BKM_UP, "", "Anggota"),
    (TIPPGroup.APPARATUS, "L", "Sekretaris desa"),
    (TIPPGroup.APPARATUS, "P", "Kasi Kesejahteraan"),
    (TIPPGroup.DISTRICT, "L", "Kasi PMD Kecamatan Labuapi"),
    (TIPPGroup.AGENCY, "P", "Staf Dinas Perkim Lombok Barat"),
    (TIPPGroup.VOLUNTEER, "L", "Koordinator relawan"),
    (TIPPGroup.VOLUNTEER, "P", "Relawan pemetaan"),
    (TIPPGroup.VOLUNTEER, "L", "Relawan pemetaan"),
    (TIPPGroup.VOLUNTEER, "P", "Relawan pemetaan"),
    (TIPPGroup.COMMUNITY, "P", "Ketua TP PKK"),
    (TIPPGroup.COMMUNITY, "L", "Karang Taruna"),
    (TIPPGroup.COMMUNITY, "L", "Kelompok tani"),
    (TIPPGroup.COMMUNITY, "L", "Tokoh agama"),
]

# Desa Bajur's KSMs: (name, activity, formed on, sexes of the members).
BAJUR_KSMS = [
    (
        "KSM Karya Bersama",
        "Perbaikan saluran drainase RT 02 / RW 01 sepanjang 320 m (KOTAKU 2024).",
        dt.date(2024, 3, 12),
        "LLPLP",
    ),
    (
        "KSM Tunas Harapan",
        "Rabat beton jalan lingkungan Dusun Karang Bedil, 450 m x 2,5 m.",
        dt.date(2024, 3, 12),
        "LPLL",
    ),
    (
        "KSM Bina Sejahtera",
        "Jamban keluarga sehat untuk 24 KK miskin di RW 03.",
        dt.date(2024, 4, 2),
        "PPLPLP",
    ),
]


def seed_bajur(village: Region) -> str:
    people = seed_people(village, seed=2006, count=150)
    roster = Roster(people)
    bkm = seed_bkm(
        village,
        roster,
        name="BKM Bajur Bersatu",
        established_on=dt.date(2008, 6, 14),
        election_day=dt.date(2025, 8, 23),
        place="Aula Kantor Desa Bajur",
        # The top nine (4 women) are elected; six more stood.
        pattern="LPLPLLPPL" + "LPLLPL",
        votes=[142, 131, 127, 118, 109, 104, 98, 93, 88, 71, 64, 52, 47, 39, 28],
        seats=9,
    )
    seed_up_units(
        village,
        roster,
        dt.date(2025, 9, 15),
        {
            UPKind.UPK: [("P", "Manajer"), ("P", "Kasir"), ("L", "Pembukuan")],
            UPKind.UPL: [("L", "Manajer"), ("L", "Staf teknik")],
            UPKind.UPS: [("P", "Manajer"), ("L", "Staf")],
        },
    )
    members = _by_position(bkm)
    seed_tipp(
        village,
        roster,
        formed_on=dt.date(2026, 2, 10),
        by_bkm=dt.date(2026, 2, 17),
        by_lurah=dt.date(2026, 2, 24),
        members=BAJUR_TIPP,
        bkm_members=[m.person for m in members],
    )
    seed_pokjas(village, roster, ASPECT_POKJAS)
    seed_ksms(
        village,
        roster,
        BAJUR_KSMS,
    )
    seed_kpp(
        village,
        roster,
        "KPP Tirta Bajur",
        "Sumur bor dan dua hidran umum di Dusun Bajur Tengah (dibangun 2019).",
        dt.date(2019, 12, 10),
        [("L", "Ketua"), ("P", "Sekretaris"), ("P", "Bendahara"), ("L", "Operator"), ("L", "")],
    )
    return f"{len(people)} warga, BKM 9, UP-UP, TIPP 15, 7 pokja, 3 KSM, 1 KPP"


def seed_terong_tawah(village: Region) -> str:
    people = seed_people(village, seed=2007, count=40)
    roster = Roster(people)
    bkm = seed_bkm(
        village,
        roster,
        name="BKM Terong Tawah Mandiri",
        established_on=dt.date(2009, 2, 3),
        election_day=dt.date(2024, 11, 16),
        place="Masjid Nurul Iman, Dusun Peresak",
        pattern="LPLLPPLL",
        votes=[88, 80, 74, 69, 61, 40, 33, 21],
        seats=5,
    )
    members = _by_position(bkm)
    seed_tipp(
        village,
        roster,
        formed_on=dt.date(2026, 9, 1),
        by_bkm=dt.date(2026, 9, 8),
        by_lurah=None,
        members=[
            (TIPPGroup.BKM_UP, "", "Ketua"),
            (TIPPGroup.BKM_UP, "", "Anggota"),
            (TIPPGroup.APPARATUS, "L", "Kaur Perencanaan"),
            (TIPPGroup.VOLUNTEER, "P", "Relawan"),
            (TIPPGroup.VOLUNTEER, "L", "Relawan"),
            (TIPPGroup.COMMUNITY, "P", "Kader posyandu"),
        ],
        bkm_members=[m.person for m in members],
    )
    seed_pokjas(
        village,
        roster,
        [
            ("Pokja Air Minum dan Sanitasi", SlumAspect.WATER, "PLP"),
            ("Pokja Jalan dan Drainase", SlumAspect.ROADS, "LLP"),
        ],
    )
    seed_ksms(
        village,
        roster,
        [("KSM Maju Jaya", "Perbaikan jalan setapak Dusun Peresak.", dt.date(2023, 5, 8), "LLP")],
    )
    return f"{len(people)} warga, BKM 5, TIPP 6 (belum dikukuhkan Kepala Desa), 2 pokja, 1 KSM"


VILLAGES: dict[str, Callable[[Region], str]] = {
    BAJUR: seed_bajur,
    TERONG_TAWAH: seed_terong_tawah,
}


def seed(log) -> None:
    for code, seed_village in VILLAGES.items():
        village = Region.objects.get(code=code)
        log(f"{code}: {seed_village(village)}")
