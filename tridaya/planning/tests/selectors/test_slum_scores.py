"""Planning reads RT slum scores through mapping's one read (`rt_scores`): the plan map shows
every RT in the class the mapping page shows, also after handled volumes are recorded."""

from decimal import Decimal as D

import pytest

from tridaya.mapping.selectors import slum as mapping_slum
from tridaya.mapping.services import slum as services_slum
from tridaya.mapping.tests.factories import figures, profile, volumes_at, with_units
from tridaya.planning.selectors import plans as plan_selectors
from tridaya.planning.tests import factories as f
from tridaya.regions.models import RT, Region
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def test_the_plan_map_and_the_mapping_page_agree_for_every_rt(bajur: Region) -> None:
    village = with_units(bajur)
    rts = sorted(
        RT.objects.filter(village=village).select_related("rw"),
        key=lambda rt: (rt.rw.number, rt.number),
    )
    for index, rt in enumerate(rts):
        profile(rt, year=2026, share=D("0.05") * (index % 8))
    # The heaviest RT's problems were largely handled: mapping re-scores it, its class stays.
    heavy = rts[-1]
    fig = figures()
    volumes = volumes_at(D("0.85"), fig)
    handled = {code: volume * D("0.9") for code, volume in volumes.items()}
    services_slum.rt_profile_save(
        actor=None, rt=heavy, year=2026, volumes=volumes, handled=handled, **fig
    )
    # One RT already surveyed again for 2027: the year is incomplete, both read 2026.
    profile(rts[0], year=2027, share=D("0.85"))
    assert mapping_slum.rt_scores(village).year == 2026
    plan = f.rplp(village)
    page = plan_selectors.version_page(BAJUR, plan.pk, 1)
    plan_map = {
        feature["properties"]["label"]: feature["properties"]["class"]
        for feature in plan_selectors.map_features(page)["rts"]
    }
    mapping_map = {
        feature["properties"]["label"]: feature["properties"]["class"]
        for feature in mapping_slum.choropleth(mapping_slum.slum_page(village, 2026))["features"]
    }
    assert plan_map and plan_map == mapping_map
    assert mapping_map[mapping_slum.rt_scores(village).by_rt[heavy.pk].label] == "berat"


def test_kawasan_indicators_and_round_options_read_the_same_scores(bajur: Region) -> None:
    """A kawasan's RTs and a round's options take each RT's score from `rt_scores` (the
    complete year, handled volumes known), not from the RT's newest profile."""
    from tridaya.mapping.tests.factories import point_in, problem, rt_of
    from tridaya.planning.services import priorities as prio
    from tridaya.planning.services.kawasan import area_create

    village = with_units(bajur)
    rts = list(RT.objects.filter(village=village))
    for index, rt in enumerate(rts):
        profile(rt, year=2026, share=D("0.1") * (index % 6))
    first = rt_of(village)
    profile(first, year=2027, share=D("0.9"))  # 2027 is incomplete: 2026 is read
    expected = mapping_slum.rt_scores(village).by_rt[first.pk]
    assert expected.year == 2026 and expected.score is not None and expected.cset is not None

    area = area_create(actor=None, village=village, name="Kawasan RT 01", geometry=first.boundary)
    row = next(r for r in area.indicators["rts"] if r["id"] == first.pk)
    assert (row["slum_total"], row["slum_class"]) == (expected.score.total, expected.slum_class)

    round_ = f.round_with(village, titles=[("Drainase", 10)])
    [option] = prio.options_add_problems(
        actor=None, round_=round_, problems=[problem(village, geometry=point_in(first))]
    )
    assert (option.slum_total, option.slum_max) == (expected.score.total, expected.cset.max_total)
