"""The one slum-score read (`rt_scores`): the newest complete year by default, re-scoring after
handled volumes, every RT that cannot be scored reported with why; the same classes as the
mapping page; an area scored from parts of RTs."""

from decimal import Decimal

import pytest

from tridaya.mapping import scoring
from tridaya.mapping.models import RTProfile, SlumVolume
from tridaya.mapping.selectors import slum as sel
from tridaya.mapping.services import slum as services_slum
from tridaya.mapping.tests.factories import figures, profile, volumes_at, with_units
from tridaya.regions.models import RT

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def _rts(village) -> list[RT]:
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rts.sort(key=lambda rt: (rt.rw.number, rt.number))
    return rts


def test_the_newest_complete_year_is_read_by_default(village):
    rts = _rts(village)
    for rt in rts:
        profile(rt, year=2025, share=D("0.5"))
    for rt in rts[:3]:  # 2026 is being surveyed: three RTs so far
        profile(rt, year=2026, share=D("0.2"))
    assert sel.complete_years(village) == [2025]
    scores = sel.rt_scores(village)
    assert (scores.year, scores.complete, scores.incomplete) == (2025, True, ())
    assert len(scores.rows) == len(rts) == 16
    assert {row.year for row in scores.rows} == {2025}
    # The year asked for is read as it is, its missing RTs reported.
    asked = sel.rt_scores(village, 2026)
    assert asked.year == 2026 and not asked.complete
    assert [row.label for row in asked.incomplete] == [sel.rt_label(rt) for rt in rts[3:]]
    assert {row.status for row in asked.incomplete} == {sel.RowStatus.MISSING}


def test_with_no_complete_year_the_newest_year_is_read_and_its_gaps_reported(village):
    rts = _rts(village)
    for rt in rts[:2]:
        profile(rt, year=2024, share=D("0.5"))
    partial = volumes_at(D("0.5"))
    partial.pop("7b")
    services_slum.rt_profile_save(actor=None, rt=rts[0], year=2026, volumes=partial, **figures())
    scores = sel.rt_scores(village)
    assert scores.year == 2026 and not scores.complete
    first = scores.by_rt[rts[0].pk]
    assert first.status == sel.RowStatus.INCOMPLETE and first.score is None
    assert first.errors == ("1 kriteria belum diisi volumenya.",)
    assert len(scores.incomplete) == 16  # one incomplete, fifteen without a profile


def test_a_bad_stored_volume_is_reported_never_scored(village):
    rts = _rts(village)
    for rt in rts:
        profile(rt, year=2026, share=D("0.5"))
    # Data written before the services checked it: a volume above its denominator.
    SlumVolume.objects.filter(profile__rt=rts[1], code="1a").update(volume=D("500"))
    scores = sel.rt_scores(village)
    assert scores.year == 2026 and not scores.complete
    bad = scores.by_rt[rts[1].pk]
    assert bad.status == sel.RowStatus.ERROR and bad.score is None and bad.errors
    assert [row.rt_id for row in scores.incomplete] == [rts[1].pk]


def test_handled_volumes_are_rescored_and_classes_agree_with_the_mapping_page(village):
    rts = _rts(village)
    for index, rt in enumerate(rts):
        profile(rt, year=2026, share=D("0.1") + D("0.05") * index)
    heavy = rts[-1]
    fig = figures()
    volumes = volumes_at(D("0.85"), fig)
    handled = {code: volume * D("0.9") for code, volume in volumes.items()}
    services_slum.rt_profile_save(
        actor=None, rt=heavy, year=2026, volumes=volumes, handled=handled, **fig
    )
    scores = sel.rt_scores(village)
    row = scores.by_rt[heavy.pk]
    cset = scores.cset
    denominators = scoring.Figures(**{n: D(fig[n]) for n in scoring.DENOMINATORS})
    expected = scoring.rescore(cset, denominators, volumes, handled)
    assert row.score == expected.before and row.after == expected.after
    assert row.slum_class == "berat" and row.after.slum_class == scoring.SlumClass.NONE
    assert row.contribution_pct == expected.contribution_pct
    assert row.handled == {code: value.quantize(D("0.01")) for code, value in handled.items()}
    # Without handled volumes `after` is the score itself.
    plain = scores.by_rt[rts[0].pk]
    assert plain.after == plain.score and plain.contribution_pct is None
    # The mapping page shows every RT in the same class.
    page = sel.slum_page(village, 2026)
    assert {r.rt.pk: r.score.slum_class for r in page.rows} == {
        r.rt_id: r.score.slum_class for r in scores.rows
    }


def test_an_area_of_whole_rts_scores_like_the_village_page(village):
    rts = _rts(village)
    for index, rt in enumerate(rts):
        profile(rt, year=2026, share=D("0.05") * (index % 8))
    scores = sel.rt_scores(village)
    area = sel.area_slum((row, D(1)) for row in scores.rows)
    page = sel.slum_page(village, 2026)
    assert area is not None and area.rts_scored == 16
    assert (area.score.total, area.score.average) == (
        page.area.score.total,
        page.area.score.average,
    )
    # Half of one RT weighs half: its volumes and denominators both halve.
    half = sel.area_slum([(scores.rows[5], D("0.5"))])
    assert half is not None and half.score.total == scores.rows[5].score.total
    assert sel.area_slum([]) is None


def test_a_village_without_profiles_has_no_year_and_every_rt_missing(village):
    scores = sel.rt_scores(village)
    assert scores.year is None and not scores.complete
    assert len(scores.incomplete) == 16 and not RTProfile.objects.exists()
    assert sel.slum_class_label("berat") == "Kumuh berat" and sel.slum_class_label(None) == ""


def test_rt_scores_reads_in_a_fixed_number_of_queries(village, django_assert_num_queries):
    rts = _rts(village)
    for rt in rts[:4]:
        profile(rt, year=2026, share=D("0.4"))
    sel.rt_scores(village)  # the criteria set is parsed once per process
    # RTs, per-year counts, criteria set, years (twice: default year and page), set in force,
    # RTs, profiles, volumes.
    with django_assert_num_queries(9):
        sel.rt_scores(village)
    for rt in rts[4:]:
        profile(rt, year=2026, share=D("0.4"))
    with django_assert_num_queries(9):
        assert sel.rt_scores(village).complete
