from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from tridaya.cycle import services
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import MeetingKind, Step
from tridaya.cycle.selectors import gate_results
from tridaya.cycle.tests.factories import enrolled, meeting_input


def results(step: Step) -> dict[str, tuple[bool, str]]:
    step = Step.objects.select_related("cycle__program").get(pk=step.pk)
    return {r.rule: (r.ok, r.message) for r in gate_results(step)}


@pytest.fixture
def rkm(bajur):
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="rkm")
    Step.objects.filter(cycle=cycle, order__lt=step.order).update(status="done")
    step.status = "open"
    step.save()
    return step


def record(step, **counts):
    return services.meeting_record(
        actor=None, village=step.cycle.village, step=step, data=meeting_input(**counts)
    )


@pytest.mark.django_db
def test_without_a_meeting_every_meeting_rule_fails_and_says_so(rkm):
    r = results(rkm)
    assert r["meeting_held"] == (
        False,
        "Belum ada Rembug Kesiapan Masyarakat (RKM) yang tercatat untuk langkah ini.",
    )
    assert r["women_share"][0] is False
    assert r["attendance_min"][0] is False


@pytest.mark.django_db
def test_meeting_held_passes_with_the_date(rkm):
    record(rkm)
    assert results(rkm)["meeting_held"] == (
        True,
        "Rembug Kesiapan Masyarakat (RKM) tercatat pada 5 Maret 2026.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("men", "women", "ok", "text"),
    [
        (35, 15, True, "Perempuan 15 dari 50 peserta (30%), minimal 30%."),
        (36, 14, False, "Perempuan 14 dari 50 peserta (28%), kurang dari minimal 30%."),
        (40, 10, False, "Perempuan 10 dari 50 peserta (20%), kurang dari minimal 30%."),
        (7, 3, True, "Perempuan 3 dari 10 peserta (30%), minimal 30%."),
        (0, 0, False, "Perempuan 0 dari 0 peserta (0%), kurang dari minimal 30%."),
    ],
)
def test_women_quota_at_and_around_the_threshold(rkm, men, women, ok, text):
    record(rkm, men=men, women=women, poor=0, disabled=0)
    assert results(rkm)["women_share"] == (ok, text)


@pytest.mark.django_db
def test_threshold_is_a_program_setting(rkm):
    program = rkm.cycle.program
    program.women_min_pct = Decimal("40")
    program.save()
    record(rkm, men=30, women=20)
    assert results(rkm)["women_share"] == (True, "Perempuan 20 dari 50 peserta (40%), minimal 40%.")
    record(rkm, men=31, women=19)
    assert results(rkm)["women_share"][0] is False


@pytest.mark.django_db
def test_the_newest_meeting_of_the_kind_counts(rkm):
    record(rkm, men=40, women=10)
    record(rkm, men=30, women=20, held_on=rkm.cycle.created_at.date())
    assert results(rkm)["women_share"][0] is True


@pytest.mark.django_db
def test_no_quorum_until_the_program_sets_one(rkm):
    record(rkm, men=3, women=2, poor=1)
    assert results(rkm)["attendance_min"] == (
        True,
        "Hadir 5 orang; program belum menetapkan kuorum.",
    )
    program = rkm.cycle.program
    program.quorum = 6
    program.save()
    assert results(rkm)["attendance_min"] == (False, "Hadir 5 orang, kurang dari kuorum 6.")
    program.quorum = 5
    program.save()
    assert results(rkm)["attendance_min"] == (True, "Hadir 5 orang, kuorum 5 terpenuhi.")


@pytest.mark.django_db
def test_poor_share(rkm):
    record(rkm, men=30, women=20, poor=9)
    assert results(rkm)["poor_share"] == (
        True,
        "Program belum menetapkan batas minimal warga miskin.",
    )
    program = rkm.cycle.program
    program.poor_min_pct = Decimal("20")
    program.save()
    assert results(rkm)["poor_share"] == (
        False,
        "Warga miskin 9 dari 50 peserta (18%), kurang dari minimal 20%.",
    )
    record(rkm, men=30, women=20, poor=10)
    assert results(rkm)["poor_share"][0] is True


@pytest.mark.django_db
def test_previous_steps_rule_names_what_is_pending(bajur):
    cycle = enrolled(bajur)
    rkm = cycle.steps.get(code="rkm")
    ok, message = results(rkm)["previous_steps_done"]
    assert not ok and "Sosialisasi dan lokakarya" in message


@pytest.mark.django_db
def test_documents_and_output_rules(bajur, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="sosialisasi")
    step.definition["gates"] = [
        {"rule": "documents", "kind": "ba_komitmen", "label": "Berita acara komitmen"},
        {"rule": "output", "name": "uji_output"},
    ]
    step.save()
    state = {"done": False}
    register_output("uji_output", "Uji", lambda s: (state["done"], "keluaran uji"))

    r = results(step)
    assert r["documents"] == (
        False,
        "Dokumen 'Berita acara komitmen' baru 0 dari 1 yang diperlukan.",
    )
    assert r["output:uji_output"] == (False, "keluaran uji")

    services.document_upload(
        actor=None,
        step=step,
        kind="ba_komitmen",
        title="BA",
        file=ContentFile(b"%PDF-1.4", name="ba.pdf"),
    )
    state["done"] = True
    r = results(step)
    assert r["documents"][0] is True and r["output:uji_output"][0] is True


@pytest.mark.django_db
def test_meeting_kind_label_in_messages(rkm):
    assert str(MeetingKind.RKM.label) in results(rkm)["meeting_held"][1]
