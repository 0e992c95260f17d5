"""Reads of the training app, each with a fixed number of queries whatever the number of
trainings, sessions, participants, scores or villages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tridaya.cycle.models import VillageCycle
from tridaya.institutions.models import (
    BKMMember,
    KPPMember,
    KSMMember,
    PokjaMember,
    TIPPGroup,
    TIPPMember,
    UPStaff,
)
from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors
from tridaya.training import capacity
from tridaya.training.definitions import current_curriculum
from tridaya.training.models import (
    ActorGroup,
    Attendance,
    Certificate,
    Curriculum,
    FollowUpAction,
    Module,
    Participant,
    Question,
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
    Summary,
    evaluate_participant,
    mean,
    summarise_groups,
    summarise_modules,
    summarise_participants,
)


def region_or_404(code: str) -> Region:
    region = get_object_or_404(Region, code=code)
    attach_ancestors([region])
    return region


def scope_q(field: str, region: Region) -> Q:
    """Rows whose `field` (a foreign key to a region, e.g. "region" or "training__region") is
    `region` or lies under it. The code is the region's primary key, so Django compares the
    foreign-key column itself, without a join."""
    return Q(**{field: region.code}) | Q(**{f"{field}__code__startswith": region.code + "."})


# --- Lists of trainings ------------------------------------------------------------------------


def _count(model, relation: str, **filters) -> Coalesce:
    rows = (
        model.objects.filter(**{relation: OuterRef("pk")}, **filters)
        .order_by()
        .values(relation)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def annotated(trainings: QuerySet[Training]) -> QuerySet[Training]:
    """Trainings with their participant counts (men, women, poor) and number of sessions."""
    return trainings.select_related("region", "curriculum").annotate(
        men=_count(Participant, "training", sex="L"),
        women=_count(Participant, "training", sex="P"),
        poor=_count(Participant, "training", is_poor=True),
        session_count=_count(Session, "training"),
    )


def trainings_for(region: Region) -> QuerySet[Training]:
    """A village's own trainings and those of its kecamatan; for a higher region, every
    training held in or under it."""
    if region.is_village:
        trainings = Training.objects.filter(region_id__in=[region.code, region.parent_id])
    else:
        trainings = Training.objects.filter(scope_q("region", region))
    return annotated(trainings).order_by("-starts_on", "-id")


def training_for(code: str, pk: int) -> Training:
    """A training of the region in the URL (404 otherwise), with the region's ancestors."""
    training = get_object_or_404(
        Training.objects.select_related("region", "curriculum", "closed_by"), pk=pk, region_id=code
    )
    attach_ancestors([training.region])
    return training


def active_curricula() -> list[Curriculum]:
    """The newest active version of each curriculum, with its modules (2 queries)."""
    newest: dict[str, Curriculum] = {}
    for curriculum in Curriculum.objects.filter(is_active=True).order_by("code", "-version"):
        newest.setdefault(curriculum.code, curriculum)
    curricula = list(newest.values())
    modules = Module.objects.filter(curriculum__in=curricula).order_by("order")
    by_curriculum: dict[int, list[Module]] = defaultdict(list)
    for module in modules:
        by_curriculum[module.curriculum_id].append(module)
    for curriculum in curricula:
        curriculum.module_list = by_curriculum[curriculum.pk]  # type: ignore[attr-defined]
    return curricula


def curriculum_with_modules(code: str, version: int | None = None) -> Curriculum:
    curricula = Curriculum.objects.filter(code=code)
    if version is not None:
        curricula = curricula.filter(version=version)
    curriculum = curricula.order_by("-version").first()
    if curriculum is None:
        from django.http import Http404

        raise Http404
    curriculum.module_list = list(  # type: ignore[attr-defined]
        curriculum.modules.annotate(question_count=Count("questions")).order_by("order")
    )
    return curriculum


def module_in(curriculum: Curriculum, code: str) -> Module:
    return get_object_or_404(curriculum.modules.select_related("curriculum"), code=code)


# --- One training's outcomes -------------------------------------------------------------------


def rules_of(training: Training) -> Rules:
    return Rules(
        pass_mark=training.pass_mark,
        max_absence_pct=training.max_absence_pct,
        require_pass=training.require_pass,
    )


