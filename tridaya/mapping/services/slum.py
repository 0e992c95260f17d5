"""Every write to RT profiles and slum volumes: a profile with its volumes and handled volumes
(from the form, the API, a survey submission or the XLSX/CSV template; the template import
itself is in `slum_import`). A volume that is negative or larger than its denominator is refused
with the criterion named."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import Actor, authorize
from tridaya.mapping import scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import ProfileSource, RTProfile, SlumVolume, precision_problem
from tridaya.mapping.policy import EDIT_SLUM_DATA
from tridaya.regions.models import RT

PROFILE_FIELDS = [
    "area_ha",
    "buildings",
    "population",
    "households",
    "road_length_m",
    "drainage_length_m",
]


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def optional_decimal(value: Any) -> Decimal | None:
    """A typed or imported figure as a Decimal (a decimal comma accepted); None when blank.
    ValueError names a value that is not a number (the form and the RT profile import)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def volume_field(code: str) -> str:
    return f"volume_{code}"


def handled_field(code: str) -> str:
    return f"handled_{code}"


def _volume_error(code: str, problem: str) -> DomainError:
    return DomainError(
        _("Kriteria %(code)s: %(problem)s") % {"code": code, "problem": problem},
        code=MappingError.BAD_VOLUMES,
    )


def _check_precision(values: Mapping[str, Any]) -> None:
    """Refuse, naming each field, a figure with more decimals than is stored (never round)."""
    errors = {}
    for name in ("area_ha", "road_length_m", "drainage_length_m"):
        number = optional_decimal(values[name])
        problem = precision_problem(number, name) if number is not None else None
        if problem:
            errors[name] = problem
    if errors:
        raise DomainError(errors, code=MappingError.BAD_PROFILE)


