"""Each voting method on examples worked by hand, ties included."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tridaya.planning.voting import (
    Ballot,
    BallotError,
    Criterion,
    Method,
    Option,
    count,
    weighted_scores,
)

DRAINASE = Option("drainase", "Drainase RW 03", poor_households=40)
JALAN = Option("jalan", "Jalan lingkungan RW 01", poor_households=25)
SANITASI = Option("sanitasi", "Jamban keluarga", poor_households=60)
OPTIONS = [DRAINASE, JALAN, SANITASI]


def ranking(result):
    return [(t.option.key, t.points) for t in result.tallies]


def test_approval_counts_paper_ballots_as_counts():
    # 12 paper ballots approve drainase+jalan, 7 approve sanitasi, one online ballot all three.
    result = count(Method.APPROVAL, OPTIONS, [
        Ballot(choices=("drainase", "jalan"), count=12),
        Ballot(choices=("sanitasi",), count=7),
        Ballot(choices=("drainase", "jalan", "sanitasi")),
    ])  # fmt: skip
    assert result.ballots == 20
    # drainase 13, jalan 13 (tie: both named 13 times; drainase has more poor households), san. 8
    assert ranking(result) == [("drainase", 13), ("jalan", 13), ("sanitasi", 8)]
    assert result.winner.option == DRAINASE


def test_borda_by_hand():
    # n = 3: first 2 points, second 1, third 0.
    # 5 × D>J>S: D 10, J 5;  4 × S>J>D: S 8, J 4;  2 × J>S>D: J 4, S 2.
    result = count(Method.BORDA, OPTIONS, [
        Ballot(choices=("drainase", "jalan", "sanitasi"), count=5),
        Ballot(choices=("sanitasi", "jalan", "drainase"), count=4),
        Ballot(choices=("jalan", "sanitasi", "drainase"), count=2),
    ])  # fmt: skip
    assert ranking(result) == [("jalan", 13), ("drainase", 10), ("sanitasi", 10)]
    # drainase and sanitasi tie on 10 points; both have first places: D 5 > S 4, so D first.
    assert [t.first_places for t in result.tallies] == [2, 5, 4]
    assert result.tallies[0].working == ["5×1", "4×1", "2×2"]


def test_borda_tie_on_points_and_first_places_goes_to_more_poor_households():
    result = count(Method.BORDA, [DRAINASE, SANITASI], [
        Ballot(choices=("drainase", "sanitasi")), Ballot(choices=("sanitasi", "drainase")),
    ])  # fmt: skip
    assert ranking(result) == [("sanitasi", 1), ("drainase", 1)]


def test_full_tie_falls_back_to_listing_order():
    a, b = Option("a", "A"), Option("b", "B")
    result = count(Method.APPROVAL, [a, b], [Ballot(choices=("a", "b"))])
    assert [t.option.key for t in result.tallies] == ["a", "b"]


def test_score_voting():
    result = count(Method.SCORE, OPTIONS, [
        Ballot(scores=(("drainase", 5), ("jalan", 2), ("sanitasi", 4)), count=3),
        Ballot(scores=(("drainase", 1), ("jalan", 5), ("sanitasi", 4)), count=2),
    ])  # fmt: skip
    # drainase 15+2 = 17, jalan 6+10 = 16, sanitasi 12+8 = 20
    assert ranking(result) == [("sanitasi", 20), ("drainase", 17), ("jalan", 16)]


def test_no_votes_means_no_winner():
    assert count(Method.APPROVAL, OPTIONS, []).winner is None


@pytest.mark.parametrize(
    ("method", "ballot", "message"),
    [
        (Method.APPROVAL, Ballot(choices=("kolam",)), "pilihan tidak dikenal kolam"),
        (Method.BORDA, Ballot(choices=("jalan", "jalan")), "lebih dari sekali"),
        (Method.SCORE, Ballot(scores=(("jalan", 9),)), "skor jalan = 9, harus 0 sampai 5"),
        (Method.APPROVAL, Ballot(choices=("jalan",), count=0), "jumlah lembar"),
    ],
)
def test_bad_ballots_name_the_ballot_and_the_problem(method, ballot, message):
    with pytest.raises(BallotError) as exc:
        count(method, OPTIONS, [Ballot(choices=("jalan",)), ballot])
    assert str(exc.value).startswith("Surat suara 2:") and message in str(exc.value)


@given(st.lists(st.permutations(["drainase", "jalan", "sanitasi"]), max_size=30))
def test_borda_points_always_add_up_to_three_per_full_ballot(rankings):
    result = count(Method.BORDA, OPTIONS, [Ballot(choices=tuple(r)) for r in rankings])
    assert sum(t.points for t in result.tallies) == 3 * len(rankings)


def test_counting_is_reproducible_from_the_same_ballots():
    ballots = [Ballot(choices=("sanitasi", "drainase", "jalan"), count=3),
               Ballot(choices=("jalan", "drainase", "sanitasi"), count=3)]  # fmt: skip
    assert ranking(count(Method.BORDA, OPTIONS, ballots)) == ranking(
        count(Method.BORDA, OPTIONS, list(reversed(ballots)))
    )


def test_weighted_scores_show_their_arithmetic():
    criteria = [Criterion("urgensi", "Urgensi", 40), Criterion("miskin", "KK miskin", 35),
                Criterion("swadaya", "Potensi swadaya", 25)]  # fmt: skip
    items = [("drainase", "Drainase"), ("jalan", "Jalan")]
    scores = {
        ("drainase", "urgensi"): 5,
        ("drainase", "miskin"): 4,
        ("drainase", "swadaya"): 2,
        ("jalan", "urgensi"): 3,
        ("jalan", "miskin"): 3,
        ("jalan", "swadaya"): 5,
    }
    ranked = weighted_scores(criteria, items, scores)
    assert [(r.key, r.total) for r in ranked] == [("drainase", 390), ("jalan", 350)]
    assert ranked[0].working == "40%×5 + 35%×4 + 25%×2 = 3.90"


def test_weights_must_add_up_to_100():
    with pytest.raises(BallotError) as exc:
        weighted_scores([Criterion("a", "A", 60), Criterion("b", "B", 30)], [], {})
    assert "berjumlah 90%, harus 100%" in str(exc.value)