@dataclass
class Outcomes:
    """Everything a training's pages show about its participants (5 queries)."""

    training: Training
    modules: list[Module]
    sessions: list[Session]
    participants: list[Participant]
    by_participant: dict[int, ParticipantOutcome]
    present: dict[int, set[int]]

    @cached_property
    def module_summaries(self) -> dict[int, Summary]:
        return summarise_modules(self.by_participant.values(), [m.pk for m in self.modules])

    @cached_property
    def overall(self) -> Summary:
        return summarise_participants(self.by_participant.values())

    @cached_property
    def group_summaries(self) -> list[tuple[str, Summary]]:
        group_of = {p.pk: p.group for p in self.participants}
        found = summarise_groups(self.by_participant.values(), group_of)
        return [(g, found[g]) for g in ActorGroup.values if g in found]

    @property
    def men(self) -> int:
        return sum(1 for p in self.participants if p.sex == "L")

    @property
    def women(self) -> int:
        return sum(1 for p in self.participants if p.sex == "P")

    @property
    def poor(self) -> int:
        return sum(1 for p in self.participants if p.is_poor)

    @property
    def eligible(self) -> list[Participant]:
        return [p for p in self.participants if self.by_participant[p.pk].eligible]

    @property
    def incomplete(self) -> list[Participant]:
        return [p for p in self.participants if not self.by_participant[p.pk].attendance_ok]

    @property
    def recorded_sessions(self) -> int:
        return sum(1 for s in self.sessions if s.attendance_recorded_at is not None)

    @property
    def total_jpl(self) -> int:
        return sum(m.jpl for m in self.modules)

    def rows(self) -> list[tuple[Participant, ParticipantOutcome]]:
        return [(p, self.by_participant[p.pk]) for p in self.participants]

    def chart(self) -> dict:
        """Average pre-test and post-test per module and the average gain per group, over the
        participants who took both tests (for Chart.js and the table beside it)."""
        summaries = self.module_summaries
        return {
            "modules": [m.title for m in self.modules],
            "pre": [_number(summaries[m.pk].avg_pre) for m in self.modules],
            "post": [_number(summaries[m.pk].avg_post) for m in self.modules],
            "n": [summaries[m.pk].n for m in self.modules],
            "rows": [
                [
                    m.title,
                    _number(summaries[m.pk].avg_pre),
                    _number(summaries[m.pk].avg_post),
                    summaries[m.pk].n,
                ]
                for m in self.modules
            ],
            "groups": [str(ActorGroup(g).label) for g, _s in self.group_summaries],
            "group_gain": [_number(s.avg_gain) for _g, s in self.group_summaries],
            "pass_mark": self.training.pass_mark,
        }


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def training_outcomes(training: Training) -> Outcomes:
    modules = list(training.modules.order_by("order"))
    sessions = list(training.sessions.select_related("module").order_by("date", "start_time", "id"))
    participants = list(training.participants.select_related("village").order_by("name", "id"))
    present: dict[int, set[int]] = defaultdict(set)
    for participant_id, session_id in Attendance.objects.filter(
        session__training=training
    ).values_list("participant_id", "session_id"):
        present[participant_id].add(session_id)
    scores: dict[int, dict[tuple[int, str], Decimal]] = defaultdict(dict)
    for participant_id, module_id, kind, score in TestResult.objects.filter(
        participant__training=training
    ).values_list("participant_id", "module_id", "kind", "score"):
        scores[participant_id][(module_id, kind)] = score
    infos = [SessionInfo(s.pk, s.module_id, s.attendance_recorded_at is not None) for s in sessions]
    rules = rules_of(training)
    module_ids = [m.pk for m in modules]
    by_participant = {
        p.pk: evaluate_participant(
            p.pk,
            rules=rules,
            sessions=infos,
            present=present[p.pk],
            module_ids=module_ids,
            scores=scores[p.pk],
        )
        for p in participants
    }
    return Outcomes(training, modules, sessions, participants, by_participant, present)


def results_of(training: Training) -> dict[tuple[int, int, str], TestResult]:
    """(participant, module, kind) -> result, for the score entry pages."""
    return {
        (r.participant_id, r.module_id, r.kind): r
        for r in TestResult.objects.filter(participant__training=training)
    }


def questions_of(training: Training) -> list[tuple[Module, list[Question]]]:
    """The training's modules with their questions, numbered as on the printed form."""
    modules = list(training.modules.order_by("order"))
    questions = Question.objects.filter(module__in=modules).order_by("module__order", "order")
    grouped: dict[int, list[Question]] = defaultdict(list)
    for number, question in enumerate(questions, start=1):
        question.number = number  # type: ignore[attr-defined]
        grouped[question.module_id].append(question)
    return [(m, grouped[m.pk]) for m in modules]


