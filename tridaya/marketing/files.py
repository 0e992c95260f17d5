"""Uploaded documents checked by what they contain, never by their name (core.uploads): a signed
agreement or a piece of evidence must be a PDF, a DOCX, or a scan/photo (JPEG, PNG), at most the
document cap (20 MB by default)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.core.uploads.checks import check_upload
from tridaya.core.uploads.errors import UploadError
from tridaya.core.uploads.kinds import Kind
from tridaya.marketing.errors import MarketingError

AGREEMENT_KINDS = frozenset({Kind.PDF, Kind.DOCX, Kind.JPEG, Kind.PNG})
CODES = {UploadError.TOO_LARGE: MarketingError.FILE_TOO_LARGE}


def check_document(upload, *, field: str, label: str) -> str:
    """Refuse a missing, oversized or unrecognised file with a message naming the field."""
    if upload is None:
        raise DomainError(
            _("%(label)s belum diunggah.") % {"label": label},
            code=MarketingError.FILE_MISSING,
            field=field,
        )
    try:
        kind = check_upload(upload, accept=AGREEMENT_KINDS, group="document", field=field)
    except DomainError as exc:
        code = CODES.get(UploadError(str(exc.code)), MarketingError.FILE_TYPE)
        raise DomainError(
            _("%(label)s: %(reason)s") % {"label": label, "reason": exc.messages[0]},
            code=code,
            field=field,
        ) from None
    return "jpeg" if kind == Kind.JPEG else str(kind)
