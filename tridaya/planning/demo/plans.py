"""Demo RPLP of Desa Bajur (seed step order 70, after the mapping and the kawasan).

The RPLP is derived from Bajur's mapped problems: one program per sector the problems name, each
answering those problems, with a 5-year investment plan split over BLM, APBD, CSR and swadaya.
It goes through uji publik (a meeting of the cycle's uji publik step, three points raised and
answered), revision, the three sign-offs (BKM, Kepala Desa, Pokja Teknis) and legalisation, and
the cycle steps "Penyusunan RPLP", "Uji publik RPLP" and "Legalisasi RPLP" are completed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from tridaya.accounts.models import User
from tridaya.core.choices import Sector
from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import MeetingKind, SignOffKind, Step, StepStatus, VillageCycle
from tridaya.cycle.services import MeetingInput
from tridaya.mapping.selectors.households import surveyed_by_rt
from tridaya.mapping.selectors.problems import (
    Problem,
    open_problems,
)
from tridaya.mapping.selectors.reach import ProblemCount, distinct_reach
from tridaya.planning.calc import line_amount
from tridaya.planning.models import (
    PlanKind,
    SignatoryKind,
)
from tridaya.planning.services import plans, versions
from tridaya.regions.models import Region

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


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _problems(village: Region) -> list[Problem]:
    return list(open_problems(village).order_by("id"))


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
        households, poor = reached(linked, version.plan.village_id)
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


def reached(linked, village_code: str) -> tuple[int, int]:
    """Households and poor households the linked problems reach: the plan's one figure
    (`mapping.selectors.reach`), so the demo's beneficiaries never count a household twice."""
    reach = distinct_reach(
        [ProblemCount(p.rt_id, p.households_affected, p.poor_households_affected) for p in linked],
        surveyed_by_rt(village_code),
    )
    return reach.households, reach.poor_households


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
    versions.version_start_public_test(actor=tipp, version=version, meeting=meeting)
    for raised_by, point, answer, changes in FEEDBACK:
        item = versions.feedback_add(actor=tipp, version=version, raised_by=raised_by, point=point)
        versions.feedback_answer(actor=tipp, feedback=item, answer=answer, changes_plan=changes)
    versions.version_revise(actor=tipp, version=version)
    _complete(step, PUBLIC_TEST_ON)
    for username, kind, name, position in (
        ("bkm.bajur", SignatoryKind.BKM, "", "Koordinator BKM Bajur Sejahtera"),
        ("aparat.bajur", SignatoryKind.LURAH, "H. Muhammad Zainuddin", "Kepala Desa Bajur"),
        ("korkot.lobar", SignatoryKind.POKJA, "", "Bappeda Kabupaten Lombok Barat"),
    ):
        user = _user(username)
        versions.version_sign(
            actor=user,
            version=version,
            kind=kind,
            signer_name=name if user else (name or username),
            position=position,
            signed_on=LEGALISED_ON,
        )
    versions.version_legalise(
        actor=_user("fasilitator.bajur"), version=version, legalised_on=LEGALISED_ON
    )
    _complete(_step(village, "rplp_legal"), LEGALISED_ON)
