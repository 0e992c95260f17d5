"""Receipt photos and scans are checked by their content, not their name: a JPEG, PNG or WebP
image or a PDF, under the size cap. A renamed spreadsheet or program is refused."""

from django.utils.translation import gettext as _

from tridaya.core.money import group_thousands
from tridaya.finance import conf
from tridaya.finance.errors import FinanceError, refuse

SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"%PDF-", 0, "pdf"),
    (b"WEBP", 8, "webp"),
)


def evidence_type(head: bytes) -> str | None:
    """'jpg', 'png', 'webp' or 'pdf' from the first bytes of a file; None for anything else."""
    for magic, offset, name in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if name == "webp" and head[:4] != b"RIFF":
                continue
            return name
    return None


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
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = evidence_type(head)
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
