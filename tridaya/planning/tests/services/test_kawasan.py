"""Kawasan prioritas: indicators of a polygon over known RT polygons worked out by hand, the
Permen PUPR 02/2016 criteria before choosing, a chosen area frozen, GIS import that writes nothing
on a bad feature and nothing twice, an area derived from the RTs of the top problems."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tridaya.core.errors import DomainError
from tridaya.core.geo import measure
from tridaya.core.models import AuditEvent
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import AreaSource, AreaStatus, PriorityArea
from tridaya.planning.services import kawasan as kaw
from tridaya.planning.services import kawasan_derive, ranking
from tridaya.planning.services import priorities as prio
from tridaya.planning.tests.factories import (
    CELL,
    LAT,
    LON,
    box,
    fill_criteria,
    grid_rts,
    household,
    keys,
    problem,
    round_with,
    rt_profile,
    span,
)

pytestmark = pytest.mark.django_db


def at(column: float, row: float = 0.5) -> tuple[float, float]:
    """A point of the grid, in cells from (LON, LAT)."""
    return (LON + column * CELL, LAT + row * CELL)


@pytest.fixture
def grid(bajur):
    """Four RTs side by side (columns 0-3), with households and profiles as follows:

    RT 1: 4 households without a location (2 poor, 4 people each); profile at 80 % everywhere.
    RT 2: 3 households located in column 1 (1 poor, 5 people each), 1 located in column 3.5;
          profile at 30 %.
    RT 3: no household mapped; profile of 40 households, 160 people, at 50 %.
    RT 4: 1 household located in column 1.5 (poor, 3 people) although recorded in RT 4."""
    rts = grid_rts(bajur)
    for n in range(4):
        household(bajur, rts[0], members=4, poor=n < 2)
    for n in range(3):
        household(bajur, rts[1], members=5, poor=n == 0, at=at(1.2 + n * 0.2))
    household(bajur, rts[1], members=5, at=at(3.5))
    household(bajur, rts[3], members=3, poor=True, at=at(1.5, 0.7))
    rt_profile(rts[0], volume_share=Decimal("0.8"))
    rt_profile(rts[1], volume_share=Decimal("0.3"))
    rt_profile(rts[2], households=40, population=160, volume_share=Decimal("0.5"))
    return rts


def test_indicators_of_a_polygon_over_known_rts(bajur, grid):
    # Columns 0.5-2.5: half of RT 1, all of RT 2, half of RT 3; RT 4 only touches no edge.
    area = kaw.area_create(actor=None, village=bajur, name="Tengah", geometry=span(0.5, 2.5))
    ind = area.indicators
    assert [(r["label"], r["share_pct"], r["source"]) for r in ind["rts"]] == [
        ("RT 01 / RW 01", "50.0", "households"),
        ("RT 02 / RW 01", "100.0", "households"),
        ("RT 03 / RW 01", "50.0", "profile"),
    ]
    # Households: RT 1 half of 4 unlocated = 2 (1 poor, 8 people); RT 2 the 3 located inside
    # (1 poor, 15 people), not the one in column 3.5; RT 3 half of its profile = 20 households,
    # 80 people; the RT 4 household located inside counts by its point (poor, 3 people).
    assert (ind["households"], ind["poor_households"], ind["population"]) == (26, 3, 106)
    assert ind["households_located"] == 4 and ind["from_profiles"] == 20
    # Slum: the sums of the RTs at their shares, all denominators alike:
    # (0.5 × 80 % + 1 × 30 % + 0.5 × 50 %) / 2 = 47.5 % on every criterion -> score 1 each,
    # total 16 of 80 -> kumuh ringan.
    slum = ind["slum"]
    assert (slum["total"], slum["max"], slum["class"], slum["rts_scored"]) == (16, 80, "ringan", 3)
    assert Decimal(slum["average_pct"]) == pytest.approx(Decimal("47.5"), abs=Decimal("0.2"))
    # Area: two grid cells, measured in the UTM zone (50S for Lombok).
    cell_ha = measure(span(0, 1)).area_ha
    assert ind["epsg"] == 32750
    assert area.area_ha == Decimal(f"{2 * cell_ha:.2f}")
    assert Decimal(ind["density_per_ha"]) == (Decimal(106) / Decimal(ind["area_ha"])).quantize(
        Decimal("0.1")
    )


def test_an_area_inside_one_heavy_rt_is_kumuh_berat(bajur, grid):
    area = kaw.area_create(actor=None, village=bajur, name="Barat", geometry=span(0.0, 1.0))
    assert [r["share_pct"] for r in area.indicators["rts"]] == ["100.0"]
    assert area.indicators["slum"]["total"] == 80 and area.indicators["slum"]["class"] == "berat"
    assert (area.indicators["households"], area.indicators["poor_households"]) == (4, 2)


def test_problems_inside_the_area_are_counted(bajur, grid):
    problem(bajur, "Genangan", poor=12, geometry={"type": "Point", "coordinates": list(at(1.5))})
    problem(bajur, "Jauh", poor=9, geometry={"type": "Point", "coordinates": list(at(3.5))})
    problem(bajur, "Kolam", kind="potensi", geometry=span(2.0, 3.0))
    area = kaw.area_create(actor=None, village=bajur, name="Tengah", geometry=span(0.5, 2.5))
    found = area.indicators["problems"]
    assert (found["count"], found["potentials"], found["poor_households"]) == (1, 1, 12)
    assert sorted(p["title"] for p in found["items"]) == ["Genangan", "Kolam"]


def test_an_area_outside_the_village_is_refused(bajur, grid):
    with pytest.raises(DomainError) as exc:
        kaw.area_create(
            actor=None, village=bajur, name="Laut", geometry=box(116.5, -8.9, 116.51, -8.89)
        )
    assert exc.value.code == PlanningError.KAWASAN_OUTSIDE_VILLAGE
    assert "di luar Desa Bajur" in exc.value.messages[0]
    assert not PriorityArea.objects.exists()


def test_a_line_is_not_an_area(bajur, grid):
    line = {"type": "LineString", "coordinates": [list(at(0)), list(at(1))]}
    with pytest.raises(DomainError) as exc:
        kaw.area_create(actor=None, village=bajur, name="Garis", geometry=line)
    assert exc.value.code == PlanningError.KAWASAN_BAD_GEOMETRY


def test_choosing_needs_the_three_criteria_and_a_reason(bajur, grid):
    area = kaw.area_create(actor=None, village=bajur, name="Tengah", geometry=span(0.5, 2.5))
    with pytest.raises(DomainError) as exc:
        kaw.area_choose(actor=None, area=area, decision_rationale="Disepakati rembug warga.")
    assert exc.value.code == PlanningError.KAWASAN_CRITERIA_MISSING
    message = exc.value.messages[0]
    assert "kondisi kekumuhan, legalitas lahan, pertimbangan lain" in message
    fill_criteria(area)
    with pytest.raises(DomainError) as exc:
        kaw.area_choose(actor=None, area=area, decision_rationale="ok")
    assert exc.value.code == PlanningError.KAWASAN_REASON_TOO_SHORT
    chosen = kaw.area_choose(actor=None, area=area, decision_rationale="Disepakati rembug warga.")
    assert chosen.status == AreaStatus.CHOSEN and chosen.land_is_legal is True
    assert AuditEvent.objects.filter(action="planning.kawasan_chosen").count() == 1


def test_a_chosen_area_is_frozen_until_the_choice_is_undone_with_a_reason(bajur, grid):
    area = fill_criteria(
        kaw.area_create(actor=None, village=bajur, name="Tengah", geometry=span(0.5, 2.5))
    )
    area = kaw.area_choose(actor=None, area=area, decision_rationale="Disepakati rembug warga.")
    for attempt in (
        lambda: kaw.area_update(actor=None, area=area, name="Lain", geometry=span(0, 1)),
        lambda: kaw.area_recompute(actor=None, area=area),
        lambda: fill_criteria(area),
        lambda: kaw.area_delete(actor=None, area=area),
    ):
        with pytest.raises(DomainError) as exc:
            attempt()
        assert exc.value.code == PlanningError.KAWASAN_CHOSEN
    with pytest.raises(DomainError) as exc:
        kaw.area_unchoose(actor=None, area=area, reason="salah")
    assert exc.value.code == PlanningError.KAWASAN_REASON_TOO_SHORT
    kaw.area_unchoose(actor=None, area=area, reason="Batas digeser ke utara setelah survei.")
    area = kaw.area_update(actor=None, area=area, name="Tengah", geometry=span(1.0, 2.0))
    assert [r["label"] for r in area.indicators["rts"]] == ["RT 02 / RW 01"]
    event = AuditEvent.objects.get(action="planning.kawasan_unchosen")
    assert event.changes["reason"] == [None, "Batas digeser ke utara setelah survei."]


def feature(name: str | None, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"nama": name} if name else {}, "geometry": geometry}


def geojson(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_import_reports_every_bad_feature_and_writes_nothing(bajur, grid):
    data = geojson(
        feature("Barat", span(0, 1)),
        feature("Laut", box(116.5, -8.9, 116.51, -8.89)),
        feature("Garis", {"type": "LineString", "coordinates": [list(at(0)), list(at(1))]}),
    )
    with pytest.raises(DomainError) as exc:
        kaw.areas_import(actor=None, village=bajur, data=data, file_name="kawasan.geojson")
    assert exc.value.code == PlanningError.KAWASAN_BAD_IMPORT
    messages = " | ".join(exc.value.messages)
    assert "fitur 3" in messages and "LineString" in messages
    assert not PriorityArea.objects.exists()
    data = geojson(feature("Barat", span(0, 1)), feature("Laut", box(116.5, -8.9, 116.51, -8.89)))
    with pytest.raises(DomainError) as exc:
        kaw.areas_import(actor=None, village=bajur, data=data, file_name="kawasan.geojson")
    assert "(Laut)" in exc.value.messages[0] and "di luar Desa Bajur" in exc.value.messages[0]
    assert not PriorityArea.objects.exists()


def test_import_twice_creates_nothing_twice(bajur, grid):
    data = geojson(feature("Barat", span(0, 1)), feature(None, span(2, 3)))
    first = kaw.areas_import(actor=None, village=bajur, data=data, file_name="k.geojson")
    assert (first.created, first.updated) == (["Barat", "Kawasan impor 2"], [])
    again = kaw.areas_import(actor=None, village=bajur, data=data, file_name="k.geojson")
    assert (again.created, again.updated, again.unchanged) == ([], [], ["Barat", "Kawasan impor 2"])
    moved = geojson(feature("Barat", span(0, 2)))
    third = kaw.areas_import(actor=None, village=bajur, data=moved, file_name="k.geojson")
    assert third.updated == ["Barat"]
    assert PriorityArea.objects.count() == 2
    barat = PriorityArea.objects.get(name="Barat")
    assert barat.source == AreaSource.IMPORTED and len(barat.indicators["rts"]) == 2


def test_area_derived_from_the_rts_of_the_top_problems(bajur, grid):
    round_ = prio.round_create(actor=None, village=bajur, title="Putaran")
    banjir = problem(bajur, "Banjir", severity=5, rt=grid[2])
    sampah = problem(
        bajur, "Sampah", severity=4, geometry={"type": "Point", "coordinates": list(at(0.5))}
    )
    problem_far = problem(bajur, "Lain", severity=1, rt=grid[3])
    prio.options_add_problems(actor=None, round_=round_, problems=[banjir, sampah, problem_far])
    area = kawasan_derive.area_derive(actor=None, round_=round_, top=2)
    # Banjir was mapped in RT 3; Sampah has no RT but lies in RT 1: their union.
    assert area.name == "Kawasan RT 01/RW 01, RT 03/RW 01"
    assert area.source == AreaSource.DERIVED and area.round == round_
    assert [(r["label"], r["share_pct"]) for r in area.indicators["rts"]] == [
        ("RT 01 / RW 01", "100.0"),
        ("RT 03 / RW 01", "100.0"),
    ]


def test_derived_area_follows_the_closed_vote(bajur, grid):
    round_ = round_with(bajur, [("A", 1), ("B", 1)])
    k = keys(round_)
    # Link the two options to problems in RT 2 and RT 4; B wins the vote.
    from tridaya.planning.models import PriorityOption

    PriorityOption.objects.filter(pk=k["A"]).update(problem=problem(bajur, "A", rt=grid[1]))
    PriorityOption.objects.filter(pk=k["B"]).update(problem=problem(bajur, "B", rt=grid[3]))
    ranking.voting_open(actor=None, round_=round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=3, choices=[k["B"], k["A"]])
    ranking.round_close(actor=None, round_=round_)
    area = kawasan_derive.area_derive(actor=None, round_=round_, top=1)
    assert [r["label"] for r in area.indicators["rts"]] == ["RT 04 / RW 01"]


@given(
    west=st.integers(min_value=0, max_value=30),
    width=st.integers(min_value=1, max_value=10),
    per_rt=st.integers(min_value=0, max_value=12),
)
def test_unlocated_households_follow_the_rt_shares(west, width, per_rt):
    """Four RTs of 10 units each; an area from `west` to `west + width` (units of a tenth of a
    cell) counts each RT's unlocated households times the share of the RT inside it."""
    from tridaya.planning.indicators import HouseholdIn, Inputs, RTIn, compute

    rts = [RTIn(n, f"RT {n:02d} / RW 01", span(n - 1, n)) for n in range(1, 5)]
    households = [HouseholdIn(rt.id, 3, i % 2 == 0) for rt in rts for i in range(per_rt)]
    result = compute(span(west / 10, (west + width) / 10), Inputs(rts, households))
    shares = {rt: max(0, min(rt * 10, west + width) - max((rt - 1) * 10, west)) / 10
              for rt in range(1, 5)}  # fmt: skip
    expected = sum(share * per_rt for share in shares.values())
    assert abs(result["households"] - expected) <= 0.5 + 1e-6
    assert abs(result["population"] - 3 * expected) <= 0.5 + 1e-6
    assert [r["label"] for r in result["rts"]] == [
        f"RT {n:02d} / RW 01" for n in range(1, 5) if shares[n] > 0
    ]
    for row in result["rts"]:
        share = shares[int(row["label"][3:5])]
        assert abs(Decimal(row["share_pct"]) - Decimal(share * 100)) <= Decimal("0.1")
