"""Images re-encoded before they are stored: the pixels are kept (turned upright), every piece of
metadata is dropped (phone make and model, serial numbers, thumbnails, XMP, comments), except,
where the app reads them, the time the photo was taken and the GPS position."""

from __future__ import annotations

import io
from typing import IO

from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from tridaya.core.errors import DomainError
from tridaya.core.uploads.errors import UploadError
from tridaya.core.uploads.kinds import Kind

# Exif IFD: DateTimeOriginal and its offset. GPS IFD: latitude/longitude with their references.
KEPT_EXIF = (36867, 36881)
KEPT_GPS = (1, 2, 3, 4)
FORMATS = {Kind.JPEG: "JPEG", Kind.PNG: "PNG", Kind.WEBP: "WEBP"}
READ_ERRORS = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,
    Image.DecompressionBombError,
)


def kept_exif(image: Image.Image) -> Image.Exif:
    """A fresh EXIF block with only the time taken and the GPS position of `image`'s."""
    source = image.getexif()
    out = Image.Exif()
    details = source.get_ifd(ExifTags.IFD.Exif)
    taken = {tag: details[tag] for tag in KEPT_EXIF if tag in details}
    if taken:
        out[ExifTags.IFD.Exif] = taken
    gps = source.get_ifd(ExifTags.IFD.GPSInfo)
    place = {tag: gps[tag] for tag in KEPT_GPS if tag in gps}
    if place:
        out[ExifTags.IFD.GPSInfo] = place
    return out


def reencode(file: IO[bytes], kind: Kind, *, keep_time_place: bool, label: str) -> bytes:
    """The image's pixels in the same format, without metadata (but time and place when asked)."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.load()
            exif = kept_exif(image) if keep_time_place else None
            upright = ImageOps.exif_transpose(image)
    except READ_ERRORS:
        raise DomainError(
            _("%(file)s bukan gambar yang bisa dibaca; unggah foto JPEG, PNG atau WebP.")
            % {"file": label},
            code=UploadError.IMAGE_BAD,
        ) from None
    finally:
        file.seek(0)
    fmt = FORMATS[kind]
    if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    options: dict = {"quality": 88} if fmt in ("JPEG", "WEBP") else {}
    if exif is not None and len(exif):
        options["exif"] = exif.tobytes()
    upright.save(out, format=fmt, **options)
    return out.getvalue()
