"""Every write to RT profiles and slum volumes: a profile with its volumes and handled volumes
(from the form, the API, a survey submission or the XLSX/CSV template), and the template import.
A volume that is negative or larger than its denominator is refused with the criterion named;
the import is strict (one bad cell and nothing is written, every bad cell listed) and can be run
again without duplicates (a profile is the RT's for the year)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import Actor, authorize
from tridaya.core.tabular import RowProblem
from tridaya.mapping import scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import ProfileSource, RTProfile, SlumVolume, precision_problem
from tridaya.mapping.policy import EDIT_SLUM_DATA
from tridaya.mapping.slum_template import (
    HANDLED_SUFFIX,
    INTEGER_FIELDS,
    TEMPLATE_PROFILE_COLUMNS,
    SlumImportError,
    template_rows,
)
from tridaya.regions.models import RT, Region

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


def _decimal(value: Any) -> Decimal | None:
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
        number = _decimal(values[name])
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
        number = _decimal(value)
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
        number = _decimal(value) or Decimal(0)
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


@transaction.atomic
def rt_profile_upsert(
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
    profile, _outcome = rt_profile_upsert(
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


# --- Template import ----------------------------------------------------------------------------


@dataclass
class SlumImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    profiles: list[RTProfile] = field(default_factory=list)


def _cell_number(value: Any, *, integer: bool) -> Decimal:
    number = _decimal(value)
    if number is None:
        raise ValueError("empty")
    if integer and number != number.to_integral_value():
        raise ValueError(value)
    return number


def _row_place(
    line: int,
    cells: dict[str, str],
    *,
    rts: dict[tuple[int, int], RT],
    seen: dict[tuple[int, int, int], int],
    year: int | None,
    village: Region,
) -> tuple[RT | None, dict, list]:
    """The RT and year of a template row, and the problems of its rw, rt and tahun cells."""
    problems: list[RowProblem] = []
    numbers: dict[str, Any] = {}
    for column in ("rw", "rt", "tahun"):
        raw = cells.get(column)
        if column == "tahun" and raw in (None, "") and year is not None:
            numbers[column] = year
            continue
        try:
            numbers[column] = int(_cell_number(raw, integer=True))
        except ValueError:
            problems.append(
                RowProblem(line, column, _("isi nomor bulat (sekarang '%(v)s').") % {"v": raw})
            )
    rt = None
    if "rw" in numbers and "rt" in numbers:
        rt = rts.get((numbers["rw"], numbers["rt"]))
        if rt is None:
            problems.append(
                RowProblem(
                    line,
                    "rt",
                    _("RT %(rt)02d / RW %(rw)02d tidak ada di %(village)s.")
                    % {"rt": numbers["rt"], "rw": numbers["rw"], "village": village.name},
                )
            )
    if rt is not None and "tahun" in numbers:
        key = (numbers["rw"], numbers["rt"], numbers["tahun"])
        if key in seen:
            problems.append(
                RowProblem(line, "rt", _("RT ini sudah ada di baris %(n)s.") % {"n": seen[key]})
            )
        seen[key] = line
    return rt, numbers, problems


def _read_number(
    line: int, column: str, raw: Any, *, integer: bool, precision: str | None
) -> tuple[Decimal | None, RowProblem | None]:
    """One template cell as a number 0 or more, or the problem naming its row, column, value
    and what to write instead."""
    shown = "" if raw is None else str(raw)
    try:
        number = _cell_number(raw, integer=integer)
        if not number.is_finite() or number < 0:
            raise ValueError(raw)
    except ValueError:
        reason = (
            _("isi bilangan bulat 0 atau lebih (sekarang '%(v)s').")
            if integer
            else _("isi angka 0 atau lebih, misalnya 0,389174 (sekarang '%(v)s').")
        )
        return None, RowProblem(line, column, reason % {"v": shown})
    problem = precision_problem(number, precision) if precision else None
    if problem:
        return None, RowProblem(line, column, problem)
    return number, None


def _row_figures(line: int, cells: dict[str, str]) -> tuple[dict[str, Any], list[RowProblem]]:
    """The RT's figures (denominators, population) of a template row; a problem per bad cell."""
    problems: list[RowProblem] = []
    values: dict[str, Any] = {}
    for column, name in TEMPLATE_PROFILE_COLUMNS:
        integer = name in INTEGER_FIELDS
        number, problem = _read_number(
            line, column, cells.get(column), integer=integer, precision=None if integer else name
        )
        if problem:
            problems.append(problem)
        elif number is not None:
            values[name] = int(number) if integer else number
    return values, problems


