"""Demo problems and potentials of Desa Bajur, generated deterministically (the same data on
every machine) and written through the services; matched by their `demo:<n>` reference, so a
second run changes nothing and later edits on the page are kept."""

from __future__ import annotations

import datetime as dt
import random

from tridaya.core.choices import TridayaDomain
from tridaya.cycle.models import Meeting, MeetingKind
from tridaya.mapping.demo import BAJUR, SEED, rt_box
from tridaya.mapping.models import (
    Problem,
    ProblemKind,
    ProblemSource,
    ProblemStatus,
    Sector,
)
from tridaya.mapping.services import problems as services_problems
from tridaya.mapping.spatial import village_extent
from tridaya.regions.models import RT, Region

PROBLEM_COUNT = 36
POTENTIAL_COUNT = 24

PROBLEMS = [
    (
        "L",
        "drainase",
        "garis",
        "Saluran tersumbat sampah",
        "Saluran depan rumah warga tersumbat sampah plastik; air meluap ke jalan saat hujan.",
    ),
    (
        "L",
        "drainase",
        "area",
        "Genangan banjir saat hujan deras",
        "Kawasan tergenang 30-50 cm selama satu sampai dua hari setiap hujan deras.",
    ),
    (
        "L",
        "drainase",
        "garis",
        "Drainase tanah tanpa pasangan",
        "Saluran masih tanah, mudah longsor dan dangkal.",
    ),
    (
        "L",
        "jalan",
        "garis",
        "Jalan gang berlubang",
        "Jalan gang rabat beton retak dan berlubang, sulit dilalui sepeda motor.",
    ),
    (
        "L",
        "jalan",
        "garis",
        "Jalan tanah becek saat hujan",
        "Jalan lingkungan belum diperkeras, becek dan licin saat hujan.",
    ),
    (
        "L",
        "air_minum",
        "titik",
        "Sumur gali tercemar",
        "Air sumur keruh dan berbau; dekat jamban cemplung.",
    ),
    (
        "L",
        "air_minum",
        "titik",
        "Warga membeli air jeriken",
        "Belum ada sambungan PDAM; warga membeli air Rp 5.000 per jeriken.",
    ),
    (
        "L",
        "air_limbah",
        "titik",
        "Jamban cemplung tanpa septik tank",
        "Beberapa KK masih memakai jamban cemplung di belakang rumah.",
    ),
    (
        "L",
        "air_limbah",
        "titik",
        "Limbah cair dibuang ke saluran",
        "Air bekas cuci dan dapur langsung dibuang ke saluran terbuka.",
    ),
    (
        "L",
        "persampahan",
        "titik",
        "Tumpukan sampah liar",
        "Sampah menumpuk di lahan kosong tepi jalan, tidak ada pengangkutan.",
    ),
    (
        "L",
        "persampahan",
        "titik",
        "Sampah dibakar di pekarangan",
        "Warga membakar sampah karena tidak ada TPS terdekat.",
    ),
    (
        "L",
        "bangunan",
        "area",
        "Rumah tidak layak huni berdempetan",
        "Rumah semi permanen berdempetan tanpa jarak antar bangunan.",
    ),
    (
        "L",
        "kebakaran",
        "titik",
        "Tidak ada hidran atau APAR",
        "Gang sempit tidak bisa dilalui mobil pemadam; tidak ada APAR.",
    ),
    (
        "E",
        "ekonomi",
        "titik",
        "Pengrajin gerabah kekurangan modal",
        "Pengrajin gerabah rumahan sulit membeli tanah liat dan kayu bakar.",
    ),
    (
        "E",
        "ekonomi",
        "area",
        "Pasar dusun becek dan sempit",
        "Lapak pasar pagi di tanah terbuka, becek saat hujan.",
    ),
    (
        "S",
        "kesehatan",
        "titik",
        "Posyandu tanpa gedung",
        "Posyandu menumpang di teras rumah kader.",
    ),
    (
        "S",
        "pendidikan",
        "titik",
        "Anak putus sekolah",
        "Beberapa anak usia SMP bekerja membantu orang tua.",
    ),
    (
        "S",
        "sosial",
        "titik",
        "Lansia tinggal sendiri",
        "Lansia miskin tanpa pendamping di rumah tidak layak.",
    ),
]
POTENTIALS = [
    (
        "L",
        "air_minum",
        "titik",
        "Mata air yang bisa dikelola",
        "Mata air kecil dengan debit stabil sepanjang tahun.",
    ),
    (
        "L",
        "ruang_terbuka",
        "area",
        "Lahan kosong untuk taman warga",
        "Lahan desa yang bisa dijadikan ruang terbuka dan tempat bermain.",
    ),
    (
        "L",
        "persampahan",
        "titik",
        "Bank sampah dusun",
        "Kelompok ibu-ibu sudah memilah sampah plastik untuk dijual.",
    ),
    (
        "L",
        "drainase",
        "garis",
        "Saluran irigasi untuk pembuangan",
        "Saluran irigasi sekunder bisa menampung limpasan bila dinormalisasi.",
    ),
    (
        "E",
        "ekonomi",
        "area",
        "Sentra gerabah",
        "Puluhan pengrajin gerabah; produk dijual ke Mataram dan Bali.",
    ),
    (
        "E",
        "ekonomi",
        "titik",
        "Usaha kue rumahan",
        "Kelompok perempuan membuat jajanan khas untuk pasar pagi.",
    ),
    (
        "E",
        "ekonomi",
        "area",
        "Kebun sayur pekarangan",
        "Pekarangan luas bisa ditanami sayur untuk dijual.",
    ),
    (
        "S",
        "sosial",
        "titik",
        "Berugak tempat musyawarah",
        "Berugak dusun dipakai rembug warga dan pengajian.",
    ),
    (
        "S",
        "kesehatan",
        "titik",
        "Kader posyandu aktif",
        "Lima kader posyandu terlatih dan aktif setiap bulan.",
    ),
    (
        "S",
        "sosial",
        "titik",
        "Karang taruna gotong royong",
        "Pemuda rutin kerja bakti membersihkan saluran.",
    ),
]
LINE_DEG = 0.0018  # about 200 m
# The pemetaan swadaya step ran from June to the end of July 2026 (see the cycle demo).
MAPPING_START = dt.date(2026, 6, 1)
MAPPING_DAYS = 59


