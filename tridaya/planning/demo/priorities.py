"""Demo prioritisation for Desa Bajur: a closed round over its most severe mapped problems
(criteria with weights, scores suggested from the mapping data and completed by the TIPP, a Borda
vote at a musyawarah with paper and online ballots). The cycle step "Penentuan prioritas" is
signed and completed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tridaya.accounts.models import User
from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import Meeting, MeetingKind, SignOffKind, Step, StepStatus
from tridaya.cycle.selectors import latest_cycle
from tridaya.cycle.services import MeetingInput
from tridaya.mapping.selectors.problems import open_problems
from tridaya.planning.models import (
    CriterionBasis,
    PriorityRound,
)
from tridaya.planning.services import priorities as prio
from tridaya.planning.services import ranking as ranking_services
from tridaya.regions.models import Region

ROUND_TITLE = "Prioritas masalah permukiman 2026"
RUN_ON = dt.date(2026, 9, 10)
KAWASAN_ON = dt.date(2026, 9, 24)
OPTIONS = 6
# The TIPP's own scores (0-5) for the typed-in criteria, option by option in listing order.
COST = [3, 4, 2, 5, 3, 4]
SWADAYA = [4, 3, 5, 2, 3, 4]
# Paper ballots at the musyawarah: (sheets, ranking as positions in the weighted order).
Ranking = tuple[int, ...]
PAPER: list[tuple[int, Ranking]] = [
    (34, (0, 1, 2, 3, 4, 5)), (21, (1, 0, 3, 2, 5, 4)), (17, (0, 2, 1, 4, 3, 5)),
    (12, (2, 0, 1, 3, 4, 5)), (9, (3, 1, 0, 2, 5, 4))]  # fmt: skip
ONLINE: list[tuple[str, Ranking]] = [
    ("warga.bajur", (0, 2, 1)), ("bkm.bajur", (1, 0)), ("upl.bajur", (0, 1, 3)),
    ("ups.bajur", (2, 0, 1)), ("aparat.bajur", (0, 3))]  # fmt: skip


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _step(village: Region, code: str) -> Step | None:
    cycle = latest_cycle(village)
    return cycle.steps.filter(code=code).first() if cycle else None


def _meeting(village: Region, step: Step | None, title: str, when: dt.date, counts, decisions):
    actor = _user("fasilitator.bajur")
    existing = Meeting.objects.filter(village=village, title=title).first()
    if existing is not None:
        return existing
    men, women, poor = counts
    return cycle_services.meeting_record(
        actor=actor,
        village=village,
        step=step if step is not None and step.status == StepStatus.OPEN else None,
        data=MeetingInput(
            kind=MeetingKind.MUSYAWARAH,
            title=title,
            agenda=title,
            held_on=when,
            place="Aula Kantor Desa Bajur",
            facilitator="Fasilitator Kelurahan Tim 3 Lombok Barat",
            men=men,
            women=women,
            poor=poor,
            decisions=tuple(decisions),
        ),
    )


def _complete(step: Step | None, when: dt.date) -> None:
    """Sign and complete an open step the way the cycle demo does, dated `when`."""
    if step is None or step.status != StepStatus.OPEN:
        return
    signers = {
        SignOffKind.SUBMITTED: "bkm.bajur",
        SignOffKind.ACKNOWLEDGED: "aparat.bajur",
        SignOffKind.VERIFIED: "fasilitator.bajur",
    }
    for kind, username in signers.items():
        user = _user(username)
        if user is None:
            return
        cycle_services.signoff_give(actor=user, step=step, kind=kind, signed_on=when)
    cycle_services.step_complete(actor=_user("fasilitator.bajur"), step=step)
    moment = timezone.make_aware(dt.datetime.combine(when, dt.time(15, 0)))
    Step.objects.filter(pk=step.pk).update(completed_at=moment)
    Step.objects.filter(cycle=step.cycle, order=step.order + 1).update(opened_at=moment)


def seed_round(village: Region) -> PriorityRound | None:
    if PriorityRound.objects.filter(village=village, title=ROUND_TITLE).exists():
        return None
    problems = list(
        open_problems(village).order_by("-severity", "-poor_households_affected", "id")[:OPTIONS]
    )
    if len(problems) < 2:
        return None
    tipp = _user("tipp.bajur")
    step = _step(village, "prioritas")
    meeting = _meeting(
        village,
        step,
        "Musyawarah penentuan prioritas",
        RUN_ON,
        (64, 51, 37),
        ["Urutan prioritas masalah permukiman ditetapkan dengan hitungan Borda."],
    )
    round_ = prio.round_create(
        actor=tipp,
        village=village,
        title=ROUND_TITLE,
        description="Enam masalah terparah hasil pemetaan swadaya, dipilih warga di musyawarah.",
        meeting=meeting,
    )
    prio.options_add_problems(actor=tipp, round_=round_, problems=problems)
    ranking_services.scores_fill_from_data(actor=tipp, round_=round_)
    options = list(round_.options.order_by("position"))
    manual = {c.key: c for c in round_.criteria.filter(basis=CriterionBasis.MANUAL)}
    cells = {}
    for index, option in enumerate(options):
        if "biaya" in manual:
            cells[(option.pk, manual["biaya"].pk)] = COST[index % len(COST)]
        if "swadaya" in manual:
            cells[(option.pk, manual["swadaya"].pk)] = SWADAYA[index % len(SWADAYA)]
    # Options without a slum score of their RT get the TIPP's own judgement of the location.
    slum = round_.criteria.filter(basis=CriterionBasis.SLUM).first()
    if slum is not None:
        for option in options:
            if option.slum_total is None:
                cells[(option.pk, slum.pk)] = 2
    ranking_services.scores_set(actor=tipp, round_=round_, scores=cells)
    ranking_services.voting_open(actor=tipp, round_=round_)
    order = [o.pk for o in options]
    for sheets, ranking in PAPER:
        ranking_services.ballot_paper_add(
            actor=tipp,
            round_=round_,
            count=sheets,
            choices=[order[i] for i in ranking if i < len(order)],
            note="Kotak suara musyawarah",
        )
    for username, ranking in ONLINE:
        voter = _user(username)
        if voter is not None:
            choices = [order[i] for i in ranking if i < len(order)]
            ranking_services.ballot_cast(actor=voter, round_=round_, choices=choices)
    return ranking_services.round_close(actor=tipp, round_=round_)