def _row_volumes(
    line: int, cells: dict[str, str], cset: scoring.CriteriaSet
) -> tuple[dict, dict, list[RowProblem]]:
    """The volumes and handled volumes of a template row, by criterion code."""
    problems: list[RowProblem] = []
    volumes: dict[str, Decimal] = {}
    handled: dict[str, Decimal] = {}
    for code in cset.codes:
        for column, target in ((code, volumes), (code + HANDLED_SUFFIX, handled)):
            raw = cells.get(column)
            if raw in (None, ""):
                continue
            number, problem = _read_number(line, column, raw, integer=False, precision="volume")
            if problem:
                problems.append(problem)
            elif number is not None:
                target[code] = number
        if handled.get(code) and cells.get(code) in (None, ""):
            problems.append(
                RowProblem(
                    line,
                    code + HANDLED_SUFFIX,
                    _("isi dahulu volume kolom %(code)s, atau kosongkan sel ini.") % {"code": code},
                )
            )
    return volumes, handled, problems


def _row_checks(
    line: int,
    cset: scoring.CriteriaSet,
    values: dict[str, Any],
    volumes: dict[str, Decimal],
    handled: dict[str, Decimal],
) -> list[RowProblem]:
    """What is wrong between the cells of a row that did read: more KK than people, volumes
    above their denominators (checked for every criterion whose denominator cell read, so one
    bad cell hides no other)."""
    problems: list[RowProblem] = []
    counted = "households" in values and "population" in values
    if counted and values["households"] > values["population"]:
        problems.append(
            RowProblem(
                line,
                "kk",
                _("jumlah KK %(kk)s lebih dari jumlah penduduk %(people)s; periksa keduanya.")
                % {"kk": values["households"], "people": values["population"]},
            )
        )
    readable = {
        code: number
        for code, number in volumes.items()
        if cset.criterion(code).denominator in values
    }
    figures = scoring.Figures(
        **{n: scoring.to_decimal(values.get(n, 0)) for n in scoring.DENOMINATORS}
    )
    for problem in scoring.check_volumes(cset, figures, readable, complete=False):
        problems.append(RowProblem(line, problem.code, problem.message))
    return problems


@transaction.atomic
def slum_import(
    *, actor: Actor, village: Region, data: bytes, file_name: str, year: int | None = None
) -> SlumImportResult:
    """Import RT profiles and slum volumes from the village's template (XLSX or CSV, columns
    rw, rt, tahun, luas_ha, bangunan, penduduk, kk, jalan_ideal_m, drainase_ideal_m, 1a...7b and
    optionally 1a_tertangani...). `year` fills an empty `tahun`. Strict: one bad cell and
    nothing is written; every bad cell is reported."""
    authorize(actor, EDIT_SLUM_DATA, village)
    cset = criteria_of(current_criteria_set())
    rts = {
        (rt.rw.number, rt.number): rt
        for rt in RT.objects.filter(village=village).select_related("rw")
    }
    problems: list[RowProblem] = []
    parsed = []
    seen: dict[tuple[int, int, int], int] = {}
    for line, cells in template_rows(data, file_name):
        rt, numbers, row_problems = _row_place(
            line, cells, rts=rts, seen=seen, year=year, village=village
        )
        values, figure_problems = _row_figures(line, cells)
        volumes, handled, volume_problems = _row_volumes(line, cells, cset)
        row_problems += figure_problems + volume_problems
        row_problems += _row_checks(line, cset, values, volumes, handled)
        problems.extend(row_problems)
        if not row_problems and rt is not None:
            parsed.append((line, rt, numbers["tahun"], values, volumes, handled))
    if not parsed and not problems:
        problems.append(RowProblem(1, "", _("templat tidak berisi baris data.")))
    if problems:
        raise SlumImportError(problems)
    result = SlumImportResult()
    for line, rt, row_year, values, volumes, handled in parsed:
        try:
            profile, outcome = rt_profile_upsert(
                actor=actor,
                rt=rt,
                year=row_year,
                volumes=volumes,
                handled=handled,
                source=ProfileSource.IMPORT,
                **values,
            )
        except ValidationError as exc:
            # e.g. a smaller area than a volume stored earlier and not in the file
            problems += _service_problems(line, exc)
            continue
        result.profiles.append(profile)
        setattr(result, outcome, getattr(result, outcome) + 1)
    if problems:
        raise SlumImportError(problems)
    return result


def _service_problems(line: int, exc: ValidationError) -> list[RowProblem]:
    """A refusal of `rt_profile_upsert` as problems on the template's columns."""
    columns = {name: column for column, name in TEMPLATE_PROFILE_COLUMNS}
    if not hasattr(exc, "error_dict"):
        return [RowProblem(line, "", " ".join(exc.messages))]
    problems = []
    for name, errors in exc.error_dict.items():
        column = columns.get(name, name)
        if name.startswith("volume_"):
            column = name.removeprefix("volume_")
        elif name.startswith("handled_"):
            column = name.removeprefix("handled_") + HANDLED_SUFFIX
        problems += [RowProblem(line, column, m) for m in ValidationError(errors).messages]
    return problems
