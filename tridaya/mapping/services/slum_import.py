"""The slum template import: RT profiles and slum volumes from the village's XLSX/CSV template.
Strict (one bad cell and nothing is written, every bad cell listed with its row and column) and
can be run again without duplicates (a profile is the RT's for the year); each row is written by
`slum.rt_profile_upsert`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.policy import Actor, authorize
from tridaya.core.tabular import RowProblem
from tridaya.mapping import scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.models import ProfileSource, RTProfile, precision_problem
from tridaya.mapping.policy import EDIT_SLUM_DATA
from tridaya.mapping.services.slum import optional_decimal, rt_profile_upsert
from tridaya.mapping.slum_template import (
    HANDLED_SUFFIX,
    INTEGER_FIELDS,
    TEMPLATE_PROFILE_COLUMNS,
    SlumImportError,
    template_rows,
)
from tridaya.regions.models import RT, Region


@dataclass
class SlumImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    profiles: list[RTProfile] = field(default_factory=list)


def _cell_number(value: Any, *, integer: bool) -> Decimal:
    number = optional_decimal(value)
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


@transaction.atomic(durable=True)
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
