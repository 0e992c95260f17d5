"""Demo cycle: Desa Bajur is part-way through Perencanaan (Persiapan done, the RPK, pemetaan
swadaya and vision steps done, prioritisation running); Terong Tawah is at its RKM. Everything goes
through the services; only the timestamps are moved back afterwards so the history reads like
the months it took."""

import datetime as dt

from django.utils import timezone

from tridaya.accounts.models import User
from tridaya.cycle import services
from tridaya.cycle.models import (
    MeetingKind,
    Program,
    SignOffKind,
    Step,
    StepStatus,
    VillageCycle,
)
from tridaya.cycle.services import MeetingInput
from tridaya.regions.demo import BAJUR, TERONG_TAWAH
from tridaya.regions.models import Region

PROGRAM = {"code": "plpbk-2026", "name": "PLPBK 2026", "year": 2026}

# step code -> (meeting kind or None, date, place, (men, women, poor, disabled), decisions)
BAJUR_HISTORY = [
    (
        "sosialisasi",
        MeetingKind.LOKAKARYA,
        dt.date(2026, 2, 10),
        "Aula Kantor Desa Bajur",
        (38, 21, 12, 1),
        ["Warga memahami tujuan dan tahapan PLPBK.", "BKM menyiapkan Rembug Kesiapan Masyarakat."],
    ),
    (
        "rkm",
        MeetingKind.RKM,
        dt.date(2026, 3, 5),
        "Masjid Nurul Huda, Dusun Bajur Tengah",
        (92, 61, 48, 3),
        [
            "Warga Desa Bajur siap mengikuti seluruh tahap PLPBK.",
            "Warga berkomitmen menyediakan swadaya tenaga dan lahan.",
            "TIPP dibentuk paling lambat dua minggu setelah RKM.",
        ],
    ),
    ("tipp", None, dt.date(2026, 3, 20), "", None, []),
    ("pelatihan", None, dt.date(2026, 4, 16), "", None, []),
    (
        "rpk",
        MeetingKind.FGD,
        dt.date(2026, 5, 12),
        "Berugak Dusun Karang Bedil",
        (24, 17, 14, 1),
        [
            "Banjir genangan di RT 02 dan RT 03 RW 03 menjadi persoalan kritis utama.",
            "Sanitasi rumah tangga miskin di Bajur Selatan perlu ditangani.",
        ],
    ),
    ("pemetaan_swadaya", None, dt.date(2026, 7, 30), "", None, []),
    (
        "visi",
        MeetingKind.REMBUG_WARGA,
        dt.date(2026, 8, 20),
        "Aula Kantor Desa Bajur",
        (71, 55, 39, 2),
        ["Visi: Bajur yang bersih, sehat, produktif dan bebas kumuh pada 2031."],
    ),
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _sign_and_complete(step: Step, when: dt.date, slug: str) -> None:
    signers = {
        SignOffKind.SUBMITTED: f"bkm.{slug}",
        SignOffKind.ACKNOWLEDGED: f"aparat.{slug}",
        SignOffKind.VERIFIED: f"fasilitator.{slug}",
    }
    for kind, username in signers.items():
        services.signoff_give(actor=_user(username), step=step, kind=kind, signed_on=when)
    services.step_complete(actor=_user(f"fasilitator.{slug}"), step=step)
    # Move the timestamps back to when it happened (the services stamp "now").
    moment = timezone.make_aware(dt.datetime.combine(when, dt.time(15, 0)))
    Step.objects.filter(pk=step.pk).update(completed_at=moment)
    Step.objects.filter(cycle=step.cycle, order=step.order + 1).update(opened_at=moment)


def _meeting(village, step, kind, when, place, counts, decisions, slug) -> None:
    men, women, poor, disabled = counts
    services.meeting_record(
        actor=_user(f"fasilitator.{slug}"),
        village=village,
        step=step,
        data=MeetingInput(
            kind=kind,
            agenda=step.description,
            held_on=when,
            place=place,
            facilitator="Fasilitator Kelurahan Tim 3 Lombok Barat",
            men=men,
            women=women,
            poor=poor,
            disabled=disabled,
            decisions=tuple(decisions),
        ),
    )


def _enrol(code: str, program: Program) -> VillageCycle | None:
    village = Region.objects.get(code=code)
    if VillageCycle.objects.filter(village=village, program=program).exists():
        return None
    cycle = services.cycle_enrol(actor=None, village=village, program=program)
    start = timezone.make_aware(dt.datetime(2026, 2, 1, 9, 0))
    VillageCycle.objects.filter(pk=cycle.pk).update(created_at=start)
    cycle.steps.filter(order=1).update(opened_at=start)
    return cycle


# Steps whose gates read other apps' demo data (training, mapping) are completed by a second seed
# step that runs after those apps have seeded.
LATER_STEPS = ("pelatihan", "rpk", "pemetaan_swadaya", "visi")


def seed(log) -> None:
    """Enrol both villages, record Bajur's meetings and finish the steps that need no other app."""
    program, _created = Program.objects.get_or_create(code=PROGRAM["code"], defaults=PROGRAM)
    cycle = _enrol(BAJUR, program)
    if cycle is not None:
        for code, kind, when, place, counts, decisions in BAJUR_HISTORY:
            step = cycle.steps.get(code=code)
            if kind is not None:
                _meeting(cycle.village, step, kind, when, place, counts, decisions, "bajur")
        for code, _kind, when, *_rest in BAJUR_HISTORY:
            if code not in LATER_STEPS:
                _sign_and_complete(cycle.steps.get(code=code), when, "bajur")
        log(f"{BAJUR}: Persiapan sampai pembentukan TIPP selesai")
    neighbour = _enrol(TERONG_TAWAH, program)
    if neighbour is not None:
        step = neighbour.steps.get(code="sosialisasi")
        _meeting(
            neighbour.village,
            step,
            MeetingKind.LOKAKARYA,
            dt.date(2026, 9, 14),
            "Kantor Desa Terong Tawah",
            (41, 26, 15, 0),
            ["Warga sepakat mengikuti PLPBK."],
            "terongtawah",
        )
        _sign_and_complete(step, dt.date(2026, 9, 14), "terongtawah")
        log(f"{TERONG_TAWAH}: sedang di RKM")


def seed_history(log) -> None:
    """Finish Bajur's training, RPK, mapping and vision steps once their data is seeded."""
    cycle = VillageCycle.objects.filter(village_id=BAJUR, program__code=PROGRAM["code"]).first()
    if cycle is None:
        return
    done = 0
    for code, _kind, when, *_rest in BAJUR_HISTORY:
        step = cycle.steps.get(code=code)
        if code in LATER_STEPS and step.status == StepStatus.OPEN:
            _sign_and_complete(step, when, "bajur")
            done += 1
    if done:
        log(f"{BAJUR}: {done} langkah lagi selesai, sedang di 'Penentuan prioritas'")