def _inside(rng: random.Random, box) -> tuple[float, float]:
    west, south, east, north = box
    x = west + (east - west) * rng.uniform(0.15, 0.85)
    y = south + (north - south) * rng.uniform(0.15, 0.85)
    return round(x, 6), round(y, 6)


def _geometry(rng: random.Random, kind: str, box) -> dict:
    x, y = _inside(rng, box)
    west, south, east, north = box
    if kind == "titik":
        return {"type": "Point", "coordinates": [x, y]}
    if kind == "garis":
        points = [[x, y]]
        for _step in range(rng.randint(2, 3)):
            x = min(max(x + rng.uniform(-LINE_DEG, LINE_DEG) / 2, west), east)
            y = min(max(y + rng.uniform(-LINE_DEG, LINE_DEG) / 2, south), north)
            points.append([round(x, 6), round(y, 6)])
        return {"type": "LineString", "coordinates": points}
    w, h = rng.uniform(0.0004, 0.0010), rng.uniform(0.0003, 0.0008)
    x0, y0 = max(west, x - w / 2), max(south, y - h / 2)
    x1, y1 = min(east, x0 + w), min(north, y0 + h)
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [[[round(a, 6), round(b, 6)] for a, b in ring]]}


def seed_problems(village: Region, rts: list[RT], actor) -> int:
    rng = random.Random(SEED)
    extent = village_extent(village)
    rpk = rpk_meeting(village)
    existing = set(
        Problem.objects.filter(village=village, source_ref__startswith="demo:").values_list(
            "source_ref", flat=True
        )
    )
    statuses = [
        ProblemStatus.REPORTED,
        ProblemStatus.VERIFIED,
        ProblemStatus.VERIFIED,
        ProblemStatus.PLANNED,
        ProblemStatus.REPORTED,
        ProblemStatus.VERIFIED,
    ]
    specs = [(ProblemKind.PROBLEM, PROBLEMS[i % len(PROBLEMS)]) for i in range(PROBLEM_COUNT)]
    specs += [
        (ProblemKind.POTENTIAL, POTENTIALS[i % len(POTENTIALS)]) for i in range(POTENTIAL_COUNT)
    ]
    made = 0
    for number, (kind, (domain, sector, shape, title, description)) in enumerate(specs, start=1):
        rt = rts[rng.randrange(len(rts))]
        if kind == ProblemKind.PROBLEM and sector == Sector.DRAINAGE:
            # The flooding the RPK named lies in Bajur Selatan (RW 03), RT 02 and 03.
            rt = next((r for r in rts if (r.rw.number, r.number) == (3, 2 + number % 2)), rt)
        households = rng.randint(3, 45)
        severity = rng.randint(2, 5) if kind == ProblemKind.PROBLEM else rng.randint(2, 4)
        geometry = _geometry(rng, shape, rt_box(rt))
        poor = rng.randint(0, households)
        reported_on = MAPPING_START + dt.timedelta(days=rng.randrange(MAPPING_DAYS))
        if f"demo:{number}" in existing:
            continue  # made once; later edits on the page are kept
        made += 1
        services_problems.problem_create(
            actor=actor,
            village=village,
            source_ref=f"demo:{number}",
            source=ProblemSource.SURVEY if number % 3 else ProblemSource.FORM,
            extent=extent,
            kind=kind,
            domain=TridayaDomain(domain),
            sector=Sector(sector),
            title=title,
            description=description,
            geometry=geometry,
            severity=severity,
            households_affected=households,
            poor_households_affected=poor,
            rt=rt,
            meeting=rpk if rpk is not None and _linked(number) else None,
            status=statuses[number % len(statuses)],
            reported_on=reported_on,
        )
    return made


def rpk_meeting(village: Region) -> Meeting | None:
    """The RPK focus-group discussion of the demo cycle, where problems were first named."""
    return Meeting.objects.filter(village=village, kind=MeetingKind.FGD).order_by("held_on").first()


def _linked(number: int) -> bool:
    return number % 4 == 0


def link_meetings(log) -> None:
    """Link every fourth demo problem to the RPK meeting once the cycle has recorded it."""
    village = Region.objects.get(code=BAJUR)
    rpk = rpk_meeting(village)
    if rpk is None:
        return
    linked = 0
    for problem in Problem.objects.filter(village=village, source_ref__startswith="demo:"):
        if problem.meeting_id is not None or not _linked(int(problem.source_ref.split(":")[1])):
            continue
        values = {name: getattr(problem, name) for name in LINK_FIELDS}
        services_problems.problem_update(actor=None, problem=problem, meeting=rpk, **values)
        linked += 1
    log(f"{BAJUR}: {linked} masalah/potensi dikaitkan ke {rpk.display_title}")


LINK_FIELDS = [
    "kind",
    "domain",
    "sector",
    "title",
    "geometry",
    "severity",
    "description",
    "households_affected",
    "poor_households_affected",
    "rt",
    "reported_on",
]
