"""Demo trainings. Desa Bajur's basic training of April 2026, as the program's records have it:
its BKM, UP-UP and apparatus on the six core modules over four days, with attendance (one BKM
member missed two sessions and is incomplete; both UPL staff were out surveying during the BLM
funding session, which leaves that gap on the capacity map), pre-test and post-test scores,
certificates and a follow-up plan part-way done. Terong Tawah has its training planned for
December. Everything goes through the services as the facilitator; only timestamps are moved back
so the history reads like the weeks it took. The step is idempotent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from tridaya.accounts.models import User
from tridaya.institutions.models import BKM, BKMPosition, Person, TIPPGroup, TIPPMember, UPStaff
from tridaya.regions.demo import BAJUR, TERONG_TAWAH
from tridaya.regions.models import Region
from tridaya.training.definitions import sync_curricula
from tridaya.training.models import (
    ActorGroup,
    Curriculum,
    FollowUpStatus,
    Participant,
    TestKind,
    Training,
)
from tridaya.training.services.certificates import training_close
from tridaya.training.services.follow_ups import follow_up_add
from tridaya.training.services.participants import participant_add, participants_add_people
from tridaya.training.services.results import scores_record
from tridaya.training.services.sessions import SessionInput, attendance_record, session_update
from tridaya.training.services.trainings import TrainingInput, training_create

CORE = [
    "konsep_plpbk",
    "peran_pelaku",
    "siklus_plpbk",
    "pemetaan_swadaya",
    "penyusunan_rencana",
    "pendanaan_blm",
]
FACILITATOR = "Baiq Nurul Hidayati"
TRAINERS = [
    f"{FACILITATOR} (Fasilitator Kelurahan)",
    f"{FACILITATOR}; Lalu Muhammad Zulkarnain (Askot Kelembagaan)",
    "Lalu Muhammad Zulkarnain (Askot Kelembagaan)",
    f"I Made Suarta (TA Perencanaan Partisipatif); {FACILITATOR}",
    "I Made Suarta (TA Perencanaan Partisipatif)",
    "Hj. Rabiatul Adawiyah (Askot Keuangan)",
]
BAJUR_TITLE = "Pelatihan Dasar PLPBK bagi BKM, UP-UP dan Aparat Desa Bajur"
TERONG_TAWAH_TITLE = "Pelatihan Dasar PLPBK Desa Terong Tawah"
FOLLOW_UPS = [
    (
        "Sosialisasi hasil pelatihan kepada warga di setiap dusun",
        "BKM (Koordinator)",
        dt.date(2026, 4, 30),
        FollowUpStatus.DONE,
        "Dilaksanakan di empat dusun, 23-29 April 2026.",
        dt.date(2026, 4, 29),
    ),
    (
        "Menyusun jadwal pemetaan swadaya bersama relawan",
        "TIPP",
        dt.date(2026, 5, 15),
        FollowUpStatus.DONE,
        "Jadwal disepakati di rapat TIPP 8 Mei 2026.",
        dt.date(2026, 5, 8),
    ),
    (
        "Membuka rekening bersama BKM dengan dua contoh tanda tangan",
        "UPK",
        dt.date(2026, 5, 31),
        FollowUpStatus.DONE,
        "",
        dt.date(2026, 5, 20),
    ),
    (
        "Menyiapkan papan informasi dan kotak pengaduan di kantor desa",
        "Aparat desa (Kasi Kesejahteraan)",
        dt.date(2026, 6, 30),
        FollowUpStatus.IN_PROGRESS,
        "Papan informasi terpasang; kotak pengaduan belum.",
        None,
    ),
    (
        "Pelatihan susulan modul Pendanaan BLM bagi UPL dan anggota KSM",
        "Fasilitator Kelurahan",
        dt.date(2026, 12, 15),
        FollowUpStatus.PLANNED,
        "Menunggu jadwal Askot Keuangan.",
        None,
    ),
]


def _facilitator(slug: str) -> User:
    return User.objects.get(username=f"fasilitator.{slug}")


def _curriculum() -> Curriculum:
    sync_curricula()
    found = Curriculum.objects.filter(code="plpbk-inti").order_by("-version").first()
    assert found is not None, "the curriculum files include plpbk-inti"
    return found


def _roster(village: Region) -> list[tuple[Person, str, str]]:
    """(person, group, position) of the BKM, the UP-UP and the TIPP's apparatus members."""
    picks: list[tuple[Person, str, str]] = []
    bkm = BKM.objects.filter(village=village).first()
    if bkm is not None:
        order = BKMPosition.values
        members = sorted(
            bkm.members.select_related("person"), key=lambda m: (order.index(m.position), m.pk)
        )
        picks += [(m.person, ActorGroup.BKM, m.get_position_display()) for m in members]
    for staff in UPStaff.objects.filter(unit__village=village).select_related("person", "unit"):
        picks.append((staff.person, staff.unit.kind.lower(), staff.position))
    apparatus = TIPPMember.objects.filter(tipp__village=village, group=TIPPGroup.APPARATUS)
    for member in apparatus.select_related("person"):
        picks.append((member.person, ActorGroup.APARAT, member.role))
    return picks


def _score(value: float) -> Decimal:
    return Decimal(min(100, max(0, round(value / 5) * 5)))


