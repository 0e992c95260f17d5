"""The rules behind a training's outcomes, on plain values: the attendance rule, module
completion, pass marks and score gains (with no post-test, and for absent participants)."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from tridaya.training.results import (
    Rules,
    SessionInfo,
    evaluate_participant,
    mean,
    missed_too_many,
    summarise_groups,
    summarise_modules,
    summarise_participants,
)

RULES = Rules(pass_mark=70, max_absence_pct=25)
# Four sessions, one per module 1..4.
SESSIONS = [SessionInfo(id=10 + m, module_id=m, recorded=True) for m in (1, 2, 3, 4)]


def outcome(present=(11, 12, 13, 14), scores=None, rules=RULES, sessions=SESSIONS, pid=1):
    return evaluate_participant(
        pid,
        rules=rules,
        sessions=sessions,
        present=set(present),
        module_ids=[1, 2, 3, 4],
        scores=scores or {},
    )


def test_missing_exactly_the_allowed_share_still_completes():
    assert not missed_too_many(1, 4, 25)
    assert missed_too_many(2, 4, 25)
    assert not missed_too_many(0, 0, 0)


@given(
    sessions=st.integers(min_value=1, max_value=60),
    missed=st.integers(min_value=0, max_value=60),
    pct=st.integers(min_value=0, max_value=100),
)
def test_attendance_rule_matches_the_share_of_sessions_missed(sessions, missed, pct):
    missed = min(missed, sessions)
    assert missed_too_many(missed, sessions, pct) == (D(missed) / D(sessions) > D(pct) / 100)


def test_a_participant_who_missed_more_than_the_share_is_incomplete_and_completes_nothing():
    result = outcome(present=(11, 12))  # missed 2 of 4 = 50% > 25%
    assert result.missed == 2
    assert not result.attendance_ok
    assert result.completed_modules == []
    assert not result.eligible


def test_missing_one_session_completes_the_training_but_not_that_sessions_module():
    result = outcome(present=(11, 12, 13))  # missed module 4's session
    assert result.attendance_ok and result.eligible
    assert result.completed_modules == [1, 2, 3]
    assert result.modules[4].present_at_module is False


def test_unrecorded_sessions_count_as_not_missed_and_keep_the_status_provisional():
    sessions = [SessionInfo(10, 1, True), SessionInfo(11, 2, False), SessionInfo(12, 3, False)]
    result = outcome(present=(10,), sessions=sessions)
    assert result.attendance_ok
    assert not result.final
    assert result.modules[2].present_at_module is True  # not yet known: not called absent


def test_nobody_completes_a_training_without_sessions():
    result = outcome(present=(), sessions=[])
    assert not result.attendance_ok and not result.eligible


def test_gain_is_post_minus_pre_and_needs_both_tests():
    result = outcome(scores={(1, "pre"): D("40"), (1, "post"): D("80"), (2, "pre"): D("60")})
    assert result.modules[1].gain == D("40")
    assert result.modules[2].gain is None  # no post-test
    assert result.modules[2].passed is None
    assert result.modules[3].gain is None  # absent from both tests
    assert result.avg_gain == D("40.0")  # only the module with both tests counts
    assert result.avg_pre == D("40.0") and result.avg_post == D("80.0")


def test_pass_mark_is_inclusive():
    result = outcome(scores={(1, "post"): D("70"), (2, "post"): D("69.9")})
    assert result.modules[1].passed is True
    assert result.modules[2].passed is False


def test_when_passing_is_required_a_module_without_a_passed_post_test_is_not_completed():
    rules = Rules(pass_mark=70, max_absence_pct=25, require_pass=True)
    scores = {(1, "post"): D("90"), (2, "post"): D("50"), (3, "post"): D("70")}
    result = outcome(scores=scores, rules=rules)
    assert result.completed_modules == [1, 3]
    assert not result.eligible  # module 2 failed, module 4 has no post-test


def test_module_summary_counts_only_pairs_and_says_how_many_took_one_test():
    with_both = outcome(pid=1, scores={(1, "pre"): D("40"), (1, "post"): D("90")})
    only_pre = outcome(pid=2, scores={(1, "pre"): D("20")})
    absent = outcome(pid=3, present=())
    summary = summarise_modules([with_both, only_pre, absent], [1, 2])[1]
    assert summary.n == 1
    assert summary.avg_pre == D("40.0")  # the lone pre-test of participant 2 does not drag it
    assert summary.avg_gain == D("50.0")
    assert summary.pre_only == 1
    assert summary.passed == 1 and summary.post_taken == 1
    assert summarise_modules([absent], [2])[2].avg_gain is None


def test_group_gain_averages_each_participants_own_gain():
    a = outcome(
        pid=1,
        scores={
            (1, "pre"): D("40"),
            (1, "post"): D("80"),
            (2, "pre"): D("50"),
            (2, "post"): D("60"),
        },
    )
    b = outcome(pid=2, scores={(1, "pre"): D("60"), (1, "post"): D("70")})
    c = outcome(pid=3, scores={(1, "pre"): D("30")})  # no post-test: not in the average
    groups = summarise_groups([a, b, c], {1: "bkm", 2: "bkm", 3: "upk"})
    assert groups["bkm"].avg_gain == D("17.5")  # (25 + 10) / 2
    assert groups["bkm"].n == 2
    assert groups["upk"].n == 0 and groups["upk"].avg_gain is None
    assert groups["upk"].pre_only == 1
    overall = summarise_participants([a, b, c])
    assert overall.avg_gain == D("17.5")


def test_mean_rounds_half_up_to_one_decimal():
    assert mean([D("70"), D("70"), D("71")]) == D("70.3")
    assert mean([D("0.05"), D("0.1")]) == D("0.1")
    assert mean([]) is None


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=100, places=1),
            st.decimals(min_value=0, max_value=100, places=1),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_participants_gain_is_their_average_post_minus_average_pre(pairs):
    scores = {}
    for module, (pre, post) in enumerate(pairs, start=1):
        scores[(module, "pre")], scores[(module, "post")] = pre, post
    result = outcome(scores=scores)
    exact = sum((post - pre for pre, post in pairs), D(0)) / len(pairs)
    assert abs(result.avg_gain - exact) <= D("0.05")
    assert -100 <= result.avg_gain <= 100
