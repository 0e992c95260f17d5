"""Slum scores exactly as DOMAIN.md section 3 gives them: the percentage rounded to two decimals,
the score bands at their edges (24.99 / 25 / 50 / 51 / 75 / 76 %, 75.995 % counting as 76 %, 50.4 %
taking the lower band), the class bands (15/16, 37/38, 59/60), aspect averages and the RT's
rata-rata, every bad volume reported and never scored, re-scoring after handled volumes with the
kontribusi penanganan, and an area scored on the sums of its RTs."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tridaya.mapping import scoring
from tridaya.mapping.criteria import definitions
from tridaya.mapping.scoring import (
    CriteriaSet,
    Figures,
    ScoringError,
    SlumClass,
    VolumeProblemKind,
    criterion_score,
    percentage,
    slum_class,
)

D = Decimal


@pytest.fixture(scope="module")
def cset() -> CriteriaSet:
    data = next(d for d, _checksum in definitions() if d["code"] == "permen-pupr-14-2018")
    return CriteriaSet.from_definition(data)


FIGURES = Figures(
    buildings=D(100),
    area_ha=D(10),
    road_length_m=D(1000),
    drainage_length_m=D(2000),
    households=D(100),
)


def volumes(cset, share: str) -> dict[str, Decimal]:
    return {c.code: FIGURES.get(c.denominator) * D(share) for c in cset.criteria}


def test_the_2018_set_has_seven_aspects_and_sixteen_criteria(cset):
    assert len(cset.aspects) == 7
    assert cset.codes == (
        "1a", "1b", "1c", "2a", "2b", "3a", "3b", "4a", "4b", "4c",
        "5a", "5b", "6a", "6b", "7a", "7b",
    )  # fmt: skip
    assert cset.max_total == 80
    assert cset.criterion("4b").denominator == "drainage_length_m"
    assert cset.criterion("1b").unit == "ha"


@pytest.mark.parametrize(
    ("volume", "expected_pct", "expected_score"),
    [
        ("24.99", "24.99", 0),
        ("25", "25.00", 1),
        ("50", "50.00", 1),
        ("50.4", "50.40", 1),  # between the bands: the lower one
        ("51", "51.00", 3),
        ("75", "75.00", 3),
        ("75.5", "75.50", 3),
        ("75.995", "76.00", 5),  # rounded to two decimals first
        ("76", "76.00", 5),
        ("24.995", "25.00", 1),
        ("0", "0.00", 0),
        ("100", "100.00", 5),
    ],
)
def test_score_bands_at_their_edges(volume, expected_pct, expected_score):
    pct = percentage(D(volume), D(100))
    assert pct == D(expected_pct)
    assert criterion_score(pct) == expected_score


def test_the_percentage_divides_by_the_denominator_not_by_100():
    # 19 of 25 buildings irregular = 76 % -> 5
    assert percentage(D(19), D(25)) == D("76.00")
    assert criterion_score(percentage(D(19), D(25))) == 5
    # 1 of 3 households = 33.333... -> 33.33 %
    assert percentage(D(1), D(3)) == D("33.33")


def _band(pct: Decimal) -> int:
    """The rule as DOMAIN.md writes it: p >= 76 -> 5; 51-75 -> 3; 25-50 -> 1; < 25 -> 0."""
    if pct >= 76:
        return 5
    if pct >= 51:
        return 3
    if pct >= 25:
        return 1
    return 0


denominators = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2)


@given(data=st.data(), denominator=denominators)
def test_any_volume_within_its_denominator_scores_by_its_rounded_percentage(data, denominator):
    volume = data.draw(st.decimals(min_value=D(0), max_value=denominator, places=2))
    pct = percentage(volume, denominator)
    assert D(0) <= pct <= D(100)
    assert pct == (volume * 100 / denominator).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert criterion_score(pct) == _band(pct)


@given(data=st.data(), denominator=denominators)
def test_more_volume_never_scores_lower(data, denominator):
    a = data.draw(st.decimals(min_value=D(0), max_value=denominator, places=2))
    b = data.draw(st.decimals(min_value=a, max_value=denominator, places=2))
    assert criterion_score(percentage(a, denominator)) <= criterion_score(
        percentage(b, denominator)
    )


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, SlumClass.NONE),
        (15, SlumClass.NONE),
        (16, SlumClass.LIGHT),
        (37, SlumClass.LIGHT),
        (38, SlumClass.MEDIUM),
        (59, SlumClass.MEDIUM),
        (60, SlumClass.HEAVY),
        (80, SlumClass.HEAVY),
    ],
)
def test_class_bands_at_their_edges(total, expected):
    assert slum_class(total) == expected


@given(st.integers(min_value=0, max_value=80))
def test_every_total_has_the_class_of_its_range(total):
    expected = (
        SlumClass.HEAVY
        if total >= 60
        else SlumClass.MEDIUM
        if total >= 38
        else SlumClass.LIGHT
        if total >= 16
        else SlumClass.NONE
    )
    assert slum_class(total) == expected


def test_an_rt_score_total_class_aspect_averages_and_rata_rata(cset):
    v = volumes(cset, "0.30")  # 30 % everywhere -> 1 point each
    v["1a"] = D(80)  # 80 % -> 5
    v["1b"] = D("5.5")  # 55 % -> 3
    v["4b"] = D(0)  # 0 % -> 0
    result = scoring.score(cset, FIGURES, v)
    assert result.by_code["1a"].score == 5
    assert result.by_code["1b"].percentage == D("55.00")
    assert result.total == 5 + 3 + 1 + 12 * 1 + 0  # 1c and 12 other criteria at 30 %
    assert result.slum_class == SlumClass.LIGHT
    buildings = result.aspects[0]
    assert buildings.aspect.key == "bangunan"
    assert buildings.average == D("55.00")  # (80 + 55 + 30) / 3
    drainage = result.aspects[3]
    assert drainage.average == D("20.00")  # (30 + 0 + 30) / 3
    # rata-rata = mean of the 7 aspect averages: (55 + 30 + 30 + 20 + 30 + 30 + 30) / 7
    assert result.average == D("32.14")


def test_every_bad_volume_is_reported_and_none_is_scored(cset):
    v = volumes(cset, "0.5")
    v["1a"] = D(-1)
    v["3a"] = D(101)  # more households than the RT has
    del v["7b"]
    with pytest.raises(ScoringError) as caught:
        scoring.score(cset, FIGURES, v)
    kinds = {p.code: p.kind for p in caught.value.problems}
    assert kinds == {
        "1a": VolumeProblemKind.NEGATIVE,
        "3a": VolumeProblemKind.ABOVE_DENOMINATOR,
        "7b": VolumeProblemKind.MISSING,
    }
    messages = " ".join(caught.value.messages)
    assert "Kriteria 3a" in messages and "melebihi jumlah KK 100" in messages
    assert "volume -1 unit negatif" in messages


def test_a_volume_equal_to_its_denominator_is_fine_and_zero_over_zero_is_zero(cset):
    figures = Figures(
        buildings=D(0), area_ha=D(10), road_length_m=D(0), drainage_length_m=D(5), households=D(4)
    )
    v = {c.code: D(0) for c in cset.criteria}
    v["3a"] = D(4)  # all four households
    result = scoring.score(cset, figures, v)
    assert result.by_code["3a"].percentage == D("100.00")
    assert result.by_code["1a"].percentage == D("0.00")
    v["2a"] = D(1)  # road volume with no ideal road length
    with pytest.raises(ScoringError):
        scoring.score(cset, figures, v)


def test_rescore_subtracts_handled_volumes_never_below_zero(cset):
    v = volumes(cset, "0.80")  # all 5 -> 80, berat
    handled = {"4b": FIGURES.drainage_length_m, "4c": D(99999), "1a": D(50)}
    result = scoring.rescore(cset, FIGURES, v, handled)
    assert result.before.total == 80
    assert result.after.by_code["4b"].volume == 0
    assert result.after.by_code["4c"].volume == 0  # not below 0
    assert result.after.by_code["1a"].percentage == D("30.00")
    assert result.after.total == 80 - 5 - 5 - (5 - 1)
    expected = (result.before.exact_average - result.after.exact_average) / (
        result.before.exact_average
    )
    assert result.contribution == expected.quantize(D("0.0001"))
    assert D(0) < result.contribution < D(1)


def test_kontribusi_is_at_most_one_and_zero_when_nothing_was_slum():
    assert scoring.contribution(D(40), D(0)) == D("1.0000")
    assert scoring.contribution(D(40), D(10)) == D("0.7500")
    assert scoring.contribution(D(0), D(0)) == D("0.0000")


def test_an_area_is_scored_on_the_sums_so_bigger_rts_weigh_more(cset):
    small = Figures(
        buildings=D(10), area_ha=D(1), road_length_m=D(100), drainage_length_m=D(100),
        households=D(10),
    )  # fmt: skip
    big = Figures(
        buildings=D(90), area_ha=D(9), road_length_m=D(900), drainage_length_m=D(900),
        households=D(90),
    )  # fmt: skip
    all_slum = {c.code: small.get(c.denominator) for c in cset.criteria}  # 100 %
    none_slum = {c.code: D(0) for c in cset.criteria}  # 0 %
    figures, summed = scoring.aggregate(cset, [(small, all_slum), (big, none_slum)])
    result = scoring.score(cset, figures, summed)
    assert figures.households == D(100)
    assert result.by_code["3a"].percentage == D("10.00")  # 10 of 100, not (100 + 0) / 2
    assert result.total == 0


def test_100_0_100_indicators(cset):
    v1 = {c.code: D(0) for c in cset.criteria}
    v1.update({"3a": D(20), "5a": D(50)})
    rows = [
        (FIGURES, v1, SlumClass.LIGHT),
        (FIGURES, {c.code: D(0) for c in cset.criteria}, SlumClass.NONE),
    ]
    result = scoring.indicators(cset, rows)
    assert result.water_access_pct == D("90.00")  # 20 of 200 households without safe water
    assert result.sanitation_access_pct == D("75.00")
    assert result.slum_area_ha == D("10.00")  # only the RT classed as kumuh


def test_a_criteria_set_with_a_duplicate_code_is_refused():
    data = next(d for d, _c in definitions())
    broken = {**data, "aspects": [*data["aspects"], data["aspects"][0]]}
    with pytest.raises(ValueError, match="appears twice"):
        CriteriaSet.from_definition(broken)