def _bajur_training(village: Region, actor: User, picks: list[tuple[Person, str, str]]) -> Training:
    """The core training of Bajur with its sessions planned and their trainers."""
    bkm_coordinator = picks[0][0].name if picks else ""
    training = training_create(
        actor=actor,
        region=village,
        curriculum=_curriculum(),
        data=TrainingInput(
            title=BAJUR_TITLE,
            place="Aula Kantor Desa Bajur",
            starts_on=dt.date(2026, 4, 7),
            ends_on=dt.date(2026, 4, 10),
            module_codes=tuple(CORE),
            organiser="BKM Bajur Bersatu bersama Tim Fasilitator Kelurahan Lombok Barat",
            target_groups=("bkm", "upk", "upl", "ups", "tipp", "aparat"),
            cost_program=7_500_000,
            cost_swadaya=1_250_000,
            notes="Konsumsi dan tempat dari swadaya BKM dan Pemerintah Desa Bajur.",
            signer_title="Koordinator BKM Bajur Bersatu",
            signer_name=bkm_coordinator,
            cosigner_title="Fasilitator Kelurahan",
            cosigner_name=FACILITATOR,
        ),
        plan_sessions=True,
    )
    sessions = list(training.sessions.select_related("module").order_by("date", "start_time"))
    for session, trainers in zip(sessions, TRAINERS, strict=True):
        session_update(
            actor=actor,
            session=session,
            data=SessionInput(
                date=session.date,
                start_time=session.start_time,
                end_time=session.end_time,
                module=session.module,
                trainers=trainers,
            ),
        )
    return training


def _bajur_results(actor: User, training: Training) -> list[Participant]:
    """Attendance with a few absences, and pre-test and post-test scores around a gain."""
    sessions = list(training.sessions.select_related("module").order_by("date", "start_time"))
    people = list(training.participants.order_by("pk"))
    by_group: dict[str, list[Participant]] = {}
    for p in people:
        by_group.setdefault(p.group, []).append(p)
    bkm, upl, ups = by_group.get("bkm", []), by_group.get("upl", []), by_group.get("ups", [])
    guest = people[-1]
    absent: dict[int, set[int]] = {
        1: {bkm[8].pk} if len(bkm) > 8 else set(),  # away at a family wedding for two sessions
        2: {bkm[8].pk} if len(bkm) > 8 else set(),
        3: {guest.pk},
        4: {ups[0].pk} if ups else set(),
        5: {p.pk for p in upl},  # both UPL staff out on the drainage survey
    }
    for index, session in enumerate(sessions):
        present = [p.pk for p in people if p.pk not in absent.get(index, set())]
        attendance_record(actor=actor, session=session, present=present)
    rng = random.Random(2026_04_07)
    for index, session in enumerate(sessions):
        module = session.module
        assert module is not None  # planned sessions are one per module
        pre, post = {}, {}
        for p in people:
            if p.pk in absent.get(index, set()):
                continue
            base = rng.gauss(50, 11)
            pre[p.pk] = _score(base)
            if p.pk == guest.pk and index == 5:
                continue  # left before the last post-test
            post[p.pk] = _score(base + rng.uniform(12, 34))
        scores_record(actor=actor, training=training, module=module, kind=TestKind.PRE, scores=pre)
        scores_record(
            actor=actor, training=training, module=module, kind=TestKind.POST, scores=post
        )
    return people


def seed_bajur(village: Region) -> str:
    if Training.objects.filter(region=village, title=BAJUR_TITLE).exists():
        return "pelatihan dasar sudah ada"
    actor = _facilitator("bajur")
    picks = _roster(village)
    training = _bajur_training(village, actor, picks)
    participants_add_people(actor=actor, training=training, picks=picks)
    participant_add(
        actor=actor,
        training=training,
        name="Lalu Abdul Rahman",
        sex="L",
        group=ActorGroup.APARAT,
        position="Kaur Perencanaan Desa Bajur",
    )
    people = _bajur_results(actor, training)
    report = training_close(actor=actor, training=training, issued_on=training.ends_on)
    for action, owner, due_on, status, note, done_on in FOLLOW_UPS:
        follow_up_add(
            actor=actor,
            training=training,
            action=action,
            owner=owner,
            due_on=due_on,
            status=status,
            note=note,
            today=done_on or due_on,
        )
    closed_at = timezone.make_aware(dt.datetime(2026, 4, 10, 16, 0))
    Training.objects.filter(pk=training.pk).update(closed_at=closed_at, created_at=closed_at)
    return (
        f"{len(people)} peserta, {training.sessions.count()} sesi, "
        f"{len(report.issued)} sertifikat, {len(FOLLOW_UPS)} RKTL"
    )


def seed_terong_tawah(village: Region) -> str:
    if Training.objects.filter(region=village, title=TERONG_TAWAH_TITLE).exists():
        return "pelatihan terencana sudah ada"
    actor = _facilitator("terongtawah")
    training = training_create(
        actor=actor,
        region=village,
        curriculum=_curriculum(),
        data=TrainingInput(
            title=TERONG_TAWAH_TITLE,
            place="Kantor Desa Terong Tawah",
            starts_on=dt.date(2026, 12, 8),
            ends_on=dt.date(2026, 12, 11),
            module_codes=tuple(CORE),
            organiser="BKM Terong Tawah Mandiri",
            target_groups=("bkm", "upk", "upl", "ups", "aparat"),
            cost_program=6_000_000,
            cost_swadaya=900_000,
        ),
        plan_sessions=True,
    )
    participants_add_people(actor=actor, training=training, picks=_roster(village))
    return f"{training.participants.count()} peserta terdaftar, Desember 2026"


def seed(log) -> None:
    for code, run in ((BAJUR, seed_bajur), (TERONG_TAWAH, seed_terong_tawah)):
        log(f"{code}: {run(Region.objects.get(code=code))}")
