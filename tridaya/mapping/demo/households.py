"""Demo seed of the households part: about 1,200 households over Desa Bajur's 16 RTs, imported
from a generated KoBoToolbox export through the same service as a real upload (so a second run
changes nothing: the import is idempotent by instance id)."""

from __future__ import annotations

import io

from tridaya.institutions.models import Person
from tridaya.mapping.demo import BAJUR
from tridaya.mapping.importers import samples
from tridaya.mapping.models import ImportBatch, ImportMode, ImportStatus, SurveyForm
from tridaya.mapping.selectors.households import village_households
from tridaya.mapping.services.surveys import survey_import
from tridaya.regions import services as regions_services
from tridaya.regions.models import Region, VillageProfile

DEMO_HOUSEHOLDS = 1_200
DEMO_SEED = 2006
REGISTERED_HEADS = 12


def demo_export() -> tuple[bytes, int]:
    village = Region.objects.get(code=BAJUR)
    rts = samples.sample_rts(village)
    header = samples.household_header("kobo")
    rows = list(samples.household_rows(rts, DEMO_HOUSEHOLDS, kind="kobo", seed=DEMO_SEED))
    _registered_heads(village, header, rows)
    return samples.csv_bytes(header, rows, delimiter=";"), len(rts)


def _registered_heads(village: Region, header: list[str], rows: list[list]) -> None:
    """A few people of the village's register (the demo's BKM and KSM members) head surveyed
    households: every seventh row carries one's name, sex and NIK, so the import links them."""
    at = {name.rsplit("/", 1)[-1]: index for index, name in enumerate(header)}
    people = Person.objects.filter(village=village).exclude(nik="").order_by("id")
    for row, person in zip(rows[::7], people[:REGISTERED_HEADS], strict=False):
        row[at["head_name"]], row[at["head_sex"]] = person.name, person.sex
        row[at["head_nik"]] = person.nik


DEMO_FILENAME = "survei_rumah_tangga_bajur_kobo.csv"


def seed(log) -> None:
    village = Region.objects.get(code=BAJUR)
    done = ImportBatch.objects.filter(
        village=village, filename=DEMO_FILENAME, status=ImportStatus.IMPORTED
    ).exists()
    if done:
        log(f"{BAJUR}: survei rumah tangga demo sudah diimpor")
        _declare_survey_figures(village)
        return
    content, rt_count = demo_export()
    batch = survey_import(
        actor=None,
        village=village,
        form=SurveyForm.HOUSEHOLD,
        file=io.BytesIO(content),
        filename=DEMO_FILENAME,
        mode=ImportMode.STRICT,
    )
    log(
        f"{BAJUR}: {batch.rows} KK survei di {rt_count} RT "
        f"({batch.created} baru, {batch.updated} diperbarui, {batch.unchanged} tetap)"
    )
    _declare_survey_figures(village)


def _declare_survey_figures(village: Region) -> None:
    """The demo village declares its own survey's figures in its profile, so the profile
    (declared), the household survey (computed) and the plans (distinct households reached,
    never more than surveyed) tell one story."""
    total = village_households(village).total
    profile = VillageProfile.objects.get(village=village)
    regions_services.profile_update(
        actor=None,
        village=village,
        population=total.people,
        households=total.households,
        poor_households=total.poor,
        area_ha=profile.area_ha,
        latitude=profile.latitude,
        longitude=profile.longitude,
        boundary=profile.boundary,
    )