def follow_ups_of(training: Training) -> list[FollowUpAction]:
    return list(training.follow_ups.order_by("due_on", "id"))


def certificates_of(training: Training) -> list[Certificate]:
    return list(
        Certificate.objects.filter(participant__training=training)
        .select_related("participant", "revoked_by")
        .order_by("number")
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with a verification code as people type it: any case, with or without
    dashes and spaces; O is read as 0 and I or L as 1 (Crockford's base 32)."""
    normal = normalise_code(code)
    if not normal:
        return None
    return (
        Certificate.objects.filter(code=normal)
        .select_related("participant__training__region", "participant__village")
        .first()
    )


def normalise_code(code: str) -> str:
    text = "".join(code.split()).replace("-", "").upper()
    return text.translate(str.maketrans("OIL", "011"))[:24]


# --- Capacity map ------------------------------------------------------------------------------


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


def _members(villages: Q, today) -> dict[str, dict[str, list[capacity.Member]]]:
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


def load_records(
    villages: Q, participants_scope: Q, *, today=None, curriculum: Curriculum | None = None
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
    outcomes = {}
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
    return Records(
        modules=modules,
        members=members,
        participants=participants,
        outcomes=outcomes,
        module_codes=module_codes,
        module_titles={m.code: m.title for m in modules},
    )


def village_capacity(village: Region, *, today=None) -> capacity.CapacityMap:
    """The capacity map of one village (15 queries)."""
    today = today or timezone.localdate(timezone=ZoneInfo(village.timezone))
    records = load_records(Q(code=village.code), Q(village_id=village.code), today=today)
    return records.capacity_map(village.code)


# --- Roll-up for a kecamatan, regency or province ----------------------------------------------


@dataclass
class GroupCount:
    group: str
    men: int = 0
    women: int = 0
    poor: int = 0
    completed: int = 0

    @property
    def total(self) -> int:
        return self.men + self.women

    @property
    def label(self) -> str:
        return str(ActorGroup(self.group).label)


@dataclass
class VillageGaps:
    village: Region
    capacity_map: capacity.CapacityMap
    core_gaps: list[capacity.Gap]
    gaps: list[capacity.Gap]
    trained: int


@dataclass
class Rollup:
    region: Region
    trainings: list[Training]
    status_counts: dict[str, int]
    sessions: int
    jpl: int
    cost_program: int
    cost_swadaya: int
    groups: list[GroupCount]
    people: GroupCount
    overall: Summary
    group_gains: list[tuple[str, Summary]]
    module_gains: list[tuple[str, str, Summary]]
    villages: list[VillageGaps]
    trainings_shown: int

    @property
    def held(self) -> int:
        return self.status_counts.get(TrainingStatus.DONE, 0)

    @property
    def planned(self) -> int:
        return self.status_counts.get(TrainingStatus.PLANNED, 0)

    @property
    def villages_with_gaps(self) -> list[VillageGaps]:
        return [v for v in self.villages if v.core_gaps]


ROLLUP_TRAININGS_SHOWN = 100


def region_rollup(region: Region, *, today=None) -> Rollup:
    """Trainings held under a region, people trained by sex and group, average gain, and the
    villages of the program whose BKM, UP-UP or apparatus still miss a core module (20 queries
    whatever the number of villages, trainings or participants)."""
    today = today or timezone.localdate(timezone=ZoneInfo(region.timezone))
    under = scope_q("region", region)
    trainings = Training.objects.filter(under)
    status_counts = dict(
        trainings.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    held = trainings.filter(status=TrainingStatus.DONE)
    totals = held.aggregate(
        cost_program=Coalesce(Sum("cost_program"), 0), cost_swadaya=Coalesce(Sum("cost_swadaya"), 0)
    )
    sessions = Session.objects.filter(training__in=held.values("pk")).count()
    jpl = Training.modules.through.objects.filter(training__in=held.values("pk")).aggregate(
        jpl=Coalesce(Sum("module__jpl"), 0)
    )["jpl"]
    shown = list(trainings_for(region)[:ROLLUP_TRAININGS_SHOWN])
    program = VillageCycle.objects.filter(scope_q("village", region)).values("village_id")
    with_people = Participant.objects.filter(
        scope_q("village", region), training__status=TrainingStatus.DONE
    ).values("village_id")
    villages_q = Q(level=Level.VILLAGE) & (Q(code__in=program) | Q(code__in=with_people))
    records = load_records(
        villages_q,
        scope_q("village", region) | scope_q("training__region", region),
        today=today,
    )
    closed = [p for p in records.participants if p["id"] in records.outcomes]
    groups, people = _people_counts(closed, records)
    outcomes = [records.outcomes[p["id"]] for p in closed]
    group_of = {p["id"]: p["group"] for p in closed}
    found = summarise_groups(outcomes, group_of)
    villages = []
    for village in Region.objects.filter(villages_q).order_by("name"):
        cap = records.capacity_map(village.code)
        villages.append(
            VillageGaps(
                village=village,
                capacity_map=cap,
                core_gaps=cap.gaps(core_only=True),
                gaps=cap.gaps(),
                trained=len(cap.completions),
            )
        )
    villages.sort(key=lambda v: (-len(v.core_gaps), v.village.name))
    return Rollup(
        region=region,
        trainings=shown,
        status_counts=status_counts,
        sessions=sessions,
        jpl=jpl,
        cost_program=totals["cost_program"],
        cost_swadaya=totals["cost_swadaya"],
        groups=groups,
        people=people,
        overall=summarise_participants(outcomes),
        group_gains=[(g, found[g]) for g in ActorGroup.values if g in found],
        module_gains=_module_gains(outcomes, records),
        villages=villages,
        trainings_shown=ROLLUP_TRAININGS_SHOWN,
    )


def _people_counts(closed: list[dict], records: Records) -> tuple[list[GroupCount], GroupCount]:
    """Distinct people who took part in closed trainings, by the group they attended in (a
    person counted once per group, and once in the total)."""
    by_group: dict[str, dict[str, dict]] = defaultdict(dict)
    everyone: dict[str, dict] = {}
    completed_keys: set[tuple[str, str]] = set()
    for p in closed:
        key = capacity.person_key(p["person_id"], f"{p['name']}@{p['village_id']}")
        by_group[p["group"]][key] = p
        everyone[key] = p
        if records.outcomes[p["id"]].eligible:
            completed_keys.add((p["group"], key))
            completed_keys.add(("*", key))

    def count(group: str, rows: dict[str, dict]) -> GroupCount:
        return GroupCount(
            group=group,
            men=sum(1 for r in rows.values() if r["sex"] == "L"),
            women=sum(1 for r in rows.values() if r["sex"] == "P"),
            poor=sum(1 for r in rows.values() if r["is_poor"]),
            completed=sum(1 for k in rows if (group, k) in completed_keys),
        )

    groups = [count(g, by_group[g]) for g in ActorGroup.values if g in by_group]
    total = count("*", everyone)
    total.group = ActorGroup.OTHER
    return groups, total


def _module_gains(
    outcomes: Iterable[ParticipantOutcome], records: Records
) -> list[tuple[str, str, Summary]]:
    """Average gain per module code (a module's versions counted together)."""
    by_code: dict[str, list] = defaultdict(list)
    for outcome in outcomes:
        for module_id, result in outcome.modules.items():
            by_code[records.module_codes[module_id]].append(result)
    rows = []
    order = [m.code for m in records.modules] + sorted(
        set(by_code) - {m.code for m in records.modules}
    )
    for code in order:
        results = by_code.get(code, [])
        pairs = [r for r in results if r.gain is not None]
        if not results:
            continue
        rows.append(
            (
                code,
                records.module_titles.get(code, code),
                Summary(
                    n=len(pairs),
                    avg_pre=mean(r.pre for r in pairs),
                    avg_post=mean(r.post for r in pairs),
                    avg_gain=mean(r.gain for r in pairs),
                    passed=sum(1 for r in results if r.passed),
                    post_taken=sum(1 for r in results if r.post is not None),
                ),
            )
        )
    return rows


# --- People to invite --------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    sex: str
    group: str
    position: str


def candidates(village: Region, *, today=None) -> list[tuple[str, list[Candidate]]]:
    """The village's institutions' current members, by group, to pick participants from
    (6 queries). Apparatus are the TIPP members from the village government."""
    today = today or timezone.localdate(timezone=ZoneInfo(village.timezone))
    found: dict[str, list[Candidate]] = defaultdict(list)

    def add(group: str, person, position: str) -> None:
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
