"""A meeting as official documents: its berita acara (DOCX and PDF) and a blank attendance sheet,
rendered by the documents app from plain data."""

from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from tridaya.cycle.models import Meeting, SignOff, SignOffKind
from tridaya.documents.berita_acara import (
    AttendanceSheet,
    Attendee,
    BeritaAcara,
    Signer,
    attendance_sheet_pdf,
    berita_acara_docx,
    berita_acara_pdf,
)
from tridaya.regions.selectors import attach_ancestors

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _places(meeting: Meeting) -> dict[str, Any]:
    village = meeting.village
    attach_ancestors([village])
    province, regency, district = (str(a) for a in village.ancestors)
    return {
        "village_kind_and_name": str(village),
        "district": district,
        "regency": regency,
        "province": province,
    }


def _signers(meeting: Meeting) -> list[Signer]:
    """The step's three sign-offs when given; otherwise blank blocks to sign by hand."""
    titles = {
        SignOffKind.SUBMITTED: _("Diserahkan oleh,\nBKM"),
        SignOffKind.ACKNOWLEDGED: _("Mengetahui,\n%(head)s") % {"head": meeting.village.head_title},
        SignOffKind.VERIFIED: _("Diverifikasi oleh,\nFasilitator"),
    }
    signed: dict[str, str] = {}
    if meeting.step_id:
        active = SignOff.objects.filter(step_id=meeting.step_id, withdrawn_at__isnull=True)
        signed = dict(active.values_list("kind", "signer_name"))
    return [
        Signer(role_title=str(title), name=signed.get(kind, "")) for kind, title in titles.items()
    ]


def _attendance(meeting: Meeting) -> list[Attendee]:
    return [
        Attendee(name=a.name, sex=a.sex, is_poor=a.is_poor, role=a.role, is_disabled=a.disabled)
        for a in meeting.attendees.all()
    ]


def berita_acara_data(meeting: Meeting, *, with_names: bool = False) -> BeritaAcara:
    """The meeting as a berita acara; the attendance list (names, poor status) is attached only
    when `with_names` (the caller checked `cycle.view_attendees`)."""
    return BeritaAcara(
        **_places(meeting),
        meeting_title=meeting.display_title,
        held_on=meeting.held_on,
        place=meeting.place,
        agenda=meeting.agenda,
        facilitator=meeting.facilitator,
        men=meeting.men,
        women=meeting.women,
        poor=meeting.poor,
        disabled=meeting.disabled,
        decisions=list(meeting.decisions),
        signers=_signers(meeting),
        number=meeting.number,
        start_time=meeting.start_time.strftime("%H.%M") if meeting.start_time else "",
        timezone_label=meeting.village.timezone_label,
        attendance=_attendance(meeting) if with_names else (),
    )


def berita_acara_file(meeting: Meeting, fmt: str, *, with_names: bool = False) -> tuple[bytes, str]:
    data = berita_acara_data(meeting, with_names=with_names)
    content = berita_acara_pdf(data) if fmt == "pdf" else berita_acara_docx(data)
    return content, FORMATS[fmt]


def berita_acara_filename(meeting: Meeting, fmt: str) -> str:
    return f"berita-acara-{slugify(meeting.display_title)}-{meeting.held_on:%Y-%m-%d}.{fmt}"


def attendance_sheet(meeting: Meeting) -> bytes:
    women_min = 30
    if meeting.step is not None:
        women_min = int(meeting.step.cycle.program.women_min_pct)
    places = _places(meeting)
    return attendance_sheet_pdf(
        AttendanceSheet(
            meeting_title=meeting.display_title,
            held_on=meeting.held_on,
            place=meeting.place,
            women_min_percent=women_min,
            timezone_label=meeting.village.timezone_label,
            **places,
        )
    )
