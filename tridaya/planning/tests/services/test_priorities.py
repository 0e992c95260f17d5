"""Prioritisation through the services: each voting method on hand-worked examples (ties
included) counted from stored online and paper ballots, weighted criteria scoring with its
arithmetic, the rules of each state, the frozen result of a closed round, and the audit trail."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    Ballot,
    CriterionBasis,
    CriterionScore,
    PriorityRound,
    RoundStatus,
)
from tridaya.planning.services import priorities as prio
from tridaya.planning.services import ranking
from tridaya.planning.tests.factories import (
    criteria,
    grid_rts,
    keys,
    meeting,
    problem,
    round_with,
    rt_profile,
)
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def tallies(round_: PriorityRound) -> list[tuple[str, int]]:
    round_.refresh_from_db()
    return [(t["title"], t["points"]) for t in round_.result["vote"]["tallies"]]


@pytest.fixture
def voters(bajur):
    return [user_with_role("resident", BAJUR) for _ in range(3)]


def test_borda_hand_worked_with_a_tie_broken_by_first_places(bajur, voters):
    # Options listed Drainase, Jalan, Sanitasi: n = 3, first 2 points, second 1, third 0.
    round_ = round_with(bajur, voting=True)
    k = keys(round_)
    d, j, s = k["Drainase"], k["Jalan"], k["Sanitasi"]
    # 5 paper ballots D>J>S: D 10, J 5.  4 paper S>J>D: S 8, J 4.  Online J>S>D twice: J 4, S 2.
    ranking.ballot_paper_add(actor=None, round_=round_, count=5, choices=[d, j, s])
    ranking.ballot_paper_add(actor=None, round_=round_, count=4, choices=[s, j, d])
    for voter in voters[:2]:
        ranking.ballot_cast(actor=voter, round_=round_, choices=[j, s, d])
    ranking.round_close(actor=None, round_=round_)
    assert tallies(round_) == [("Jalan", 13), ("Drainase", 10), ("Sanitasi", 10)]
    vote = round_.result["vote"]
    assert vote["ballots"] == 11 and vote["paper"] == 9 and vote["online"] == 2
    # Drainase and Sanitasi tie on 10: Drainase has 5 first places, Sanitasi 4.
    assert vote["tallies"][2]["tie"] == {"by": "first_places", "a": 5, "b": 4}
    assert vote["tallies"][0]["working"] == "5×1 + 4×1 + 1×2 + 1×2 = 13"
    assert vote["winner"] == str(j)


def test_approval_tie_goes_to_more_poor_households(bajur, voters):
    # Jalan (25 poor) is listed before Sanitasi (60 poor); both approved 7 times.
    round_ = round_with(bajur, [("Jalan", 25), ("Sanitasi", 60)], method="approval", voting=True)
    k = keys(round_)
    ranking.ballot_paper_add(
        actor=None, round_=round_, count=6, choices=[k["Jalan"], k["Sanitasi"]]
    )
    ranking.ballot_cast(actor=voters[0], round_=round_, choices=[k["Jalan"], k["Sanitasi"]])
    ranking.round_close(actor=None, round_=round_)
    assert tallies(round_) == [("Sanitasi", 7), ("Jalan", 7)]
    assert round_.result["vote"]["tallies"][1]["tie"] == {"by": "poor", "a": 60, "b": 25}


def test_score_voting_and_a_full_tie_falls_back_to_listing_order(bajur, voters):
    round_ = round_with(
        bajur, [("A", 5), ("B", 5), ("C", 0)], method="score", voting=True, max_score=3
    )
    k = keys(round_)
    # 2 paper × (A3, B2, C2): A 6, B 4, C 4.  1 paper × (A1, B3): A 7, B 7.  Online (C2): C 6.
    ranking.ballot_paper_add(
        actor=None, round_=round_, count=2, scores={k["A"]: 3, k["B"]: 2, k["C"]: 2}
    )
    ranking.ballot_paper_add(actor=None, round_=round_, count=1, scores={k["A"]: 1, k["B"]: 3})
    ranking.ballot_cast(actor=voters[0], round_=round_, scores={k["C"]: 2})
    ranking.round_close(actor=None, round_=round_)
    # A and B: 7 points each, each scored above 0 by 3 sheets, both 5 poor households: the
    # listing order decides.
    assert tallies(round_) == [("A", 7), ("B", 7), ("C", 6)]
    assert round_.result["vote"]["tallies"][1]["tie"] == {"by": "order"}


def test_score_ballot_above_the_rounds_highest_score_is_refused(bajur):
    round_ = round_with(bajur, method="score", voting=True, max_score=3)
    k = keys(round_)
    with pytest.raises(DomainError) as exc:
        ranking.ballot_paper_add(actor=None, round_=round_, count=2, scores={k["Jalan"]: 4})
    assert exc.value.code == PlanningError.BAD_BALLOT
    assert "skor" in exc.value.messages[0] and "harus 0 sampai 3" in exc.value.messages[0]


def test_borda_ballot_naming_an_option_twice_or_another_rounds_option_is_refused(bajur):
    round_ = round_with(bajur, voting=True)
    other = round_with(bajur, [("Lain", 1), ("Lagi", 1)])
    k = keys(round_)
    for choices in ([k["Jalan"], k["Jalan"]], [next(iter(keys(other).values()))]):
        with pytest.raises(DomainError) as exc:
            ranking.ballot_paper_add(actor=None, round_=round_, count=1, choices=choices)
        assert exc.value.code == PlanningError.BAD_BALLOT
    assert not Ballot.objects.filter(round=round_).exists()


def test_paper_ballots_cannot_outnumber_those_present_at_the_rembug(bajur):
    round_ = round_with(bajur, voting=True)  # the rembug had 30 men and 25 women
    k = keys(round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=50, choices=[k["Jalan"]])
    with pytest.raises(DomainError) as exc:
        ranking.ballot_paper_add(actor=None, round_=round_, count=6, choices=[k["Jalan"]])
    assert exc.value.code == PlanningError.TOO_MANY_PAPER_BALLOTS
    assert "56 lembar" in exc.value.messages[0] and "55 peserta" in exc.value.messages[0]


def test_casting_again_replaces_the_voters_own_ballot(bajur, voters):
    round_ = round_with(bajur, method="approval", voting=True)
    k = keys(round_)
    ranking.ballot_cast(actor=voters[0], round_=round_, choices=[k["Jalan"]])
    ranking.ballot_cast(actor=voters[0], round_=round_, choices=[k["Drainase"], k["Sanitasi"]])
    ballot = Ballot.objects.get(round=round_)
    assert ballot.choices == [k["Drainase"], k["Sanitasi"]] and ballot.count == 1
    events = AuditEvent.objects.filter(action="planning.ballot_cast", object_id=str(ballot.pk))
    assert events.count() == 2


def test_weighted_scores_rank_with_the_arithmetic_shown(bajur):
    round_ = round_with(bajur, weights=[("Urgensi", 40), ("Miskin", 35), ("Swadaya", 25)])
    k = keys(round_)
    crit = {c.key: c.pk for c in round_.criteria.all()}
    cells = {
        (k["Drainase"], crit["urgensi"]): 5,
        (k["Drainase"], crit["miskin"]): 4,
        (k["Drainase"], crit["swadaya"]): 2,
        (k["Jalan"], crit["urgensi"]): 3,
        (k["Jalan"], crit["miskin"]): 3,
        (k["Jalan"], crit["swadaya"]): 5,
        # Sanitasi 40×4 + 35×4 + 25×2 = 350: the same total as Jalan (40×3 + 35×3 + 25×5),
        # but more poor households (60 > 25), so it ranks first of the two.
        (k["Sanitasi"], crit["urgensi"]): 4,
        (k["Sanitasi"], crit["miskin"]): 4,
        (k["Sanitasi"], crit["swadaya"]): 2,
    }
    assert ranking.scores_set(actor=None, round_=round_, scores=cells) == 9
    ranking.voting_open(actor=None, round_=round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=1, choices=[k["Jalan"]])
    ranking.round_close(actor=None, round_=round_)
    round_.refresh_from_db()
    items = round_.result["weighted"]["items"]
    assert [(i["title"], i["total"]) for i in items] == [
        ("Drainase", 390),
        ("Sanitasi", 350),
        ("Jalan", 350),
    ]
    assert items[0]["working"] == "40%×5 + 35%×4 + 25%×2 = 3,90"
    assert items[2]["tie"] == {"by": "poor", "a": 60, "b": 25}


def test_weights_must_add_up_to_100(bajur):
    round_ = round_with(bajur)
    with pytest.raises(DomainError) as exc:
        prio.criteria_set(actor=None, round_=round_, criteria=criteria(("A", 60), ("B", 30)))
    assert exc.value.code == PlanningError.WEIGHTS_NOT_100
    assert "berjumlah 90%" in exc.value.messages[0]


def test_changing_criteria_keeps_the_scores_of_criteria_kept_by_key(bajur):
    round_ = round_with(bajur)
    k = keys(round_)
    urgensi = round_.criteria.get(key="urgensi")
    ranking.scores_set(actor=None, round_=round_, scores={(k["Jalan"], urgensi.pk): 4})
    prio.criteria_set(
        actor=None,
        round_=round_,
        criteria=[
            prio.CriterionInput("Urgensi", 70, key="urgensi"),
            prio.CriterionInput("Biaya", 30),
        ],
    )
    assert [(c.key, c.weight) for c in round_.criteria.order_by("position")] == [
        ("urgensi", 70),
        ("biaya", 30),
    ]
    assert CriterionScore.objects.get(option_id=k["Jalan"]).score == 4


def test_scores_are_0_to_5_and_the_error_names_option_and_criterion(bajur):
    round_ = round_with(bajur)
    k = keys(round_)
    urgensi = round_.criteria.get(key="urgensi")
    with pytest.raises(DomainError) as exc:
        ranking.scores_set(actor=None, round_=round_, scores={(k["Jalan"], urgensi.pk): 6})
    assert exc.value.code == PlanningError.BAD_SCORE
    assert "'Jalan', kriteria 'Urgensi': nilai 6" in exc.value.messages[0]


def test_scores_suggested_from_mapping_data(bajur):
    rts = grid_rts(bajur)
    rt_profile(rts[0])  # every criterion at 80%: total 80 of 80
    round_ = prio.round_create(actor=None, village=bajur, title="Dari pemetaan")
    problems = [
        problem(bajur, "Banjir", households=40, poor=30, severity=5, rt=rts[0]),
        problem(bajur, "Jalan rusak", households=10, poor=4, severity=2, rt=rts[1]),
    ]
    created = prio.options_add_problems(actor=None, round_=round_, problems=problems)
    assert [(o.households, o.poor_households, o.severity, o.slum_total) for o in created] == [
        (40, 30, 5, 80),
        (10, 4, 2, None),
    ]
    ranking.scores_fill_from_data(actor=None, round_=round_)
    got = {
        (s.option.title, s.criterion.basis): s.score
        for s in CriterionScore.objects.select_related("option", "criterion")
    }
    assert got == {
        ("Banjir", CriterionBasis.SEVERITY): 5,
        ("Banjir", CriterionBasis.POOR_HOUSEHOLDS): 5,  # ceil(5 × 30 / 30)
        ("Banjir", CriterionBasis.HOUSEHOLDS): 5,
        ("Banjir", CriterionBasis.SLUM): 5,  # ceil(5 × 80 / 80)
        ("Jalan rusak", CriterionBasis.SEVERITY): 2,
        ("Jalan rusak", CriterionBasis.POOR_HOUSEHOLDS): 1,  # ceil(5 × 4 / 30) = ceil(0.67)
        ("Jalan rusak", CriterionBasis.HOUSEHOLDS): 2,  # ceil(5 × 10 / 40) = ceil(1.25)
    }
    # Adding the same problem again adds nothing.
    assert prio.options_add_problems(actor=None, round_=round_, problems=problems) == []


def test_problems_of_another_village_cannot_be_options(bajur, terong_tawah):
    round_ = round_with(bajur)
    with pytest.raises(DomainError) as exc:
        prio.options_add_problems(
            actor=None, round_=round_, problems=[problem(terong_tawah, "Di desa tetangga")]
        )
    assert exc.value.code == PlanningError.OTHER_VILLAGE


def test_options_are_fixed_once_voting_opens(bajur):
    round_ = round_with(bajur, voting=True)
    with pytest.raises(DomainError) as exc:
        prio.option_add_program(actor=None, round_=round_, title="Baru", domain="E")
    assert exc.value.code == PlanningError.NOT_DRAFT


def test_voting_needs_two_options_and_closing_needs_meeting_and_ballots(bajur):
    lonely = round_with(bajur, [("Satu", 1)])
    with pytest.raises(DomainError) as exc:
        ranking.voting_open(actor=None, round_=lonely)
    assert exc.value.code == PlanningError.TOO_FEW_OPTIONS

    round_ = round_with(bajur, voting=True, with_meeting=False)
    with pytest.raises(DomainError) as exc:
        ranking.round_close(actor=None, round_=round_)
    assert exc.value.code == PlanningError.MEETING_MISSING
    prio.round_update(
        actor=None,
        round_=round_,
        title=round_.title,
        method=round_.method,
        max_score=round_.max_score,
        meeting=meeting(bajur),
    )
    with pytest.raises(DomainError) as exc:
        ranking.round_close(actor=None, round_=round_)
    assert exc.value.code == PlanningError.NO_BALLOTS


def test_ballots_are_refused_before_voting_opens(bajur, voters):
    round_ = round_with(bajur)
    with pytest.raises(DomainError) as exc:
        ranking.ballot_cast(actor=voters[0], round_=round_, choices=[keys(round_)["Jalan"]])
    assert exc.value.code == PlanningError.NOT_VOTING


@pytest.fixture
def closed(bajur, voters):
    round_ = round_with(bajur, voting=True)
    k = keys(round_)
    ranking.ballot_paper_add(
        actor=None, round_=round_, count=3, choices=[k["Sanitasi"], k["Jalan"]]
    )
    ranking.ballot_cast(actor=voters[0], round_=round_, choices=[k["Jalan"]])
    ranking.round_close(actor=None, round_=round_)
    round_.refresh_from_db()
    return round_


def test_closed_round_refuses_every_change_with_a_coded_error(closed, voters):
    k = keys(closed)
    criterion = closed.criteria.first()
    paper = closed.ballots.get(kind="kertas")
    online = closed.ballots.get(voter=voters[0])
    attempts = [
        lambda: ranking.ballot_cast(actor=voters[1], round_=closed, choices=[k["Jalan"]]),
        lambda: ranking.ballot_paper_add(actor=None, round_=closed, count=1, choices=[k["Jalan"]]),
        lambda: ranking.ballot_remove(actor=None, ballot=paper),
        lambda: ranking.ballot_remove(actor=voters[0], ballot=online),
        lambda: ranking.scores_set(
            actor=None, round_=closed, scores={(k["Jalan"], criterion.pk): 1}
        ),
        lambda: ranking.scores_fill_from_data(actor=None, round_=closed),
        lambda: prio.criteria_set(actor=None, round_=closed, criteria=criteria(("X", 100))),
        lambda: prio.option_add_program(actor=None, round_=closed, title="X", domain="L"),
        lambda: prio.option_remove(actor=None, option=closed.options.first()),
        lambda: ranking.voting_open(actor=None, round_=closed),
        lambda: ranking.round_close(actor=None, round_=closed),
        lambda: prio.round_delete(actor=None, round_=closed),
        lambda: prio.round_update(
            actor=None, round_=closed, title="Baru", method="borda", max_score=5, meeting=None
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as exc:
            attempt()
        assert exc.value.code == PlanningError.ROUND_CLOSED
    assert "sudah ditutup" in exc.value.messages[0]
    closed.refresh_from_db()
    assert closed.title == "Prioritas 2026" and closed.ballots.count() == 2


def test_the_database_refuses_writes_to_a_closed_round_too(closed):
    paper = closed.ballots.get(kind="kertas")
    writes = [
        lambda: Ballot.objects.filter(pk=paper.pk).update(count=99),
        lambda: Ballot.objects.create(round=closed, kind="kertas", count=1, choices=[]),
        lambda: PriorityRound.objects.filter(pk=closed.pk).update(result={}),
        lambda: closed.criteria.update(weight=1),
        lambda: closed.options.update(poor_households=0),
    ]
    for write in writes:
        with pytest.raises(DatabaseError), transaction.atomic():
            write()
    # Clearing a link to a deleted problem or user is allowed.
    closed.options.update(problem=None)
    PriorityRound.objects.filter(pk=closed.pk).update(closed_by=None)


def test_closing_freezes_a_result_reproducible_from_the_stored_ballots(closed):
    from tridaya.planning.selectors.priorities import round_page

    page = round_page(BAJUR, closed.pk)
    assert page.recount_matches is True and page.digest_matches is True
    assert closed.status == RoundStatus.CLOSED and closed.closed_at is not None
    event = AuditEvent.objects.get(action="planning.round_closed", object_id=str(closed.pk))
    assert event.changes["status"] == ["pemungutan", "ditutup"]
    assert event.changes["winner"] == [None, "Sanitasi"]
    assert event.changes["inputs_digest"] == [None, closed.inputs_digest]


def test_a_tampered_ballot_no_longer_matches_the_frozen_digest(closed):
    # Someone with database access drops the trigger and edits a ballot: the page says so.
    from django.db import connection

    from tridaya.planning.frozen_rounds import CHILD_TABLES
    from tridaya.planning.selectors.priorities import round_page

    with connection.cursor() as cursor:
        cursor.execute(_drop_ballot_trigger_sql(connection))
    assert "planning_ballot" in CHILD_TABLES
    Ballot.objects.filter(round=closed, kind="kertas").update(count=1)
    page = round_page(BAJUR, closed.pk)
    assert page.digest_matches is False and page.recount_matches is False


def test_every_write_is_audited_in_the_villages_history(bajur, voters):
    round_ = round_with(bajur, voting=True)
    k = keys(round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=2, choices=[k["Jalan"]], note="RW 03")
    ranking.ballot_cast(actor=voters[0], round_=round_, choices=[k["Jalan"]])
    ranking.round_close(actor=None, round_=round_)
    actions = set(AuditEvent.objects.filter(region_code=BAJUR).values_list("action", flat=True))
    assert {
        "planning.round_created",
        "planning.options_added",
        "planning.voting_opened",
        "planning.paper_ballots_entered",
        "planning.ballot_cast",
        "planning.round_closed",
    } <= actions


def test_only_the_voter_may_withdraw_an_online_ballot(bajur, voters):
    round_ = round_with(bajur, method="approval", voting=True)
    ballot = ranking.ballot_cast(actor=voters[0], round_=round_, choices=[keys(round_)["Jalan"]])
    with pytest.raises(DomainError) as exc:
        ranking.ballot_remove(actor=voters[1], ballot=ballot)
    assert exc.value.code == PlanningError.NOT_YOUR_BALLOT
    ranking.ballot_remove(actor=voters[0], ballot=ballot)
    assert not Ballot.objects.exists()


def test_a_ballot_altered_beyond_counting_is_reported_not_a_crash(closed):
    from django.db import connection

    from tridaya.planning.selectors.priorities import round_page

    with connection.cursor() as cursor:
        cursor.execute(_drop_ballot_trigger_sql(connection))
    Ballot.objects.filter(round=closed, kind="kertas").update(choices=[999999])
    page = round_page(BAJUR, closed.pk)
    assert page.recount_matches is False and page.digest_matches is False
    assert page.vote["winner"] == closed.result["vote"]["winner"]  # the frozen result stands


def _drop_ballot_trigger_sql(connection) -> str:
    """The ballot table's frozen-round trigger, named per database (see frozen_rounds.py)."""
    if connection.vendor == "postgresql":
        return "DROP TRIGGER IF EXISTS planning_ballot_frozen ON planning_ballot"
    return "DROP TRIGGER IF EXISTS planning_ballot_frozen_update"
