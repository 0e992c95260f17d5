"""Training certificates (sertifikat) as PDF.

Plain data in, bytes out: the training app builds a `CertificateData` for a participant who
completed a training and calls `certificate_pdf`. The first page is the certificate (A4
landscape) with its number, the signature blocks and the verification code with the address of
the public page that checks it; the second page lists the modules completed and their lesson
hours (JPL). Nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tridaya.core.dates import MONTHS, format_date_id
from tridaya.documents.pdf import render_pdf
from tridaya.documents.signers import Signer, signature_rows

__all__ = [
    "CertificateData",
    "CertificateModule",
    "Signer",
    "certificate_context",
    "certificate_pdf",
    "date_range_id",
]


def date_range_id(start: dt.date, end: dt.date) -> str:
    """'7-10 April 2026', '28 Maret-2 April 2026', '30 Desember 2026-2 Januari 2027', or one
    day '7 April 2026'."""
    if end < start:
        raise ValueError("end must not be before start")
    if start == end:
        return format_date_id(start)
    if start.year != end.year:
        return f"{format_date_id(start)}-{format_date_id(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]}-{format_date_id(end)}"
    return f"{start.day}-{format_date_id(end)}"


@dataclass(frozen=True)
class CertificateModule:
    title: str
    jpl: int


@dataclass(frozen=True, kw_only=True)
class CertificateData:
    """What a certificate says. `verification_code` is printed as given (e.g. '7K2M-QX4P-9DRT');
    `verify_url` is the address of the public page that checks it."""

    holder_name: str
    holder_role: str  # "UPK Desa Bajur", "Sekretaris Desa Bajur"; may be ""
    training_title: str
    organiser: str  # may be "": the "diselenggarakan oleh" clause is left out
    place: str  # "Aula Kantor Desa Bajur, Desa Bajur, Kecamatan Labuapi"
    starts_on: dt.date
    ends_on: dt.date
    modules: Sequence[CertificateModule]
    number: str
    verification_code: str
    verify_url: str
    issued_place: str  # "Bajur"
    issued_on: dt.date
    signers: Sequence[Signer]
    revoked: bool = False  # prints "DICABUT" across the page (copies kept for the record)

    def __post_init__(self) -> None:
        for name in ("holder_name", "training_title", "number", "verification_code"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"{name} must not be empty")
        if not self.modules:
            raise ValueError("a certificate lists at least one module")
        for module in self.modules:
            if not isinstance(module.jpl, int) or isinstance(module.jpl, bool) or module.jpl < 0:
                raise ValueError(f"module {module.title!r}: jpl must be a whole number")
        date_range_id(self.starts_on, self.ends_on)

    @property
    def total_jpl(self) -> int:
        return sum(m.jpl for m in self.modules)


def certificate_context(data: CertificateData) -> dict[str, Any]:
    """The words of the certificate (also handy for previews and tests)."""
    dates = date_range_id(data.starts_on, data.ends_on)
    statement = _("telah mengikuti dan menyelesaikan %(training)s") % {
        "training": data.training_title.strip()
    }
    if data.organiser.strip():
        statement += " " + _("yang diselenggarakan oleh %(organiser)s") % {
            "organiser": data.organiser.strip()
        }
    statement += " " + _("pada %(dates)s") % {"dates": dates}
    if data.place.strip():
        statement += " " + _("di %(place)s") % {"place": data.place.strip()}
    statement += ", " + _("dengan beban belajar %(jpl)s JPL.") % {"jpl": data.total_jpl}
    return {
        "title": _("SERTIFIKAT"),
        "number_line": _("Nomor: %(number)s") % {"number": data.number},
        "given_to": _("diberikan kepada"),
        "holder_name": data.holder_name.strip(),
        "holder_role": data.holder_role.strip(),
        "statement": statement,
        "place_date": f"{data.issued_place.strip()}, {format_date_id(data.issued_on)}".lstrip(", "),
        "signature_rows": signature_rows(data.signers),
        "verification": _(
            "Keaslian sertifikat ini dapat diperiksa di %(url)s dengan kode verifikasi %(code)s."
        )
        % {"url": data.verify_url, "code": data.verification_code},
        "code": data.verification_code,
        "modules_title": _("Materi pelatihan"),
        "modules_intro": _("Lampiran sertifikat nomor %(number)s atas nama %(name)s.")
        % {"number": data.number, "name": data.holder_name.strip()},
        "modules_header": (pgettext("nomor urut", "No"), _("Materi"), _("JPL")),
        "modules": [(str(i), m.title, str(m.jpl)) for i, m in enumerate(data.modules, start=1)],
        "total_label": _("Jumlah"),
        "total_jpl": data.total_jpl,
        "jpl_note": _("1 JPL (jam pelajaran) = 45 menit."),
        "revoked": data.revoked,
        "revoked_label": _("DICABUT"),
    }


def certificate_pdf(data: CertificateData, *, base_url: str | None = None) -> bytes:
    """The certificate and its list of modules as a two-page PDF (A4 landscape)."""
    return render_pdf("documents/certificate.html", certificate_context(data), base_url=base_url)
