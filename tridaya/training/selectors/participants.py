"""Reads about the people of a training's villages: the institutions' members to invite,
and the capacity map (who of them completed which module), each with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from tridaya.institutions.models import (
    BKMMember,
    KPPMember,
    KSMMember,
    Person,
    PokjaMember,
    TIPPGroup,
    TIPPMember,
    UPStaff,
)
from tridaya.regions.models import Level, Region
from tridaya.training import capacity
from tridaya.training.definitions import current_curriculum
from tridaya.training.models import (
    ActorGroup,
    Attendance,
    Curriculum,
    Participant,
    Session,
    TestResult,
    Training,
    TrainingStatus,
)
from tridaya.training.results import (
    ParticipantOutcome,
    Rules,
    SessionInfo,
    SessionPlan,
    evaluate_participant,
)


@dataclass
class Records:
    """Institutions' members and training completions for a set of villages (15 queries)."""

    modules: list[capacity.ModuleInfo]
    members: dict[str, dict[str, list[capacity.Member]]]  # village -> group -> members
    participants: list[Any]  # value dicts of participants of trainings not cancelled
    outcomes: dict[int, ParticipantOutcome]  # participants of closed trainings
    module_codes: dict[int, str] = field(default_factory=dict)
    module_titles: dict[str, str] = field(default_factory=dict)

    @cached_property
    def _completions(self) -> dict[str, dict[str, set[str]]]:
        """village -> person key -> codes of the modules completed (computed once)."""
        done: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for p in self.participants:
            outcome = self.outcomes.get(p["id"])
            if outcome is None or p["village_id"] is None:
                continue
            key = capacity.person_key(p["person_id"], p["name"])
            done[p["village_id"]][key].update(
                self.module_codes[m] for m in outcome.completed_modules
            )
        return done

    def completions(self, village_code: str) -> dict[str, set[str]]:
        return self._completions.get(village_code, {})

    def capacity_map(self, village_code: str) -> capacity.CapacityMap:
        return capacity.build(
            self.modules, self.members.get(village_code, {}), self.completions(village_code)
        )


def _module_infos(curriculum: Curriculum | None) -> list[capacity.ModuleInfo]:
    if curriculum is None:
        return []
    return [
        capacity.ModuleInfo(
            code=m.code,
            title=m.title,
            is_core=m.is_core,
            stage=m.stage,
            stage_label=str(m.stage_label),
            targets=frozenset(m.target_groups),
        )
        for m in curriculum.modules.order_by("order")
    ]


def _members(villages: Q, today: dt.date) -> dict[str, dict[str, list[capacity.Member]]]:
    found: dict[str, dict[str, list[capacity.Member]]] = defaultdict(lambda: defaultdict(list))

    def add(village: str, group: str, person_id: int, name: str) -> None:
        found[village][group].append(capacity.Member(capacity.person_key(person_id, name), name))

    def q(prefix: str) -> Q:
        return Q(**{f"{prefix}__in": Region.objects.filter(villages).values("code")})

    for village, person, name in BKMMember.objects.filter(
        q("bkm__village_id"), term_end__gte=today
    ).values_list("bkm__village_id", "person_id", "person__name"):
        add(village, ActorGroup.BKM, person, name)
    for village, kind, person, name in UPStaff.objects.filter(q("unit__village_id")).values_list(
        "unit__village_id", "unit__kind", "person_id", "person__name"
    ):
        add(village, kind.lower(), person, name)
    for village, group, person, name in TIPPMember.objects.filter(
        q("tipp__village_id")
    ).values_list("tipp__village_id", "group", "person_id", "person__name"):
        add(village, ActorGroup.TIPP, person, name)
        if group == TIPPGroup.APPARATUS:
            add(village, ActorGroup.APARAT, person, name)
    for model, prefix, group in (
        (PokjaMember, "pokja", ActorGroup.POKJA),
        (KSMMember, "ksm", ActorGroup.KSM),
        (KPPMember, "kpp", ActorGroup.KPP),
    ):
        for village, person, name in model.objects.filter(q(f"{prefix}__village_id")).values_list(
            f"{prefix}__village_id", "person_id", "person__name"
        ):
            add(village, group, person, name)
    return found


