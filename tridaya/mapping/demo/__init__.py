"""Demo seed steps of pemetaan swadaya for Desa Bajur (registered in MappingConfig.ready()):
households (households.py), and problems, layers and RT profiles (maps.py, which runs
problems.py, layers.py and slum.py). What they share is here."""

from __future__ import annotations

from tridaya.core.geo import parse_geometry
from tridaya.regions.models import RT, Region

BAJUR = "52.01.08.2006"
YEAR = 2026
SEED = 2006


def rt_box(rt: RT) -> tuple[float, float, float, float]:
    return parse_geometry(rt.boundary).bounds


def village_rts(village: Region) -> list[RT]:
    """The village's RTs with a drawn boundary, RW by RW."""
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rts.sort(key=lambda rt: (rt.rw.number, rt.number))
    return [rt for rt in rts if rt.boundary]
