"""Where a submission is: its RT from the form's choice name (`rw01_rt02`) or from RW and RT
numbers, and whether its point lies near the village (a cheap box test for a million points)."""

from __future__ import annotations

import math
import re

from django.utils.translation import gettext as _

from tridaya.mapping.importers.values import GeoPoint
from tridaya.mapping.spatial import centre_radius_m, max_outside_m, village_extent
from tridaya.regions.models import RT, Region

RT_CHOICE = re.compile(r"^rw0*(\d+)[_\-. /]*rt0*(\d+)$", re.IGNORECASE)
NUMBER = re.compile(r"^(?:rt|rw)?\s*0*(\d+)$", re.IGNORECASE)
METRES_PER_DEGREE = 111_320.0


def rt_choice_name(rw_number: int, rt_number: int) -> str:
    """The name of an RT in the XLSForm's choice list (`rw01_rt02`)."""
    return f"rw{rw_number:02d}_rt{rt_number:02d}"


def rw_choice_name(rw_number: int) -> str:
    return f"rw{rw_number:02d}"


class Extent:
    """A box around the village, widened by the distance a point may lie outside it: a cheap
    test for a million points (a precise test would project each one)."""

    def __init__(self, village: Region):
        extent = village_extent(village)
        self.known = extent.known
        self.box: tuple[float, float, float, float] | None = None
        if extent.area is not None:
            margin_m, (west, south, east, north) = max_outside_m(), extent.area.bounds
        elif extent.centre is not None:
            margin_m = centre_radius_m()
            west = east = extent.centre.x
            south = north = extent.centre.y
        else:
            return
        lat_margin = margin_m / METRES_PER_DEGREE
        lon_margin = lat_margin / max(0.2, abs(_cos_deg((south + north) / 2)))
        self.box = (west - lon_margin, south - lat_margin, east + lon_margin, north + lat_margin)
        self.margin_m = margin_m

    def holds(self, point: GeoPoint) -> bool:
        if self.box is None:
            return True
        west, south, east, north = self.box
        return west <= point.lon <= east and south <= point.lat <= north


def _cos_deg(degrees: float) -> float:
    return math.cos(math.radians(degrees))


class RTResolver:
    """The RT ids of a village by the texts a form gives for RT and RW, cached per pair."""

    def __init__(self, village: Region):
        self.village = village
        rts = RT.objects.filter(village=village).select_related("rw")
        self.rt_ids = {(rt.rw.number, rt.number): rt.id for rt in rts}
        self.cache: dict[tuple[str, str], tuple[int | None, str]] = {}

    def resolve(self, rt_text: str | None, rw_text: str | None) -> tuple[int | None, str]:
        """(RT id, reason when unknown) from the form's RT choice (`rw01_rt02`) or from
        separate RW and RT numbers."""
        key = (rt_text or "", rw_text or "")
        found = self.cache.get(key)
        if found is not None:
            return found
        result: tuple[int | None, str]
        match = RT_CHOICE.match(key[0].strip())
        if match:
            pair = (int(match.group(1)), int(match.group(2)))
        else:
            rt_number = NUMBER.match(key[0].strip())
            rw_number = NUMBER.match(key[1].strip())
            if rt_number is None or rw_number is None:
                result = (
                    None,
                    _(
                        "RT tidak terbaca; gunakan nama pilihan dari formulir, misalnya "
                        "rw01_rt02, atau isi kolom RW dan RT dengan angka"
                    ),
                )
                self.cache[key] = result
                return result
            pair = (int(rw_number.group(1)), int(rt_number.group(1)))
        rt_id = self.rt_ids.get(pair)
        if rt_id is None:
            reason = _("RT %(rt)02d / RW %(rw)02d tidak ada di %(village)s") % {
                "rt": pair[1],
                "rw": pair[0],
                "village": self.village.name,
            }
            result = (None, reason)
        else:
            result = (rt_id, "")
        self.cache[key] = result
        return result
