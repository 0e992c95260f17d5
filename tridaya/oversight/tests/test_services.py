import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from PIL import Image

from tridaya.accounts.tests.factories import user_with_role
from tridaya.oversight import codes, selectors, services
from tridaya.oversight.errors import OversightError
from tridaya.oversight.models import Complaint, ComplaintStep, Level, Status, StepKind
from tridaya.oversight.tests.factories import jpeg_with_exif
from tridaya.regions.tests.factories import BAJUR

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def handlers(bajur):
    return {
        "bkm": user_with_role("bkm", BAJUR, email="bkm@example.org"),
        "facilitator": user_with_role("facilitator", "52.01", email="faskel@example.org"),
        "korkot": user_with_role("city_coordinator", "52.01", email="korkot@example.org"),
        "province": user_with_role("province_officer", "52"),
        "national": user_with_role("national_admin", None),
    }


def submit(village, **kw):
    from django.contrib.auth.models import AnonymousUser

    kw.setdefault("text", "Jalan lingkungan RT 02 retak setelah dua minggu.")
    return services.complaint_submit(actor=AnonymousUser(), village=village, now=T0, **kw)


def test_tracking_codes_are_long_random_and_from_an_unambiguous_alphabet():
    assert len(codes.ALPHABET) == 31 and len(set(codes.ALPHABET)) == 31
    assert not set("01IOU") & set(codes.ALPHABET)
    made = {codes.new_code() for _ in range(2000)}
    assert len(made) == 2000
    assert all(len(c) == 10 and set(c) <= set(codes.ALPHABET) for c in made)
    code = next(iter(made))
    assert codes.normalise(codes.display(code).lower()) == code
    assert codes.normalise("ABC") == ""


def test_wrong_code_and_unknown_code_give_the_same_answer(bajur):
    complaint = submit(bajur)
    wrong = complaint.tracking_code[:-1] + ("2" if complaint.tracking_code[-1] != "2" else "3")
    for text in (wrong, "ZZZZZ-ZZZZZ", "bad!", ""):
        with pytest.raises(Exception) as caught:
            selectors.complaint_by_code(text)
        assert type(caught.value).__name__ == "NotFound" and caught.value.messages == ["complaint"]
    assert selectors.complaint_by_code(complaint.code_display).pk == complaint.pk


def test_anonymous_complaint_is_received_with_a_clean_photo_and_a_deadline(bajur):
    complaint = submit(bajur, photos=[jpeg_with_exif()])
    assert complaint.name == "" and complaint.submitted_by is None
    assert complaint.status == Status.RECEIVED and complaint.level == Level.BKM
    assert complaint.due_at == T0 + dt.timedelta(days=3)
    photo = complaint.photos.get()
    with photo.image.open("rb") as f, Image.open(f) as image:
        assert max(image.size) == 1600
        assert not image.getexif()
    assert [s.kind for s in complaint.steps.all()] == [StepKind.RECEIVED]


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_written(bajur):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        submit(bajur, photos=[fake])
    assert caught.value.code == OversightError.NOT_A_PHOTO
    assert not Complaint.objects.exists()


