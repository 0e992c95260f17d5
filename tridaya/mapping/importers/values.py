"""Typed answers from the text of one cell: integers, decimals, dates, yes/no, choices,
geopoints and geotraces as KoBo and ODK write them. A bad value raises `BadValue` with the reason
in Indonesian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.mapping.importers.spec import (
    DATE,
    DECIMAL,
    GEOPOINT,
    GEOSHAPE,
    GEOTRACE,
    IMAGE,
    INTEGER,
    NOTE,
    RT,
    RW,
    SELECT_ONE,
    TEXT,
    YES_NO,
    FormSpec,
    Question,
)

YES = frozenset({"ya", "yes", "y", "1", "true", "benar"})

NO = frozenset({"tidak", "no", "n", "0", "false", "salah", "tdk"})


class BadValue(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_integer(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise BadValue(_("bukan bilangan bulat")) from None
    if not number.is_integer():
        raise BadValue(_("bukan bilangan bulat"))
    return int(number)


def parse_decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadValue(_("bukan angka")) from None
    if not value.is_finite():
        raise BadValue(_("bukan angka"))
    return value


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise BadValue(_("tanggal tidak sah; tulis TTTT-BB-HH, misalnya 2026-03-15")) from None


def parse_datetime(text: str) -> dt.datetime | None:
    """`2026-03-04T05:06:07` (KoBo, UTC) or `2026-03-04T05:06:07.123Z` (ODK Central)."""
    text = text.strip()
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise BadValue(_("waktu tidak sah; tulis TTTT-BB-HHTjj:mm:dd")) from None
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value


def parse_yes_no(text: str) -> bool | None:
    word = text.strip().lower()
    if not word:
        return None
    if word in YES:
        return True
    if word in NO:
        return False
    raise BadValue(_("jawab ya atau tidak"))


def select_parser(question: Question, spec: FormSpec) -> Callable[[str], str | None]:
    names = frozenset(choice.name for choice in spec.choice_lists[question.choices])
    listed = ", ".join(sorted(names))

    def parse(text: str) -> str | None:
        value = text.strip()
        if not value:
            return None
        if value in names:
            return value
        raise BadValue(
            _("pilihan tidak dikenal; gunakan salah satu dari: %(names)s") % {"names": listed}
        )

    return parse


class GeoPoint(NamedTuple):
    """A point as ODK records it (a named tuple: a million of them are made per large import,
    and a tuple is made several times faster than a frozen dataclass)."""

    lat: float
    lon: float
    altitude: float | None = None
    accuracy: float | None = None

    def geojson(self) -> dict:
        return {"type": "Point", "coordinates": [self.lon, self.lat]}

    def geojson_text(self) -> str:
        """The same as JSON text, written directly (json.dumps costs more per point)."""
        return f'{{"type": "Point", "coordinates": [{self.lon!r}, {self.lat!r}]}}'


def geopoint(lat: float, lon: float, alt: float | None, acc: float | None) -> GeoPoint:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadValue(
            _(
                "koordinat di luar jangkauan (lintang -90..90, bujur -180..180); "
                "urutannya lintang lalu bujur"
            )
        )
    return GeoPoint(lat, lon, alt, acc)


def parse_geopoint_text(text: str) -> GeoPoint | None:
    """ODK's geopoint text: `lat lon [alt [accuracy]]`."""
    parts = text.split()
    if not parts:
        return None
    if not 2 <= len(parts) <= 4:
        raise BadValue(_("titik lokasi harus berisi 'lintang bujur ketinggian akurasi'"))
    try:
        lat, lon, *rest = map(float, parts)
    except ValueError:
        raise BadValue(_("titik lokasi berisi teks yang bukan angka")) from None
    altitude = rest[0] if rest else None
    accuracy = rest[1] if len(rest) > 1 else None
    return geopoint(lat, lon, altitude, accuracy)


def parse_geo_line(text: str) -> list[tuple[float, float]] | None:
    """ODK's geotrace / geoshape text: points `lat lon alt acc` joined with `;`."""
    text = text.strip()
    if not text:
        return None
    points = []
    for chunk in text.split(";"):
        if chunk.strip():
            point = parse_geopoint_text(chunk)
            if point is not None:
                points.append((point.lon, point.lat))
    if len(points) < 2:
        raise BadValue(_("garis atau area perlu paling sedikit dua titik"))
    return points


def _text(text: str) -> str | None:
    return text.strip() or None


# Answers as exports spell them, looked up before any parsing: most cells are one of a few
# spellings, and a dictionary lookup is the cheapest way to read a million rows.
YES_NO_SPELLINGS = {
    **dict.fromkeys(YES, True),
    **dict.fromkeys(NO, False),
    **{word.capitalize(): True for word in YES},
    **{word.capitalize(): False for word in NO},
    **{word.upper(): True for word in YES},
    **{word.upper(): False for word in NO},
}

SMALL_INTEGERS = {str(number): number for number in range(1000)}


def fast_lookup(question: Question, spec: FormSpec) -> Callable[[str], Any] | None:
    """A lookup that reads the usual spellings of an answer (None: use the parser)."""
    kind = question.kind
    if kind == YES_NO:
        return YES_NO_SPELLINGS.get
    if kind == SELECT_ONE:
        return {choice.name: choice.name for choice in spec.choice_lists[question.choices]}.get
    if kind == INTEGER:
        return SMALL_INTEGERS.get
    return None


def parser_for(question: Question, spec: FormSpec) -> Callable[[str], Any]:
    kind = question.kind
    if kind in (TEXT, RW, RT, IMAGE, NOTE):
        return _text
    if kind == INTEGER:
        return parse_integer
    if kind == DECIMAL:
        return parse_decimal
    if kind == DATE:
        return parse_date
    if kind == YES_NO:
        return parse_yes_no
    if kind == SELECT_ONE:
        return select_parser(question, spec)
    if kind == GEOPOINT:
        return parse_geopoint_text
    if kind in (GEOTRACE, GEOSHAPE):
        return parse_geo_line
    raise ValueError(f"no parser for question kind {kind!r}")
