"""Receipt photos and scans are checked by their content, not their name: a JPEG, PNG or WebP
image or a PDF, under the size cap. A renamed spreadsheet or program is refused."""

from django.utils.translation import gettext as _

from tridaya.core.money import group_thousands
from tridaya.core.uploads.kinds import Kind, sniff
from tridaya.finance import conf
from tridaya.finance.errors import FinanceError, refuse

EVIDENCE_KINDS = frozenset({Kind.JPEG, Kind.PNG, Kind.WEBP, Kind.PDF})
NAMES = {Kind.JPEG: "jpg", Kind.PNG: "png", Kind.WEBP: "webp", Kind.PDF: "pdf"}


def evidence_type(file) -> str | None:
    """'jpg', 'png', 'webp' or 'pdf' from the file's content (core.uploads); None otherwise."""
    kind = sniff(file)
    return NAMES.get(kind) if kind is not None else None


def check_evidence(upload, *, field: str = "evidence") -> str:
    """Return the file's type, or refuse it naming what to upload instead."""
    size = upload.size
    limit = conf.evidence_max_bytes()
    if size > limit:
        raise refuse(
            FinanceError.EVIDENCE_TOO_LARGE,
            _(
                "Berkas bukti %(size)s byte, lebih besar dari batas %(limit)s byte. "
                "Perkecil foto atau pindai ulang dengan resolusi lebih rendah."
            )
            % {"size": group_thousands(size), "limit": group_thousands(limit)},
            field=field,
        )
    kind = evidence_type(upload)
    if kind is None:
        raise refuse(
            FinanceError.EVIDENCE_TYPE,
            _(
                "Berkas bukti bukan foto (JPEG, PNG, WebP) atau PDF. Unggah foto atau "
                "pindaian kuitansi/nota."
            ),
            field=field,
        )
    return kind