def test_whole_life_resolved_by_the_korkot_after_automatic_escalations(
    bajur, handlers, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complaint = submit(bajur)
    services.complaint_classify(
        actor=handlers["bkm"],
        complaint=complaint,
        klass="masalah",
        scope="keuangan",
        field="L",
        now=T0,
    )
    complaint.refresh_from_db()
    assert complaint.due_at == T0 + dt.timedelta(days=14)
    services.complaint_log(
        actor=handlers["bkm"],
        complaint=complaint,
        kind=StepKind.ANSWER,
        note="Sedang kami periksa bersama KSM.",
        now=T0,
    )
    # The deadline passes: the job raises it to the facilitator and mails them.
    later = T0 + dt.timedelta(days=14, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.escalate_overdue(now=later)
    assert [c.pk for c in changed] == [complaint.pk]
    complaint.refresh_from_db()
    assert complaint.level == Level.FACILITATOR and complaint.due_at == later + dt.timedelta(
        days=14
    )
    # Rerunning at the same moment changes nothing.
    steps = ComplaintStep.objects.count()
    assert services.escalate_overdue(now=later) == []
    assert ComplaintStep.objects.count() == steps
    # The BKM no longer acts on it; the facilitator misses too, the korkot gets it.
    with pytest.raises(PermissionDenied):
        services.complaint_log(
            actor=handlers["bkm"], complaint=complaint, kind="tindakan", note="x"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate_overdue(now=later + dt.timedelta(days=15))
    complaint.refresh_from_db()
    assert complaint.level == Level.CITY
    services.complaint_close(
        actor=handlers["korkot"],
        complaint=complaint,
        resolved=True,
        note="Retakan diperbaiki KSM dengan biaya sendiri.",
        now=later + dt.timedelta(days=16),
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.RESOLVED and complaint.public_answer.startswith("Retakan")
    kinds = [s.kind for s in complaint.steps.all()]
    assert kinds == ["diterima", "diklasifikasi", "jawaban", "dinaikkan", "dinaikkan", "selesai"]
    assert {m.to[0] for m in mail.outbox} >= {"faskel@example.org", "korkot@example.org"}


def test_rejected_then_reopened_within_the_period_but_not_after(bajur, handlers):
    from django.contrib.auth.models import AnonymousUser

    complaint = submit(bajur)
    with pytest.raises(ValidationError) as caught:
        services.complaint_close(
            actor=handlers["bkm"], complaint=complaint, resolved=False, note="tidak"
        )
    assert caught.value.code == OversightError.REASON_TOO_SHORT
    services.complaint_close(
        actor=handlers["bkm"],
        complaint=complaint,
        resolved=False,
        note="Bukan kegiatan PLPBK: jalan ini dibangun dinas PU.",
        now=T0,
    )
    services.complaint_reopen(
        actor=AnonymousUser(),
        complaint=complaint,
        reason="Jalan ini ada di RTPLP, lihat peta.",
        now=T0 + dt.timedelta(days=13),
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROCESS and complaint.closed_at is None
    services.complaint_close(
        actor=handlers["bkm"],
        complaint=complaint,
        resolved=True,
        note="Benar, masuk RTPLP; diperbaiki minggu depan.",
        now=T0 + dt.timedelta(days=14),
    )
    with pytest.raises(ValidationError) as caught:
        services.complaint_reopen(
            actor=AnonymousUser(),
            complaint=complaint,
            reason="Belum juga diperbaiki sampai sekarang.",
            now=T0 + dt.timedelta(days=29),
        )
    assert caught.value.code == OversightError.REOPEN_EXPIRED


def test_bpkp_finding_has_a_four_day_deadline(bajur, handlers):
    finding = services.audit_finding_record(
        actor=handlers["facilitator"],
        village=bajur,
        text="Nota semen tahap 1 tidak lengkap.",
        scope="keuangan",
        now=T0,
    )
    assert finding.klass == "masalah" and finding.due_at == T0 + dt.timedelta(days=4)
    services.escalate_overdue(now=T0 + dt.timedelta(days=4))
    finding.refresh_from_db()
    assert finding.level == Level.FACILITATOR and finding.due_at == T0 + dt.timedelta(days=8)


def test_national_level_is_not_escalated_further_and_mailed_once(
    bajur, handlers, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    handlers["national"].email = "pusat@example.org"
    handlers["national"].save()
    complaint = submit(bajur)
    for days in (3, 6, 9, 12):
        services.escalate_overdue(now=T0 + dt.timedelta(days=days))
    complaint.refresh_from_db()
    assert complaint.level == Level.NATIONAL
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate_overdue(now=T0 + dt.timedelta(days=20))
        services.escalate_overdue(now=T0 + dt.timedelta(days=21))
    complaint.refresh_from_db()
    assert complaint.level == Level.NATIONAL
    assert len(mail.outbox) == sent + 1
    with pytest.raises(ValidationError) as caught:
        services.complaint_escalate(
            actor=handlers["national"],
            complaint=complaint,
            reason="Perlu ditangani lebih tinggi lagi dari pusat.",
        )
    assert caught.value.code == OversightError.TOP_LEVEL


def test_link_is_checked_through_the_owning_app(bajur, handlers):
    complaint = submit(bajur)
    with pytest.raises(ValidationError) as caught:
        services.complaint_classify(
            actor=handlers["bkm"],
            complaint=complaint,
            klass="masalah",
            scope="administrasi",
            field="L",
            link_type="paket",
            link_id=999999,
        )
    assert caught.value.code == OversightError.BAD_LINK
    complaint.refresh_from_db()
    assert complaint.klass == ""


def test_handling_log_is_append_only(bajur):
    step = submit(bajur).steps.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        ComplaintStep.objects.filter(pk=step.pk).update(note="dihapus")


def test_statistics_per_village_and_up(bajur, terong_tawah, handlers):
    a = submit(bajur)
    submit(bajur)
    submit(terong_tawah)
    services.complaint_classify(
        actor=handlers["bkm"],
        complaint=a,
        klass="informatif",
        kind="saran",
        scope="administrasi",
        field="S",
        now=T0,
    )
    services.complaint_close(
        actor=handlers["bkm"],
        complaint=a,
        resolved=True,
        note="Terima kasih, saran dipakai.",
        now=T0 + dt.timedelta(days=2),
    )
    now = T0 + dt.timedelta(days=5)
    village = selectors.complaint_stats(BAJUR, now=now)
    assert (village.received, village.open, village.overdue, village.resolved) == (2, 1, 1, 1)
    assert village.median_days == 2.0
    received = {r.key: r.counts.received for r in village.by_class if r.counts.received}
    assert received == {"saran": 1, "belum": 1}
    assert {r.key: r.counts.received for r in village.by_field if r.counts.received} == {
        "S": 1,
        "belum": 1,
    }
    regency = selectors.complaint_stats("52.01", now=now)
    assert regency.received == 3 and regency.open == 2


def test_complaint_submit_needs_text(bajur):
    with pytest.raises(ValidationError) as caught:
        submit(bajur, text="  ")
    assert caught.value.code == OversightError.EMPTY_TEXT


def test_timezone_helper_untouched():
    assert timezone.is_aware(T0)
