"""The bulk RT slum read (`rt_classes_by_village`): for many villages at once, the same year,
classes and statuses as each village's own read (`rt_scores`), in a fixed number of queries."""

from decimal import Decimal

import pytest

from tridaya.mapping.models import SlumVolume
from tridaya.mapping.selectors import slum as sel
from tridaya.mapping.selectors.slum_bulk import rt_classes_by_village
from tridaya.mapping.services import slum as services_slum
from tridaya.mapping.tests.factories import figures, profile, volumes_at, with_units
from tridaya.regions.models import RT

pytestmark = pytest.mark.django_db
D = Decimal


def _rts(village) -> list[RT]:
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rts.sort(key=lambda rt: (rt.rw.number, rt.number))
    return rts


@pytest.fixture
def villages(bajur, terong_tawah, far_village):
    """Three villages in three states: a complete year under a newer partial one (with a bad
    stored volume and handled volumes), a partial year only, and no profile at all."""
    complete, partial, empty = (with_units(v) for v in (bajur, terong_tawah, far_village))
    rts = _rts(complete)
    for index, rt in enumerate(rts):
        profile(rt, year=2025, share=D("0.05") * (index % 16))
    for rt in rts[:3]:
        profile(rt, year=2026, share=D("0.9"))
    fig = figures()
    volumes = volumes_at(D("0.85"), fig)
    handled = {code: volume * D("0.9") for code, volume in volumes.items()}
    services_slum.rt_profile_save(
        actor=None, rt=rts[5], year=2025, volumes=volumes, handled=handled, **fig
    )
    SlumVolume.objects.filter(profile__rt=rts[7], profile__year=2025, code="1a").update(
        volume=D("500")
    )
    partial_rts = _rts(partial)
    for rt in partial_rts[:4]:
        profile(rt, year=2026, share=D("0.6"))
    missing = volumes_at(D("0.5"))
    missing.pop("7b")
    services_slum.rt_profile_save(
        actor=None, rt=partial_rts[4], year=2026, volumes=missing, **figures()
    )
    return complete, partial, empty


def _expected(village) -> list[tuple]:
    scores = sel.rt_scores(village)
    return sorted(
        (row.rt_id, row.year, row.status, row.score.slum_class if row.score else None)
        for row in scores.rows
        if row.status != sel.RowStatus.MISSING
    )


def test_the_bulk_read_gives_each_village_what_its_own_read_gives(villages):
    complete, partial, empty = villages
    found = rt_classes_by_village([v.code for v in villages])
    assert set(found) == {complete.code, partial.code}  # no profile, no entry
    for village in (complete, partial):
        got = sorted((r.rt_id, r.year, r.status, r.slum_class) for r in found[village.code])
        assert got == _expected(village)
    # The complete year 2025 is read, not the newer partial 2026; its bad volume is an error.
    assert {r.year for r in found[complete.code]} == {2025}
    statuses = [r.status for r in found[complete.code]]
    assert statuses.count(sel.RowStatus.ERROR) == 1 and statuses.count(sel.RowStatus.SCORED) == 15
    # The handled RT keeps its class before handling (kumuh berat), as on the village page.
    handled_rt = _rts(complete)[5]
    assert {r.rt_id: r.slum_class for r in found[complete.code]}[handled_rt.pk] == "berat"
    assert [r.status for r in found[partial.code]].count(sel.RowStatus.INCOMPLETE) == 1
    assert {r.area_ha for r in found[partial.code]} == {D("10.00")}


def test_the_bulk_read_takes_the_same_queries_for_one_village_or_many(
    villages, django_assert_num_queries
):
    complete, partial, empty = villages
    # RT counts, profiles with volume counts, their criteria sets, volumes, the set in force.
    with django_assert_num_queries(5):
        rt_classes_by_village([complete.code])
    with django_assert_num_queries(5):
        rt_classes_by_village([v.code for v in villages])
    with django_assert_num_queries(2):  # no profile: nothing more to read
        assert rt_classes_by_village([empty.code]) == {}
