"""Reads of trainings: a region's list with counts, one training, and the roll-up of a
kecamatan, regency or province; each with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.cycle.models import VillageCycle
from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors
from tridaya.training import capacity
from tridaya.training.models import (
    ActorGroup,
    Participant,
    Session,
    Training,
    TrainingStatus,
)
from tridaya.training.results import (
    ParticipantOutcome,
    Summary,
    mean,
    summarise_groups,
    summarise_participants,
)
from tridaya.training.selectors.participants import Records, load_records


def scope_q(field: str, region: Region) -> Q:
    """Rows whose `field` (a foreign key to a region, e.g. "region" or "training__region") is
    `region` or lies under it. The code is the region's primary key, so Django compares the
    foreign-key column itself, without a join."""
    return Q(**{field: region.code}) | Q(**{f"{field}__code__startswith": region.code + "."})


def _count(model: type[Participant] | type[Session], relation: str, **filters: object) -> Coalesce:
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
    """A training of the region in the URL, with the region's ancestors; NotFound otherwise."""
    training = (
        Training.objects.select_related("region", "curriculum", "closed_by")
        .filter(pk=pk, region_id=code)
        .first()
    )
    if training is None:
        raise NotFound(_("Pelatihan ini tidak ada di wilayah %(code)s.") % {"code": code})
    attach_ancestors([training.region])
    return training


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


def region_rollup(region: Region, *, today: dt.date | None = None) -> Rollup:
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
