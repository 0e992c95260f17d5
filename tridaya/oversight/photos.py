"""Complaint photos: checked by their content (Pillow must decode them, whatever the file name
says), size-capped, and re-encoded as a JPEG of at most PHOTO_MAX_SIDE pixels without any
metadata, so the phone's GPS position or model never reaches a page."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tridaya.oversight.conf import PHOTO_MAX_BYTES, PHOTO_MAX_SIDE
from tridaya.oversight.errors import OversightError, refuse


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    width: int
    height: int


def clean_photo(file, *, index: int = 1) -> CleanPhoto:
    size = getattr(file, "size", None)
    if size is not None and size > PHOTO_MAX_BYTES:
        raise refuse(
            OversightError.PHOTO_TOO_LARGE,
            _("Foto ke-%(n)s lebih dari %(mb)s MB: kecilkan ukurannya lalu unggah lagi.")
            % {"n": index, "mb": PHOTO_MAX_BYTES // (1024 * 1024)},
            field="photos",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.load()
            photo = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise refuse(
            OversightError.NOT_A_PHOTO,
            _("Foto ke-%(n)s bukan gambar yang bisa dibaca: unggah foto JPEG atau PNG.")
            % {"n": index},
            field="photos",
        ) from None
    photo.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=82)  # no exif= argument: metadata is dropped
    return CleanPhoto(ContentFile(out.getvalue(), name=f"foto-{index}.jpg"), *photo.size)
