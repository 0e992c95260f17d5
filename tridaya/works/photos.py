"""Checks a progress photo against its package: EXIF time and place (read with mapping's EXIF
reader), not taken before the package started, not farther than the setting from its location
(measured in the location's UTM zone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from shapely.geometry import Point, shape

from tridaya.core.formats import format_number
from tridaya.core.geo import to_utm, utm_epsg
from tridaya.mapping.exif import NotAnImage, read_photo
from tridaya.works.conf import photo_max_distance_m
from tridaya.works.errors import WorksError, refuse


@dataclass(frozen=True)
class CheckedPhoto:
    taken_at: dt.datetime
    latitude: Decimal
    longitude: Decimal
    distance_m: Decimal


def distance_m(geometry: dict, latitude: Decimal, longitude: Decimal) -> Decimal:
    """Metres from the point to the package's geometry (0 inside a polygon or on a line)."""
    geom = shape(geometry)
    centre = geom.centroid
    epsg = utm_epsg(centre.x, centre.y)
    there = to_utm(Point(float(longitude), float(latitude)), epsg)
    return Decimal(str(round(to_utm(geom, epsg).distance(there), 1)))


def check_photo(file, *, geometry: dict, starts_on: dt.date, zone: str) -> CheckedPhoto:
    name = getattr(file, "name", "foto")
    try:
        meta = read_photo(file, zone=zone)
    except NotAnImage:
        raise refuse(
            WorksError.NOT_A_PHOTO,
            _("%(name)s bukan foto yang bisa dibaca: unggah foto JPEG dari kamera.")
            % {"name": name},
            field="photo",
        ) from None
    if meta.taken_at is None:
        raise refuse(
            WorksError.PHOTO_NO_TIME,
            _(
                "%(name)s tidak menyimpan waktu pengambilan (EXIF): unggah foto asli dari kamera, "
                "bukan hasil kiriman ulang."
            )
            % {"name": name},
            field="photo",
        )
    if meta.latitude is None or meta.longitude is None:
        raise refuse(
            WorksError.PHOTO_NO_PLACE,
            _(
                "%(name)s tidak menyimpan lokasi (GPS): nyalakan lokasi di kamera HP lalu foto "
                "ulang."
            )
            % {"name": name},
            field="photo",
        )
    local_day = meta.taken_at.astimezone(meta.taken_at.tzinfo).date()
    if local_day < starts_on:
        raise refuse(
            WorksError.PHOTO_TOO_EARLY,
            _(
                "%(name)s diambil %(taken)s, sebelum paket mulai %(start)s: unggah foto pekerjaan "
                "ini yang terbaru."
            )
            % {
                "name": name,
                "taken": local_day.strftime("%d-%m-%Y"),
                "start": starts_on.strftime("%d-%m-%Y"),
            },
            field="photo",
        )
    distance = distance_m(geometry, meta.latitude, meta.longitude)
    limit = photo_max_distance_m()
    if distance > limit:
        raise refuse(
            WorksError.PHOTO_TOO_FAR,
            _(
                "%(name)s diambil %(distance)s m dari lokasi paket (paling jauh %(limit)s m): foto "
                "di lokasi pekerjaan."
            )
            % {"name": name, "distance": format_number(distance, 0), "limit": limit},
            field="photo",
        )
    return CheckedPhoto(meta.taken_at, meta.latitude, meta.longitude, distance)


def jpeg_with_exif(lon: float, lat: float, when: dt.datetime, *, size=(48, 36), colour="grey"):
    """A small JPEG whose EXIF records `when` (local time, no offset) and the place, written
    with Pillow alone (the demo and the tests use it)."""
    import io

    from PIL import Image

    def dms(value: float) -> tuple[float, float, float]:
        value = abs(value)
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round((value - degrees - minutes / 60) * 3600, 2)
        return (float(degrees), float(minutes), seconds)

    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x8825] = {
        1: "S" if lat < 0 else "N",
        2: dms(lat),
        3: "W" if lon < 0 else "E",
        4: dms(lon),
    }
    exif[0x8769] = {36867: when.strftime("%Y:%m:%d %H:%M:%S")}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=70)
    return buffer.getvalue()
