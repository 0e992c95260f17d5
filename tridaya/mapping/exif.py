"""Where and when a photo was taken, from its EXIF (phones record both when location is on)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

TAG_DATETIME = 306  # IFD0 DateTime (last change)
TAG_DATETIME_ORIGINAL = 36867  # Exif DateTimeOriginal (when the shutter fired)
TAG_OFFSET_ORIGINAL = 36881  # Exif OffsetTimeOriginal, e.g. "+08:00"
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 1, 2, 3, 4
SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class PhotoMeta:
    width: int
    height: int
    taken_at: dt.datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class NotAnImage(ValueError):
    pass


def _degrees(value: Any) -> float:
    """EXIF GPS degrees/minutes/seconds (three rationals) as decimal degrees."""
    degrees, minutes, seconds = (float(part) for part in value)
    return degrees + minutes / 60 + seconds / 3600


def _coordinate(value: Any, ref: Any, negative: str) -> Decimal | None:
    try:
        number = _degrees(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if str(ref).strip().upper() == negative:
        number = -number
    return Decimal(str(number)).quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _moment(text: Any, offset: Any, zone: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        naive = dt.datetime.strptime(str(text).strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        try:
            parsed = dt.datetime.strptime(str(offset).strip("\x00 "), "%z")
            return naive.replace(tzinfo=parsed.tzinfo)
        except ValueError:
            pass
    # Without an offset, the camera's clock is taken to run on the village's local time.
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(str(zone)))


def read_photo(file, *, zone: str = "Asia/Jakarta") -> PhotoMeta:
    """Size, time and place of an image file. Raises NotAnImage for anything Pillow cannot
    read as an image."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with Image.open(file) as image:
            image.verify()
        if position is not None:
            file.seek(position)
        with Image.open(file) as image:
            width, height = image.size
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise NotAnImage(str(exc)) from exc
    finally:
        if position is not None:
            file.seek(position)
    details = exif.get_ifd(ExifTags.IFD.Exif)
    taken_at = _moment(
        details.get(TAG_DATETIME_ORIGINAL) or exif.get(TAG_DATETIME),
        details.get(TAG_OFFSET_ORIGINAL),
        zone,
    )
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    latitude = longitude = None
    if GPS_LAT in gps and GPS_LON in gps:
        latitude = _coordinate(gps[GPS_LAT], gps.get(GPS_LAT_REF, "N"), "S")
        longitude = _coordinate(gps[GPS_LON], gps.get(GPS_LON_REF, "E"), "W")
        if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
            latitude = longitude = None
    return PhotoMeta(width, height, taken_at, latitude, longitude)
