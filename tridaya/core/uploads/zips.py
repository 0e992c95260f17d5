"""ZIP archives read safely: the central directory is checked before any member is inflated.

A ZIP (a survey export with photos, a zipped Shapefile, a DOCX or XLSX) is refused when it holds
more entries than the cap, declares more uncompressed bytes in total than the cap, or has a member
that inflates more than `ratio` times its compressed size (a zip bomb). zipfile never inflates a
member past its declared size (and checks its CRC), so checking the declared sizes is enough."""

from __future__ import annotations

import re
import zipfile
from typing import IO

from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.core.uploads.errors import UploadError
from tridaya.core.uploads.limits import MB, ZipLimits, zip_limits

DRIVE = re.compile(r"^[A-Za-z]:")
# A member this small is not judged by its ratio (a few zeros compress well and harm nobody).
RATIO_FLOOR = 1 * MB


def unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or "\x00" in name:
        return True
    return bool(DRIVE.match(name)) or ".." in parts


def _refuse(message: str, code: UploadError, field: str | None) -> DomainError:
    return DomainError(message, code=code, field=field)


def _check_member(info: zipfile.ZipInfo, label: str, limits: ZipLimits, field: str | None):
    if unsafe_name(info.filename):
        raise _refuse(
            _("%(file)s berisi nama berkas yang tidak aman (%(name)s); buat ulang berkas ZIP-nya.")
            % {"file": label, "name": info.filename[:200]},
            UploadError.ZIP_UNSAFE,
            field,
        )
    if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
        raise _refuse(
            _(
                "%(file)s: isi %(name)s memuai %(ratio)s kali saat dibuka (paling banyak "
                "%(limit)s kali); berkas ini tidak wajar. Buat ulang berkas ZIP dari data aslinya."
            )
            % {
                "file": label,
                "name": info.filename[:200],
                "ratio": info.file_size // max(info.compress_size, 1),
                "limit": limits.ratio,
            },
            UploadError.ZIP_RATIO,
            field,
        )


def check_zip(file: IO[bytes], *, label: str, field: str | None = None) -> list[zipfile.ZipInfo]:
    """The archive's entries, or a refusal naming the file and the cap it breaks."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(
            _("%(file)s bukan berkas ZIP yang utuh (%(error)s); unggah ulang berkasnya.")
            % {"file": label, "error": str(exc)[:120]},
            UploadError.ZIP_BAD,
            field,
        ) from exc
    finally:
        file.seek(0)
    check_entries(entries, label=label, field=field)
    return entries


def check_entries(entries: list[zipfile.ZipInfo], *, label: str, field: str | None = None) -> None:
    """Refuse an archive whose directory breaks a cap (entries, total size, ratio, names)."""
    limits = zip_limits()
    if len(entries) > limits.entries:
        raise _refuse(
            _(
                "%(file)s berisi %(count)s berkas; paling banyak %(limit)s. Bagi menjadi "
                "beberapa ZIP."
            )
            % {"file": label, "count": len(entries), "limit": limits.entries},
            UploadError.ZIP_TOO_MANY,
            field,
        )
    total = sum(info.file_size for info in entries)
    if total > limits.total_bytes:
        raise _refuse(
            _(
                "%(file)s berisi %(mb)s MB setelah dibuka; paling besar %(limit)s MB. Bagi "
                "menjadi beberapa ZIP."
            )
            % {"file": label, "mb": total // MB, "limit": limits.total_bytes // MB},
            UploadError.ZIP_TOO_BIG,
            field,
        )
    for info in entries:
        _check_member(info, label, limits, field)
