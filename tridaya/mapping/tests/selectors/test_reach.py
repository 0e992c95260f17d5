"""The households a set of problems reaches: per RT the largest problem (problems of one RT
touch the same households), at most the households surveyed there, problems without an RT on
their own, summed over RTs; never a household counted twice (issue 11, item 3)."""

from tridaya.mapping.selectors.reach import ProblemCount, Reach, distinct_reach


def test_overlapping_problems_of_one_rt_count_their_households_once():
    problems = [ProblemCount(1, 10, 6), ProblemCount(1, 8, 5), ProblemCount(2, 12, 4)]
    assert distinct_reach(problems) == Reach(22, 10)
    assert distinct_reach(problems[:1] * 3) == Reach(10, 6)


def test_the_survey_bounds_an_rt_and_rts_without_one_keep_their_count():
    problems = [ProblemCount(1, 30, 20), ProblemCount(2, 12, 4), ProblemCount(None, 5, 2)]
    surveyed = {1: Reach(10, 6), 3: Reach(40, 9)}
    assert distinct_reach(problems, surveyed) == Reach(10 + 12 + 5, 6 + 4 + 2)
    assert distinct_reach([], surveyed) == Reach(0, 0)
