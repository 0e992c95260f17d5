"""Demo RPLP and RTPLP of Desa Bajur (seed step order 70, after the mapping and the kawasan).

The RPLP is derived from Bajur's mapped problems: one program per sector the problems name, each
answering those problems, with a 5-year investment plan split over BLM, APBD, CSR and swadaya.
It goes through uji publik (a meeting of the cycle's uji publik step, three points raised and
answered), revision, the three sign-offs (BKM, Kepala Desa, Pokja Teknis) and legalisation, and
the cycle steps "Penyusunan RPLP", "Uji publik RPLP" and "Legalisasi RPLP" are completed. The
RTPLP of the chosen kawasan prioritas is in progress: three activities located in the kawasan,
each with a RAB priced from the (illustrative) HSPK of Lombok Barat imported through the
importer. Everything goes through the services; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from shapely.geometry import shape

from tridaya.accounts.models import User
from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import MeetingKind, SignOffKind, Step, StepStatus, VillageCycle
from tridaya.cycle.services import MeetingInput
from tridaya.mapping.models import Problem, ProblemKind, ProblemStatus, Sector
from tridaya.planning import services_plans as plans
from tridaya.planning import services_rab as rab
from tridaya.planning.calc import line_amount
from tridaya.planning.models import (
    AreaStatus,
    Plan,
    PlanKind,
    PriceItem,
    PriceList,
    PriorityArea,
    SignatoryKind,
)
from tridaya.planning.safeguards import ITEM_KEYS
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

HSPK_FILE = Path(__file__).resolve().parent / "demo_data" / "hspk-lombok-barat-2026.csv"
START_YEAR = 2027
DRAFTED_ON = dt.date(2026, 10, 8)
PUBLIC_TEST_ON = dt.date(2026, 10, 22)
LEGALISED_ON = dt.date(2026, 11, 12)

# sector -> (program name, component, unit, unit cost, volume per year, years)
PROGRAMS = {
    Sector.DRAINAGE: (
        "Penataan drainase lingkungan",
        "Saluran drainase pasangan batu",
        "m",
        650_000,
        Decimal("400"),
        (2027, 2028, 2029),
    ),
    Sector.ROADS: (
        "Peningkatan jalan lingkungan",
        "Rabat beton jalan gang",
        "m2",
        225_000,
        Decimal("900"),
        (2027, 2028),
    ),
    Sector.WATER: (
        "Akses air minum aman",
        "Sambungan rumah dan hidran umum",
        "SR",
        1_850_000,
        Decimal("60"),
        (2028, 2029),
    ),
    Sector.WASTEWATER: (
        "Sanitasi layak rumah tangga miskin",
        "Jamban sehat dan tangki septik",
        "unit",
        4_500_000,
        Decimal("40"),
        (2027, 2028, 2029),
    ),
    Sector.WASTE: (
        "Pengelolaan sampah berbasis warga",
        "Bank sampah dan gerobak terpilah",
        "paket",
        35_000_000,
        Decimal("1"),
        (2027, 2029),
    ),
    Sector.BUILDINGS: (
        "Perbaikan rumah tidak layak huni",
        "Bedah rumah warga miskin",
        "unit",
        17_500_000,
        Decimal("12"),
        (2028, 2029, 2030),
    ),
    Sector.FIRE: (
        "Proteksi kebakaran lingkungan",
        "Hidran dan APAR lingkungan",
        "paket",
        45_000_000,
        Decimal("1"),
        (2030,),
    ),
    Sector.ECONOMY: (
        "Penguatan usaha warga",
        "Pinjaman bergulir dan pelatihan usaha",
        "paket",
        75_000_000,
        Decimal("1"),
        (2027, 2028, 2029, 2030, 2031),
    ),
    Sector.HEALTH: (
        "Layanan kesehatan keluarga",
        "Posyandu dan kader kesehatan",
        "paket",
        25_000_000,
        Decimal("1"),
        (2027, 2029, 2031),
    ),
    Sector.EDUCATION: (
        "Pendidikan dan keterampilan",
        "Beasiswa dan kursus keterampilan",
        "paket",
        30_000_000,
        Decimal("1"),
        (2028, 2030),
    ),
    Sector.SOCIAL: (
        "Kepedulian kelompok rentan",
        "Pendampingan lansia dan disabilitas",
        "paket",
        20_000_000,
        Decimal("1"),
        (2027, 2029, 2031),
    ),
    Sector.GREEN_SPACE: (
        "Ruang terbuka hijau",
        "Taman bermain dan penghijauan",
        "paket",
        60_000_000,
        Decimal("1"),
        (2031,),
    ),
}
# Share of each row's cost carried by APBD kabupaten, CSR and swadaya (the rest is BLM).
SPLIT = {"apbd_city": 25, "csr": 5, "swadaya": 10}

TEXTS = plans.VersionTexts(
    vision="Bajur yang bersih, sehat, produktif dan bebas kumuh pada 2031.",
    mission="\n".join(
        [
            "Menata drainase, jalan, air minum dan sanitasi sehingga tidak ada lagi RT kumuh.",
            "Menguatkan usaha warga miskin melalui pinjaman bergulir dan pelatihan.",
            "Melibatkan perempuan dan kelompok rentan dalam setiap keputusan.",
            "Memelihara hasil pembangunan bersama melalui KPP.",
        ]
    ),
    concept=(
        "Penataan dimulai dari kawasan prioritas Bajur Selatan yang paling sering tergenang, lalu "
        "meluas ke RT lain mengikuti urutan kelas kekumuhan. Prasarana dibangun dengan pola "
        "padat karya oleh KSM; swadaya warga berupa tenaga, lahan dan uang."
    ),
    community_rules="\n".join(
        [
            "Setiap rumah tangga tidak membuang sampah ke saluran dan sungai.",
            "Warga bergotong royong membersihkan saluran setiap Jumat pertama.",
            "Lahan untuk prasarana umum dihibahkan dengan surat pernyataan tertulis.",
            "Bangunan baru tidak menutup saluran dan berjarak paling sedikit 1 m dari saluran.",
        ]
    ),
    env_social_notes=(
        "Pekerjaan galian dilakukan pada musim kemarau; tanah galian tidak ditimbun di badan "
        "jalan. Tidak ada warga yang dipindahkan. Pekerja mendapat alat pelindung diri, dan "
        "kelompok rentan diprioritaskan sebagai penerima manfaat sanitasi."
    ),
    start_year=START_YEAR,
    sections={
        "pendahuluan": (
            "RPLP Desa Bajur disusun oleh TIPP bersama warga sebagai rencana penataan "
            "lingkungan permukiman lima tahun, berdasarkan hasil pemetaan swadaya, penentuan "
            "prioritas dan penetapan kawasan prioritas."
        ),
        "kondisi": (
            "Desa Bajur terdiri atas 4 RW dan 16 RT. Genangan, sanitasi rumah tangga miskin dan "
            "jalan gang yang rusak menjadi masalah utama hasil pemetaan swadaya."
        ),
        "isu": (
            "Isu strategis: banjir genangan di RW 03, sanitasi tidak layak, sampah di saluran, "
            "dan rendahnya pendapatan rumah tangga miskin. Risiko: curah hujan tinggi, "
            "status lahan sebagian belum jelas."
        ),
    },
)
FEEDBACK = [
    (
        "Ibu Nurhayati, RT 02 RW 03",
        "Saluran di gang Melati mohon didahulukan karena paling sering meluap.",
        "Disetujui: saluran gang Melati masuk tahun 2027 di RTPLP Bajur Selatan.",
        True,
    ),
    (
        "Bapak Lalu Sahnan, RT 01 RW 02",
        "Apakah warga penyewa rumah juga mendapat jamban?",
        "Ya, penerima ditentukan menurut KK miskin, bukan status pemilik rumah.",
        False,
    ),
    (
        "Kelompok perempuan Dusun Karang Bedil",
        "Tambahkan pelatihan usaha olahan pangan untuk ibu-ibu.",
        "Ditambahkan pada program penguatan usaha warga tahun 2028.",
        True,
    ),
]
# RTPLP activities: (name, sector, HSPK lines [(code, volume)], offset east/north in degrees)
ACTIVITIES = [
    (
        "Saluran drainase gang Melati",
        Sector.DRAINAGE,
        [("A.2.2.1.1", "42.5"), ("A.3.2.1.2", "31.2"), ("A.3.2.1.9", "96"), ("C.1.1.3", "24")],
        (0.25, 0.3),
    ),
    (
        "Rabat beton jalan gang Kenanga",
        Sector.ROADS,
        [("A.2.2.1.11", "12"), ("A.4.1.1.5", "36.75"), ("C.1.1.2", "18")],
        (0.6, 0.55),
    ),
    (
        "Tangki septik komunal RT 02",
        Sector.WASTEWATER,
        [("B.2.1.4", "1"), ("B.2.1.1", "120"), ("B.2.1.6", "6"), ("C.1.1.3", "15")],
        (0.45, 0.75),
    ),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _problems(village: Region) -> list[Problem]:
    return list(
        Problem.objects.filter(village=village, kind=ProblemKind.PROBLEM)
        .exclude(status=ProblemStatus.REJECTED)
        .order_by("id")
    )


def _cost_split(cost: int) -> dict[str, int]:
    funding = {source: cost * pct // 100 for source, pct in SPLIT.items()}
    funding["blm"] = cost - sum(funding.values())
    return funding


def seed_rplp(village: Region, tipp: User | None):
    problems = _problems(village)
    plan = plans.plan_create(actor=tipp, village=village, kind=PlanKind.RPLP, start_year=START_YEAR)
    version = plan.versions.get(number=1)
    version = plans.version_update_texts(actor=tipp, version=version, data=TEXTS)
    by_sector: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_sector[problem.sector].append(problem)
    for position, (sector, (name, component, unit, cost, volume, years)) in enumerate(
        PROGRAMS.items()
    ):
        linked = by_sector.get(sector, [])
        if not linked and sector not in (Sector.ECONOMY, Sector.SOCIAL):
            continue
        domains = [p.domain for p in linked] or (["E"] if sector == Sector.ECONOMY else ["S"])
        domain = max(set(domains), key=domains.count)
        program = plans.program_save(
            actor=tipp,
            version=version,
            data=plans.ProgramInput(
                domain=domain,
                name=name,
                years=years,
                position=position,
                problem_ids=tuple(p.pk for p in linked),
                description=f"{component}; menjawab {len(linked)} masalah hasil pemetaan.",
            ),
        )
        households = sum(p.households_affected for p in linked)
        poor = sum(p.poor_households_affected for p in linked)
        for year in years:
            amount = line_amount(volume, cost)
            plans.investment_row_save(
                actor=tipp,
                version=version,
                data=plans.InvestmentInput(
                    year=year,
                    domain=domain,
                    component=component,
                    volume=volume,
                    unit=unit,
                    unit_cost=cost,
                    funding=_cost_split(amount),
                    program_id=program.pk,
                    detail=name,
                    location="Desa Bajur",
                    people=households * 4 // len(years),
                    women=households * 2 // len(years),
                    mbr=poor * 4 // len(years),
                    households=households // len(years),
                    poor_households=poor // len(years),
                ),
            )
    return version


def _step(village: Region, code: str) -> Step | None:
    cycle = VillageCycle.objects.filter(village=village).order_by("-program__year").first()
    return cycle.steps.filter(code=code).first() if cycle else None


def _complete(step: Step | None, when: dt.date) -> None:
    if step is None or step.status != StepStatus.OPEN:
        return
    signers = {
        SignOffKind.SUBMITTED: "bkm.bajur",
        SignOffKind.ACKNOWLEDGED: "aparat.bajur",
        SignOffKind.VERIFIED: "fasilitator.bajur",
    }
    for kind, username in signers.items():
        user = _user(username)
        if user is None:
            return
        cycle_services.signoff_give(actor=user, step=step, kind=kind, signed_on=when)
    cycle_services.step_complete(actor=_user("fasilitator.bajur"), step=step)
    moment = timezone.make_aware(dt.datetime.combine(when, dt.time(15, 0)))
    Step.objects.filter(pk=step.pk).update(completed_at=moment)
    Step.objects.filter(cycle=step.cycle, order=step.order + 1).update(opened_at=moment)


def legalise_rplp(village: Region, version) -> None:
    _complete(_step(village, "rplp_draft"), DRAFTED_ON)
    step = _step(village, "uji_publik")
    meeting = cycle_services.meeting_record(
        actor=_user("fasilitator.bajur"),
        village=village,
        step=step if step is not None and step.status == StepStatus.OPEN else None,
        data=MeetingInput(
            kind=MeetingKind.UJI_PUBLIK,
            title="Uji publik draf RPLP Desa Bajur",
            agenda="Uji publik draf RPLP Desa Bajur 2027-2031",
            held_on=PUBLIC_TEST_ON,
            place="Aula Kantor Desa Bajur",
            facilitator="Fasilitator Kelurahan Tim 3 Lombok Barat",
            men=64,
            women=52,
            poor=41,
            disabled=3,
            decisions=("Warga menerima draf RPLP dengan tiga masukan yang dijawab TIPP.",),
        ),
    )
    tipp = _user("tipp.bajur")
    plans.version_start_public_test(actor=tipp, version=version, meeting=meeting)
    for raised_by, point, answer, changes in FEEDBACK:
        item = plans.feedback_add(actor=tipp, version=version, raised_by=raised_by, point=point)
        plans.feedback_answer(actor=tipp, feedback=item, answer=answer, changes_plan=changes)
    plans.version_revise(actor=tipp, version=version)
    _complete(step, PUBLIC_TEST_ON)
    for username, kind, name, position in (
        ("bkm.bajur", SignatoryKind.BKM, "", "Koordinator BKM Bajur Sejahtera"),
        ("aparat.bajur", SignatoryKind.LURAH, "H. Muhammad Zainuddin", "Kepala Desa Bajur"),
        ("korkot.lobar", SignatoryKind.POKJA, "", "Bappeda Kabupaten Lombok Barat"),
    ):
        user = _user(username)
        plans.version_sign(
            actor=user,
            version=version,
            kind=kind,
            signer_name=name if user else (name or username),
            position=position,
            signed_on=LEGALISED_ON,
        )
    plans.version_legalise(
        actor=_user("fasilitator.bajur"), version=version, legalised_on=LEGALISED_ON
    )
    _complete(_step(village, "rplp_legal"), LEGALISED_ON)


def seed_price_list() -> PriceList | None:
    regency = Region.objects.filter(code="52.01").first()
    if regency is None:
        return None
    price_list = PriceList.objects.filter(region=regency, year=2026).first()
    if price_list is None:
        price_list = rab.price_list_create(
            actor=None,
            region=regency,
            year=2026,
            name="HSPK Kabupaten Lombok Barat (contoh)",
            source="Data contoh untuk demo, bukan Perbup resmi",
        )
    rab.price_list_import(
        actor=None, price_list=price_list, content=HSPK_FILE.read_bytes(), filename=HSPK_FILE.name
    )
    return price_list


def _point_in(area: PriorityArea, east: float, north: float) -> dict:
    west, south, east_edge, north_edge = shape(area.geometry).bounds
    lon = west + (east_edge - west) * east
    lat = south + (north_edge - south) * north
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def seed_rtplp(village: Region, area: PriorityArea, price_list: PriceList | None, rplp) -> None:
    tipp = _user("tipp.bajur")
    plan = plans.plan_create(
        actor=tipp, village=village, kind=PlanKind.RTPLP, start_year=START_YEAR, kawasan=area
    )
    version = plan.versions.get(number=1)
    inside = shape(area.geometry)
    problems = [
        p for p in _problems(village) if p.geometry and inside.intersects(shape(p.geometry))
    ]
    version = plans.version_update_texts(
        actor=tipp,
        version=version,
        data=plans.VersionTexts(
            start_year=START_YEAR,
            concept=(
                "Kawasan Bajur Selatan ditata dengan saluran pasangan batu yang mengalir ke "
                "sungai, rabat beton gang, dan tangki septik komunal untuk rumah tangga miskin."
            ),
            community_rules="Saluran dibersihkan KPP setiap bulan.\nIuran pemeliharaan "
            "Rp 5.000 per KK per bulan.",
            env_social_notes="Galian tidak menutup akses rumah warga lebih dari satu hari.",
            sections={
                "pendahuluan": f"RTPLP untuk {area.name}, hasil penetapan kawasan "
                "prioritas Desa Bajur."
            },
        ),
    )
    items = {i.code: i for i in PriceItem.objects.filter(price_list=price_list)}
    rows = list(rplp.investment_rows.select_related("program")) if rplp is not None else []
    for position, (name, sector, lines, (east, north)) in enumerate(ACTIVITIES):
        linked = [p for p in problems if p.sector == sector]
        row = next(
            (
                r
                for r in rows
                if r.program and r.program.name == PROGRAMS[sector][0] and r.year == START_YEAR
            ),
            None,
        )
        activity = rab.activity_save(
            actor=tipp,
            version=version,
            data=rab.ActivityInput(
                name=name,
                year=START_YEAR,
                domain="L",
                sector=sector,
                location=area.name,
                geometry=_point_in(area, east, north),
                position=position,
                problem_ids=tuple(p.pk for p in linked),
                rplp_row_id=row.pk if row else None,
                starts_on=dt.date(2027, 3 + 2 * position, 1),
                ends_on=dt.date(2027, 4 + 2 * position, 28),
                households=sum(p.households_affected for p in linked),
                poor_households=sum(p.poor_households_affected for p in linked),
                people=4 * sum(p.households_affected for p in linked),
                women=2 * sum(p.households_affected for p in linked),
            ),
        )
        for code, volume in lines:
            item = items.get(code)
            if item is not None:
                rab.rab_item_add(
                    actor=tipp,
                    activity=activity,
                    data=rab.RABItemInput(volume=Decimal(volume), price_item_id=item.pk),
                )
        activity.refresh_from_db()
        rab.activity_save(
            actor=tipp,
            version=version,
            activity=activity,
            data=rab.ActivityInput(
                name=activity.name,
                year=activity.year,
                domain=activity.domain,
                sector=activity.sector,
                location=activity.location,
                geometry=activity.geometry,
                position=position,
                problem_ids=tuple(p.pk for p in linked),
                rplp_row_id=activity.rplp_row_id,
                starts_on=activity.starts_on,
                ends_on=activity.ends_on,
                funding={"swadaya": activity.rab_total // 10},
                households=activity.households,
                poor_households=activity.poor_households,
                people=activity.people,
                women=activity.women,
            ),
        )
    answers = {key: {"answer": "ya", "note": ""} for key in ITEM_KEYS}
    answers["lahan"] = {"answer": "ya", "note": "Surat hibah lahan saluran dari 6 pemilik."}
    answers.pop("pemeliharaan")
    plans.version_set_safeguards(actor=tipp, version=version, answers=answers)


def seed(log) -> None:
    village = Region.objects.filter(code=BAJUR).first()
    if village is None or Plan.objects.filter(village=village).exists():
        return
    tipp = _user("tipp.bajur")
    version = seed_rplp(village, tipp)
    legalise_rplp(village, version)
    log(f"{BAJUR}: RPLP versi 1 disahkan ({version.programs.count()} program)")
    price_list = seed_price_list()
    area = (
        PriorityArea.objects.filter(village=village, status=AreaStatus.CHOSEN)
        .order_by("id")
        .first()
    )
    if area is None:
        log(f"{BAJUR}: belum ada kawasan prioritas; RTPLP tidak dibuat")
        return
    seed_rtplp(village, area, price_list, version)
    log(f"{BAJUR}: RTPLP {area.name} sedang disusun (3 kegiatan dengan RAB)")
