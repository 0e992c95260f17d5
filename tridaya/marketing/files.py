"""Uploaded documents checked by what they contain, never by their name: a signed agreement or a
piece of evidence must be a PDF, a DOCX, or a scan/photo (JPEG, PNG), at most 20 MB."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.marketing.errors import MarketingError

MAX_BYTES = 20 * 1024 * 1024


def sniff(head: bytes, whole) -> str | None:
    """'pdf', 'docx', 'jpeg', 'png' or None, from the first bytes (and the ZIP's contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            whole.seek(0)
            with zipfile.ZipFile(io.BytesIO(whole.read())) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def check_document(upload, *, field: str, label: str) -> str:
    """Refuse a missing, oversized or unrecognised file with a message naming the field."""
    if upload is None:
        raise DomainError(
            _("%(label)s belum diunggah.") % {"label": label},
            code=MarketingError.FILE_MISSING,
            field=field,
        )
    if upload.size > MAX_BYTES:
        raise DomainError(
            _("%(label)s (%(name)s) terlalu besar: %(mb)s MB; paling besar 20 MB.")
            % {"label": label, "name": upload.name, "mb": round(upload.size / 1024 / 1024, 1)},
            code=MarketingError.FILE_TOO_LARGE,
            field=field,
        )
    upload.seek(0)
    head = upload.read(16)
    kind = sniff(head, upload)
    upload.seek(0)
    if kind is None:
        raise DomainError(
            _(
                "%(label)s (%(name)s) bukan PDF, DOCX, JPEG atau PNG menurut isinya. Unggah "
                "hasil pindaian atau berkas aslinya."
            )
            % {"label": label, "name": upload.name},
            code=MarketingError.FILE_TYPE,
            field=field,
        )
    return kind
