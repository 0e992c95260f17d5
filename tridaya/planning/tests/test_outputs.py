"""The gate outputs of the cycle steps 'prioritas' and 'kawasan_prioritas', as a template names
them with { rule = "output", name = ... }, and the demo seed of Bajur."""

from __future__ import annotations

import io

import pytest

from tridaya.cycle import gates
from tridaya.cycle.gates import GateContext
from tridaya.cycle.tests.factories import enrolled
from tridaya.planning.outputs import KAWASAN_CHOSEN, PRIORITIES_CLOSED
from tridaya.planning.services import kawasan as kaw
from tridaya.planning.services import ranking
from tridaya.planning.tests.factories import fill_criteria, grid_rts, keys, round_with, span

pytestmark = pytest.mark.django_db


def check(step, name: str):
    gate = {"rule": "output", "name": name}
    assert gates.known_rule(gate) is None
    ctx = GateContext(step=step, program=step.cycle.program, earlier_steps=[])
    return gates.output(gate, ctx)


def test_priorities_closed_output(bajur, terong_tawah):
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="prioritas")
    result = check(step, PRIORITIES_CLOSED)
    assert not result.ok and "Belum ada putaran prioritas yang ditutup" in result.message
    round_ = round_with(bajur, voting=True)
    assert round_.cycle == cycle
    # A closed round of the neighbour does not count for Bajur.
    other = round_with(terong_tawah, voting=True)
    ranking.ballot_paper_add(actor=None, round_=other, count=1, choices=[keys(other)["Jalan"]])
    ranking.round_close(actor=None, round_=other)
    assert not check(step, PRIORITIES_CLOSED).ok
    k = keys(round_)
    ranking.ballot_paper_add(actor=None, round_=round_, count=9, choices=[k["Sanitasi"]])
    ranking.round_close(actor=None, round_=round_)
    result = check(step, PRIORITIES_CLOSED)
    assert result.ok and result.rule == f"output:{PRIORITIES_CLOSED}"
    assert "9 surat suara, prioritas pertama 'Sanitasi'" in result.message


def test_kawasan_chosen_output(bajur):
    cycle = enrolled(bajur)
    step = cycle.steps.get(code="kawasan_prioritas")
    grid_rts(bajur)
    area = kaw.area_create(actor=None, village=bajur, name="Tengah", geometry=span(0, 2))
    result = check(step, KAWASAN_CHOSEN)
    assert not result.ok and "Belum ada kawasan prioritas yang ditetapkan" in result.message
    kaw.area_choose(
        actor=None, area=fill_criteria(area), decision_rationale="Disepakati warga di rembug desa."
    )
    result = check(step, KAWASAN_CHOSEN)
    assert result.ok and result.message.startswith("Kawasan prioritas ditetapkan: Tengah (")


def test_demo_seed_gives_bajur_a_closed_round_and_a_chosen_kawasan(transactional_db):
    """The demo as `make run` seeds it, from regions to mapping, then this app's step twice."""
    from django.core.management import call_command

    from tridaya.core.models import AuditEvent
    from tridaya.cycle.models import StepStatus
    from tridaya.planning import demo
    from tridaya.planning.models import PriorityArea, PriorityRound, RoundStatus
    from tridaya.regions import demo as regions_demo
    from tridaya.regions.tests.factories import region

    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    quiet = lambda _message: None  # noqa: E731
    call_command("seed_demo", stdout=io.StringIO())  # every app's step, in the real order
    round_ = PriorityRound.objects.get(village_id=regions_demo.BAJUR)
    assert round_.status == RoundStatus.CLOSED and round_.result["vote"]["ballots"] == 98
    assert all(o.problem_id for o in round_.options.all())
    chosen = PriorityArea.objects.get(status="ditetapkan")
    assert chosen.round == round_ and chosen.indicators["problems"]["count"] >= 1
    assert PriorityArea.objects.filter(status="calon").count() == 1
    steps = {s.code: s.status for s in round_.cycle.steps.all()}
    assert steps["prioritas"] == steps["kawasan_prioritas"] == StepStatus.DONE
    before = (
        PriorityRound.objects.count(),
        PriorityArea.objects.count(),
        AuditEvent.objects.count(),
    )
    demo.seed_priorities(quiet)
    after = (
        PriorityRound.objects.count(),
        PriorityArea.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