def _closed_outcomes(
    participants: Sequence[Mapping[str, Any]], participants_scope: Q
) -> tuple[dict[int, ParticipantOutcome], dict[int, str]]:
    """The outcome of each participant of a closed training (4 queries), and the code of each
    module those trainings taught."""
    closed = Participant.objects.filter(participants_scope, training__status=TrainingStatus.DONE)
    trainings = Training.objects.filter(participants__in=closed).distinct().values("pk")
    sessions: dict[int, list[SessionInfo]] = defaultdict(list)
    for pk, training_id, module_id, recorded in Session.objects.filter(
        training__in=trainings
    ).values_list("pk", "training_id", "module_id", "attendance_recorded_at"):
        sessions[training_id].append(SessionInfo(pk, module_id, recorded is not None))
    through = Training.modules.through
    module_ids: dict[int, list[int]] = defaultdict(list)
    module_codes: dict[int, str] = {}
    for training_id, module_id, code in through.objects.filter(training__in=trainings).values_list(
        "training_id", "module_id", "module__code"
    ):
        module_ids[training_id].append(module_id)
        module_codes[module_id] = code
    present: dict[int, set[int]] = defaultdict(set)
    for participant_id, session_id in Attendance.objects.filter(participant__in=closed).values_list(
        "participant_id", "session_id"
    ):
        present[participant_id].add(session_id)
    scores: dict[int, dict[tuple[int, str], Decimal]] = defaultdict(dict)
    for participant_id, module_id, kind, score in TestResult.objects.filter(
        participant__in=closed
    ).values_list("participant_id", "module_id", "kind", "score"):
        scores[participant_id][(module_id, kind)] = score
    plans = {training_id: SessionPlan.of(infos) for training_id, infos in sessions.items()}
    empty = SessionPlan.of([])
    outcomes: dict[int, ParticipantOutcome] = {}
    for p in participants:
        if p["training__status"] != TrainingStatus.DONE:
            continue
        rules = Rules(
            pass_mark=p["training__pass_mark"],
            max_absence_pct=p["training__max_absence_pct"],
            require_pass=p["training__require_pass"],
        )
        outcomes[p["id"]] = evaluate_participant(
            p["id"],
            rules=rules,
            sessions=plans.get(p["training_id"], empty),
            present=present[p["id"]],
            module_ids=module_ids[p["training_id"]],
            scores=scores[p["id"]],
        )
    return outcomes, module_codes


def load_records(
    villages: Q,
    participants_scope: Q,
    *,
    today: dt.date | None = None,
    curriculum: Curriculum | None = None,
) -> Records:
    """`villages` filters Region rows (the villages whose members count); `participants_scope`
    filters Participant rows (those whose completions and scores count)."""
    today = today or timezone.localdate()
    curriculum = curriculum if curriculum is not None else current_curriculum()
    modules = _module_infos(curriculum)
    members = _members(villages, today)
    participants = list(
        Participant.objects.filter(participants_scope)
        .exclude(training__status=TrainingStatus.CANCELLED)
        .values(
            "id",
            "training_id",
            "training__status",
            "training__pass_mark",
            "training__max_absence_pct",
            "training__require_pass",
            "person_id",
            "name",
            "sex",
            "is_poor",
            "group",
            "village_id",
        )
    )
    village_codes = set(Region.objects.filter(villages).values_list("code", flat=True))
    for p in participants:
        if p["group"] == ActorGroup.APARAT and p["village_id"] in village_codes:
            members[p["village_id"]][ActorGroup.APARAT].append(
                capacity.Member(capacity.person_key(p["person_id"], p["name"]), p["name"])
            )
    outcomes, module_codes = _closed_outcomes(participants, participants_scope)
    return Records(
        modules=modules,
        members=members,
        participants=participants,
        outcomes=outcomes,
        module_codes=module_codes,
        module_titles={m.code: m.title for m in modules},
    )


def village_capacity(village: Region, *, today: dt.date | None = None) -> capacity.CapacityMap:
    """The capacity map of one village (15 queries)."""
    today = today or timezone.localdate(timezone=ZoneInfo(village.timezone))
    records = load_records(Q(code=village.code), Q(village_id=village.code), today=today)
    return records.capacity_map(village.code)


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    sex: str
    group: str
    position: str


def candidates(
    village: Region, *, today: dt.date | None = None
) -> list[tuple[str, list[Candidate]]]:
    """The village's institutions' current members, by group, to pick participants from
    (6 queries). Apparatus are the TIPP members from the village government."""
    today = today or timezone.localdate(timezone=ZoneInfo(village.timezone))
    found: dict[str, list[Candidate]] = defaultdict(list)

    def add(group: str, person: Person, position: str) -> None:
        found[group].append(Candidate(person.pk, person.name, person.sex, group, position))

    for member in BKMMember.objects.filter(
        bkm__village=village, term_end__gte=today
    ).select_related("person"):
        add(ActorGroup.BKM, member.person, member.get_position_display())
    for staff in UPStaff.objects.filter(unit__village=village).select_related("person", "unit"):
        add(staff.unit.kind.lower(), staff.person, staff.position)
    for tipp in TIPPMember.objects.filter(tipp__village=village).select_related("person"):
        group = ActorGroup.APARAT if tipp.group == TIPPGroup.APPARATUS else ActorGroup.TIPP
        add(group, tipp.person, tipp.role)
    for pokja in PokjaMember.objects.filter(pokja__village=village).select_related(
        "person", "pokja"
    ):
        add(ActorGroup.POKJA, pokja.person, pokja.pokja.name)
    for ksm in KSMMember.objects.filter(ksm__village=village).select_related("person", "ksm"):
        add(ActorGroup.KSM, ksm.person, ksm.ksm.name)
    for kpp in KPPMember.objects.filter(kpp__village=village).select_related("person", "kpp"):
        add(ActorGroup.KPP, kpp.person, kpp.kpp.name)
    return [
        (group, sorted(found[group], key=lambda c: c.name.lower()))
        for group in ActorGroup.values
        if found.get(group)
    ]


def villages_of(region: Region) -> list[Region]:
    """The villages a training of `region` draws from: itself, or a kecamatan's villages."""
    if region.is_village:
        return [region]
    return list(Region.objects.filter(parent=region, level=Level.VILLAGE).order_by("name"))
