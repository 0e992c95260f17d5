import datetime as dt
from decimal import Decimal

from tridaya.works.schedule import (
    Line,
    actual_curve,
    deviations,
    evidence_needed,
    functionality_score,
    plan_curve,
    planned_at,
    week_count,
    weighted_progress,
)

D = Decimal
WEIGHTS = {"exists": 20, "good_condition": 20, "functioning": 30, "used": 20, "upgraded": 10}


def test_plan_curve_matches_a_hand_computed_rab():
    # RAB: Rp 1.500.000 (75%) in weeks 1-3, Rp 500.000 (25%) in weeks 2-4.
    lines = [Line(1_500_000, 1, 3), Line(500_000, 2, 4)]
    # w1: 75/3 = 25; w2: 50 + 25/3 = 58.33; w3: 75 + 50/3 = 91.67; w4: 100
    assert plan_curve(lines, 4) == [D("25.00"), D("58.33"), D("91.67"), D("100.00")]


def test_lines_one_after_another_give_their_weights_in_turn():
    assert plan_curve([Line(1_500_000, 1, 2), Line(500_000, 3, 4)], 4) == [
        D("37.50"),
        D("75.00"),
        D("87.50"),
        D("100.00"),
    ]


def test_weeks_and_the_plan_on_a_day():
    start = dt.date(2026, 3, 2)
    assert week_count(start, dt.date(2026, 3, 29)) == 4
    assert week_count(start, dt.date(2026, 3, 30)) == 5
    plan = [D(25), D("58.33"), D("91.67"), D(100)]
    assert planned_at(plan, start, dt.date(2026, 3, 1)) == 0
    assert planned_at(plan, start, dt.date(2026, 3, 8)) == D(25)  # end of week 1
    assert planned_at(plan, start, dt.date(2026, 3, 10)) == D(25)
    assert planned_at(plan, start, dt.date(2026, 4, 30)) == D(100)


def test_actual_curve_keeps_the_highest_approved_and_stops_at_today():
    start = dt.date(2026, 3, 2)
    approved = [(dt.date(2026, 3, 5), D(10)), (dt.date(2026, 3, 12), D(30))]
    curve = actual_curve(approved, start, 4, today=dt.date(2026, 3, 13))
    assert curve == [D(10), D(30), None, None]


def test_deviation_messages_in_plain_indonesian():
    flags = deviations(
        planned=D(57),
        physical=D(45),
        money_used=D(80),
        late_threshold=D(5),
        money_threshold=D(15),
    )
    assert flags == ["terlambat 12% dari rencana", "uang terpakai 80%, fisik 45%"]
    assert (
        deviations(
            planned=D(40),
            physical=D(45),
            money_used=D(50),
            late_threshold=D(5),
            money_threshold=D(15),
        )
        == []
    )


def test_weighted_progress_by_rab_value():
    assert weighted_progress([(3_000_000, D(100)), (1_000_000, D(20))]) == D("80.00")
    assert weighted_progress([]) is None


def test_functionality_score_and_a_lost_asset():
    every = dict.fromkeys(WEIGHTS, True)
    assert functionality_score(every, WEIGHTS) == 100
    assert functionality_score({**every, "upgraded": False, "used": False}, WEIGHTS) == 70
    assert functionality_score({**every, "exists": False}, WEIGHTS) == 0


def test_evidence_slots_needed():
    assert evidence_needed(D(0), (0, 50, 100)) == [0]
    assert evidence_needed(D(49), (0, 50, 100)) == [0]
    assert evidence_needed(D(50), (0, 50, 100)) == [0, 50]
    assert evidence_needed(D(100), (0, 50, 100)) == [0, 50, 100]
