"""A training as printed documents: certificates (through tridaya.documents.certificate), the
pre-test and post-test forms with their answer key, and blank attendance sheets per session."""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import gettext as _

from tridaya.documents.berita_acara import AttendanceSheet, attendance_sheet_pdf
from tridaya.documents.certificate import (
    CertificateData,
    CertificateModule,
    Signer,
    certificate_pdf,
    date_range_id,
)
from tridaya.documents.pdf import render_pdf
from tridaya.training.models import (
    LETTERS,
    Certificate,
    Participant,
    QuestionKind,
    Session,
    TestKind,
    Training,
)
from tridaya.training.selectors.results import questions_of

PDF = "application/pdf"


def _signing_place(training: Training) -> str:
    region = training.region
    return region.display_name if region.is_village else region.name


def _holder_role(participant: Participant) -> str:
    parts = [participant.group_label]
    if participant.position:
        parts.append(participant.position)
    village = participant.village
    if village is not None:
        parts.append(str(village))
    return " · ".join(parts)


def region_text(training: Training) -> str:
    """'Desa Bajur, Kecamatan Labuapi, Kabupaten Lombok Barat' (ancestors attached)."""
    region = training.region
    ancestors = getattr(region, "ancestors", [])
    parts = [str(region)] + [str(a) for a in reversed(ancestors) if a.level >= 2]
    return ", ".join(parts)


def certificate_data(certificate: Certificate, verify_url: str) -> CertificateData:
    participant = certificate.participant
    training = participant.training
    signers = [
        Signer(role_title=title, name=name)
        for title, name in (
            (training.signer_title, training.signer_name),
            (training.cosigner_title, training.cosigner_name),
        )
        if title or name
    ] or [Signer(role_title=training.organiser or _("Penyelenggara"), name="")]
    return CertificateData(
        holder_name=certificate.holder_name,
        holder_role=_holder_role(participant),
        training_title=training.title,
        organiser=training.organiser,
        place=", ".join(p for p in (training.place, region_text(training)) if p),
        starts_on=training.starts_on,
        ends_on=training.ends_on,
        modules=[CertificateModule(m["title"], int(m["jpl"])) for m in certificate.modules],
        number=certificate.number,
        verification_code=certificate.display_code,
        verify_url=verify_url,
        issued_place=_signing_place(training),
        issued_on=certificate.issued_on,
        signers=signers,
        revoked=not certificate.is_valid,
    )


def certificate_file(certificate: Certificate, verify_url: str) -> bytes:
    return certificate_pdf(certificate_data(certificate, verify_url))


def certificate_filename(certificate: Certificate) -> str:
    return f"sertifikat-{slugify(certificate.holder_name)}-{certificate.code}.pdf"


def _header(training: Training) -> dict:
    return {
        "training": training,
        "region_text": region_text(training),
        "dates": date_range_id(training.starts_on, training.ends_on),
    }


def test_form_pdf(training: Training, kind: str) -> bytes:
    """The printed pre-test or post-test: every question of the training's modules, numbered as
    on the answer-entry page, with lines for the participant's name, group and date."""
    sections = questions_of(training)
    return render_pdf(
        "training/print/test_form.html",
        {
            **_header(training),
            "kind_label": TestKind(kind).label,
            "sections": sections,
            "letters": LETTERS,
            "true_false": QuestionKind.TRUE_FALSE,
        },
    )


def answer_key_pdf(training: Training) -> bytes:
    """The answer key for whoever marks the forms (never handed to participants)."""
    return render_pdf(
        "training/print/answer_key.html",
        {**_header(training), "sections": questions_of(training), "letters": LETTERS},
    )


def test_form_filename(training: Training, kind: str) -> str:
    return f"{kind}-test-{slugify(training.title)[:60]}.pdf"


def attendance_sheet(session: Session, number: int) -> bytes:
    training = session.training
    region = training.region
    ancestors = getattr(region, "ancestors", [])
    names = {a.level: str(a) for a in ancestors}
    title = _("%(training)s, sesi %(n)s: %(session)s") % {
        "training": training.title,
        "n": number,
        "session": session.display_title,
    }
    return attendance_sheet_pdf(
        AttendanceSheet(
            meeting_title=title,
            village_kind_and_name=str(region),
            district=names.get(3, ""),
            regency=names.get(2, ""),
            province=names.get(1, ""),
            held_on=session.date,
            start_time=session.start_time.strftime("%H.%M") if session.start_time else "",
            timezone_label=region.timezone_label,
            place=training.place,
            rows=max(30, training.participants.count() + 5),
        )
    )
