"""The bulk read of RT slum classes: many villages at once (the dashboards' roll-up), scored by
the same rules as the village's page in `slum` (`score_volumes`, `years_complete`,
`default_scores_year`, `year_criteria_set`), in a fixed number of queries whatever the number
of villages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from tridaya.mapping import scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.models import RTProfile, SlumCriteriaSet, SlumVolume
from tridaya.mapping.selectors.slum import (
    RowStatus,
    default_scores_year,
    score_volumes,
    year_criteria_set,
    years_complete,
)
from tridaya.regions.models import RT

VOLUME_CHUNK = 5000  # profiles per volume query (SQLite's limit on bound parameters)


@dataclass(frozen=True)
class RTClass:
    """One RT's slum class in the year `rt_scores` reads by default, as plain data."""

    rt_id: int
    year: int
    status: str
    slum_class: scoring.SlumClass | None  # None: not scored (see status)
    area_ha: Decimal


@dataclass
class _Profile:
    pk: int
    village_id: str
    rt_id: int
    year: int
    set_id: int
    figures: scoring.Figures
    volume_rows: int
    volumes: dict[str, Decimal] = field(default_factory=dict)
    handled: dict[str, Decimal] = field(default_factory=dict)


def _profiles_of(codes: list[str]) -> list[_Profile]:
    """Every profile of the villages, every year, with its count of volume rows (one query)."""
    names = list(scoring.DENOMINATORS)
    rows = (
        RTProfile.objects.filter(village_id__in=codes)
        .values_list("pk", "village_id", "rt_id", "year", "criteria_set_id", *names)
        .annotate(volume_rows=Count("volumes"))
        .order_by()
    )
    return [
        _Profile(
            pk=row[0],
            village_id=row[1],
            rt_id=row[2],
            year=row[3],
            set_id=row[4],
            figures=scoring.Figures(
                **{n: scoring.to_decimal(v or 0) for n, v in zip(names, row[5:-1], strict=True)}
            ),
            volume_rows=row[-1],
        )
        for row in rows
    ]


def _year_of(
    rt_count: int, profiles: list[_Profile], criteria_count: Callable[[int], int]
) -> int | None:
    """The year `rt_scores` reads by default, from the village's counted profiles (no query)."""
    per: dict[tuple[int, int], dict] = {}
    for p in profiles:
        item = per.setdefault(
            (p.year, p.set_id),
            {"year": p.year, "criteria_set_id": p.set_id, "profiles": 0, "volume_rows": 0},
        )
        item["profiles"] += 1
        item["volume_rows"] += p.volume_rows
    years = sorted({p.year for p in profiles}, reverse=True)
    return default_scores_year(years_complete(rt_count, per.values(), criteria_count), years)


def _fill_volumes(profiles: list[_Profile]) -> None:
    """The volumes of the chosen profiles (one query per `VOLUME_CHUNK` profiles)."""
    by_pk = {p.pk: p for p in profiles}
    pks = list(by_pk)
    for start in range(0, len(pks), VOLUME_CHUNK):
        rows = SlumVolume.objects.filter(profile_id__in=pks[start : start + VOLUME_CHUNK])
        for profile_id, code, volume, handled in rows.values_list(
            "profile_id", "code", "volume", "handled"
        ):
            target = by_pk[profile_id]
            target.volumes[code] = volume
            if handled:
                target.handled[code] = handled


def rt_classes_by_village(codes: Sequence[str]) -> dict[str, list[RTClass]]:
    """{village: its profiled RTs with their slum class} for many villages at once, in the year
    `rt_scores` reads by default (the newest complete year, else the newest), scored by the
    same rules as the village's page (`score_volumes`, one criteria set per village and year,
    `year_criteria_set`). A fixed number of queries whatever the number of villages: RT counts,
    profiles with their volume counts, criteria sets, volumes (in chunks). Villages without a
    profile are absent."""
    codes = list(codes)
    rt_counts = dict(
        RT.objects.filter(village_id__in=codes)
        .values_list("village_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_village: dict[str, list[_Profile]] = {}
    for p in _profiles_of(codes):
        per_village.setdefault(p.village_id, []).append(p)
    sets = SlumCriteriaSet.objects.in_bulk({p.set_id for ps in per_village.values() for p in ps})
    csets = {pk: criteria_of(item) for pk, item in sets.items()}
    chosen: list[_Profile] = []
    for village, profiles in per_village.items():
        year = _year_of(rt_counts.get(village, 0), profiles, lambda pk: len(csets[pk].codes))
        chosen += [p for p in profiles if p.year == year]
    _fill_volumes(chosen)
    found: dict[str, list[RTClass]] = {}
    if not chosen:
        return found
    current = current_criteria_set()
    for profiles in _by_village_year(chosen).values():
        in_force = year_criteria_set({p.set_id: sets[p.set_id] for p in profiles}, current)
        for p in profiles:
            found.setdefault(p.village_id, []).append(_rt_class(p, in_force.pk, csets))
    return found


def _by_village_year(profiles: list[_Profile]) -> dict[tuple[str, int], list[_Profile]]:
    grouped: dict[tuple[str, int], list[_Profile]] = {}
    for p in profiles:
        grouped.setdefault((p.village_id, p.year), []).append(p)
    return grouped


def _rt_class(p: _Profile, set_in_force: int, csets: dict) -> RTClass:
    if p.set_id != set_in_force:
        return RTClass(p.rt_id, p.year, RowStatus.ERROR, None, p.figures.area_ha)
    scored = score_volumes(csets[p.set_id], p.figures, p.volumes, p.handled)
    klass = scored.score.slum_class if scored.score else None
    return RTClass(p.rt_id, p.year, scored.status, klass, p.figures.area_ha)