def _merged_volumes(
    cset: scoring.CriteriaSet,
    profile: RTProfile,
    stored: Mapping[str, SlumVolume],
    volumes: Mapping[str, Any] | None,
    handled: Mapping[str, Any] | None,
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The volumes and handled volumes after a change: the stored ones, overwritten by those
    given (None removes). Raises a DomainError naming every bad field."""
    merged: dict[str, Decimal] = {code: v.volume for code, v in stored.items()}
    merged_handled: dict[str, Decimal] = {code: v.handled for code, v in stored.items()}
    precision_errors: dict[str, DomainError] = {}
    for code, value in (volumes or {}).items():
        number = optional_decimal(value)
        if number is None:
            merged.pop(code, None)
            merged_handled.pop(code, None)
            continue
        problem = precision_problem(number, "volume")
        if problem:
            precision_errors[volume_field(code)] = _volume_error(code, problem)
        else:
            merged[code] = number
    problems = scoring.check_volumes(cset, scoring.Figures.of(profile), merged, complete=False)
    handled_errors = precision_errors
    for code, value in (handled or {}).items():
        number = optional_decimal(value) or Decimal(0)
        problem = precision_problem(number, "volume")
        if problem:
            handled_errors[handled_field(code)] = _volume_error(code, problem)
        elif number < 0:
            handled_errors[handled_field(code)] = DomainError(
                _("Kriteria %(code)s: volume tertangani tidak boleh negatif.") % {"code": code},
                code=MappingError.BAD_VOLUMES,
            )
        elif code not in merged and number > 0:
            handled_errors[handled_field(code)] = DomainError(
                _("Kriteria %(code)s: isi volumenya dahulu sebelum volume tertangani.")
                % {"code": code},
                code=MappingError.BAD_VOLUMES,
            )
        elif code in merged:
            merged_handled[code] = number
    errors = {
        volume_field(p.code): DomainError(p.message, code=MappingError.BAD_VOLUMES)
        for p in problems
    }
    errors.update(handled_errors)
    if errors:
        raise DomainError(errors, code=MappingError.BAD_VOLUMES)

    return merged, merged_handled


def _text(value: Decimal) -> str:
    """A volume for the history: 300.000000 -> '300', 0.389174 stays."""
    return format(value.normalize(), "f")


def _write_volumes(
    profile: RTProfile,
    stored: Mapping[str, SlumVolume],
    merged: Mapping[str, Decimal],
    merged_handled: Mapping[str, Decimal],
) -> dict[str, list[Any]]:
    """Store the volumes of a saved profile; returns the changes for the audit event."""
    volume_changes: dict[str, list[Any]] = {}
    for code in sorted(set(stored) | set(merged)):
        row = stored.get(code)
        if code not in merged:
            if row is not None:
                volume_changes[volume_field(code)] = [_text(row.volume), None]
                row.delete()
            continue
        new_volume, new_handled = merged[code], merged_handled.get(code, Decimal(0))
        if row is None:
            SlumVolume.objects.create(
                profile=profile, code=code, volume=new_volume, handled=new_handled
            )
            volume_changes[volume_field(code)] = [None, _text(new_volume)]
            if new_handled:
                volume_changes[handled_field(code)] = [None, _text(new_handled)]
            continue
        if row.volume != new_volume:
            volume_changes[volume_field(code)] = [_text(row.volume), _text(new_volume)]
        if row.handled != new_handled:
            volume_changes[handled_field(code)] = [_text(row.handled), _text(new_handled)]
        if row.volume != new_volume or row.handled != new_handled:
            row.volume, row.handled = new_volume, new_handled
            row.save(update_fields=["volume", "handled"])
    return volume_changes


def _rt_profile_upsert(
    *,
    actor: Actor,
    rt: RT,
    year: int,
    area_ha: Decimal,
    buildings: int,
    population: int,
    households: int,
    road_length_m: Decimal,
    drainage_length_m: Decimal,
    volumes: Mapping[str, Any] | None = None,
    handled: Mapping[str, Any] | None = None,
    source: str = ProfileSource.FORM,
) -> tuple[RTProfile, str]:
    """`rt_profile_save` that also says whether the profile was created, updated or unchanged
    (survey and template imports count them)."""
    authorize(actor, EDIT_SLUM_DATA, rt)
    profile = RTProfile.objects.select_for_update().filter(rt=rt, year=year).first()
    created = profile is None
    if profile is None:
        profile = RTProfile(rt=rt, village_id=rt.village_id, year=year)
        profile.criteria_set = current_criteria_set()
        before: dict[str, Any] = {}
        stored: dict[str, SlumVolume] = {}
    else:
        before = snapshot(profile, PROFILE_FIELDS)
        stored = {v.code: v for v in profile.volumes.all()}
    cset = criteria_of(profile.criteria_set)
    _check_precision(
        {"area_ha": area_ha, "road_length_m": road_length_m, "drainage_length_m": drainage_length_m}
    )
    profile.area_ha = area_ha
    profile.buildings = buildings
    profile.population = population
    profile.households = households
    profile.road_length_m = road_length_m
    profile.drainage_length_m = drainage_length_m
    profile.source = source
    try:
        profile.full_clean(exclude=["village", "rt", "criteria_set"])
    except ValidationError as exc:
        raise DomainError(exc.message_dict, code=MappingError.BAD_PROFILE) from exc

    merged, merged_handled = _merged_volumes(cset, profile, stored, volumes, handled)
    profile.save()
    volume_changes = _write_volumes(profile, stored, merged, merged_handled)
    changes = {**diff(before, snapshot(profile, PROFILE_FIELDS)), **volume_changes}
    if created:
        record_event(actor=actor, action="mapping.rt_profile_created", obj=profile, changes=changes)
        return profile, Outcome.CREATED
    if changes:
        record_event(actor=actor, action="mapping.rt_profile_updated", obj=profile, changes=changes)
        return profile, Outcome.UPDATED
    return profile, Outcome.UNCHANGED


# For the imports (survey, RT profile file) and works' handled volumes, inside their transaction.
rt_profile_upsert = transaction.atomic(_rt_profile_upsert)


@transaction.atomic(durable=True)
def rt_profile_save(
    *,
    actor: Actor,
    rt: RT,
    year: int,
    area_ha: Decimal,
    buildings: int,
    population: int,
    households: int,
    road_length_m: Decimal,
    drainage_length_m: Decimal,
    volumes: Mapping[str, Any] | None = None,
    handled: Mapping[str, Any] | None = None,
    source: str = ProfileSource.FORM,
) -> RTProfile:
    """Create or change the RT's profile for the year, with slum volumes per criterion code
    ('1a'...'7b'; a value of None removes one) and handled volumes (after investment).
    Volumes not given are kept. Raises DomainError naming each bad field (`volume_1a`,
    `handled_4b`, `households`, ...)."""
    profile, _outcome = _rt_profile_upsert(
        actor=actor,
        rt=rt,
        year=year,
        area_ha=area_ha,
        buildings=buildings,
        population=population,
        households=households,
        road_length_m=road_length_m,
        drainage_length_m=drainage_length_m,
        volumes=volumes,
        handled=handled,
        source=source,
    )
    return profile
