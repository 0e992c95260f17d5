"""Households and survey exports for tests. Villages get the demo's RW/RT layout (4 RW x 4 RT
with boundaries around the real location); households are written through the services, as the
system, so every fixture obeys the same rules as real data."""

from __future__ import annotations

import io
import itertools

from tridaya.mapping import services_households, services_import
from tridaya.mapping.importers import samples
from tridaya.mapping.models import CRITERIA_FIELDS, Household, ImportMode, SurveyForm
from tridaya.regions import demo as regions_demo
from tridaya.regions.models import RT, Region

_niks = itertools.count(1)


def with_units(village: Region) -> Region:
    """Give a test village the demo's profile and 4 RW x 4 RT with boundaries."""
    spec = regions_demo.DEMO_VILLAGES.get(
        village.code, regions_demo.DEMO_VILLAGES[regions_demo.BAJUR]
    )
    if village.code not in regions_demo.DEMO_VILLAGES:
        spec = {
            **spec,
            "centre": (-7.9, 112.6) if village.code.startswith("35") else spec["centre"],
        }
    regions_demo.seed_village(village.code, spec)
    return village


def first_rt(village: Region, rw: int = 1, number: int = 1) -> RT:
    return RT.objects.get(village=village, rw__number=rw, number=number)


def criteria(count: int) -> dict[str, bool]:
    """The first `count` of the 14 BPS criteria hold, the rest do not."""
    return {name: index < count for index, name in enumerate(CRITERIA_FIELDS)}


def household(
    village: Region, *, rt: RT | None = None, poor_criteria: int = 0, **kwargs
) -> Household:
    values = {
        "head_name": kwargs.pop("head_name", f"Kepala Keluarga {next(_niks)}"),
        "head_sex": "L",
        "members": 4,
        "women": 2,
        **kwargs,
    }
    return services_households.household_create(
        actor=None,
        village=village,
        rt=rt or first_rt(village),
        criteria=criteria(poor_criteria),
        **values,
    )


def export(village: Region, count: int, *, kind: str = "kobo", seed: int = 7, delimiter: str = ","):
    """(header, rows) of a realistic export for the village's RTs."""
    rts = samples.sample_rts(village)
    header = samples.household_header(kind)
    return header, [list(row) for row in samples.household_rows(rts, count, kind=kind, seed=seed)]


def run_import(
    village,
    header,
    rows,
    *,
    actor=None,
    mode=ImportMode.STRICT,
    delimiter=",",
    xlsx=False,
    filename="ekspor.csv",
):
    content = (
        samples.xlsx_bytes(header, rows)
        if xlsx
        else samples.csv_bytes(header, rows, delimiter=delimiter)
    )
    return services_import.survey_import(
        actor=actor,
        village=village,
        form=SurveyForm.HOUSEHOLD,
        file=io.BytesIO(content),
        filename=filename,
        mode=mode,
    )
