"""Programs and tranche schemes as versioned TOML files under `schemes/`, checked and stored
once per process. A stored version never changes: a file whose content differs from the loaded
version of the same code and number is refused (copy it and raise `version`), so a running
allocation can always be traced to the exact rules it started under.

Reading, checksums and the refusal of a changed file are core's definition loader's."""

from __future__ import annotations

import threading
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.definitions import Definition, read_definitions, store_definition
from tridaya.core.errors import DomainError
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import SchemeDefinition, SchemeKind

SCHEMES_DIR = Path(__file__).resolve().parent / "schemes"
FOLDERS = {SchemeKind.TRANCHES: "tranches", SchemeKind.PROGRAM: "programs"}
CONDITION_RULES = {"previous_lpj_accepted", "physical_progress", "documents"}
PROCUREMENT_METHODS = {"direct", "quotations", "tender"}

_lock = threading.Lock()
_synced: set[Path] = set()


def _tranche_problems(data: dict) -> list[str]:
    problems = []
    if data.get("level") not in {"bkm", "ksm"}:
        problems.append(_("'level' harus 'bkm' atau 'ksm'"))
    tranches = data.get("tranches") or []
    if not tranches:
        problems.append(_("tidak ada [[tranches]]"))
    by_percent = [t for t in tranches if "percent" in t]
    by_amount = [t for t in tranches if "amount" in t]
    if by_percent and by_amount or len(by_percent) + len(by_amount) != len(tranches):
        problems.append(_("setiap tahap memakai 'percent' saja atau 'amount' saja"))
    all_percent = by_percent and len(by_percent) == len(tranches)
    if all_percent and sum(t["percent"] for t in tranches) != 100:
        problems.append(_("jumlah 'percent' semua tahap harus 100"))
    for number, tranche in enumerate(tranches, start=1):
        if not tranche.get("label"):
            problems.append(_("tahap %(n)s tanpa 'label'") % {"n": number})
        for condition in tranche.get("conditions", []):
            rule = condition.get("rule")
            if rule not in CONDITION_RULES:
                problems.append(
                    _("tahap %(n)s: syarat '%(rule)s' tidak dikenal") % {"n": number, "rule": rule}
                )
            elif rule == "physical_progress" and not 0 < condition.get("min_percent", 0) <= 100:
                problems.append(_("tahap %(n)s: 'min_percent' 1 sampai 100") % {"n": number})
    return problems


def _band_problems(bands: list[dict]) -> list[str]:
    problems = []
    previous = 0
    for number, band in enumerate(bands, start=1):
        if band.get("method") not in PROCUREMENT_METHODS:
            problems.append(_("batas pengadaan %(n)s: 'method' tidak dikenal") % {"n": number})
        top = band.get("max_amount")
        last = number == len(bands)
        if (top is None) != last or (top is not None and top <= previous):
            problems.append(
                _("batas pengadaan %(n)s: 'max_amount' harus naik; hanya batas terakhir tanpa")
                % {"n": number}
            )
        previous = top or previous
        if int(band.get("min_quotes", 0)) < 1:
            problems.append(_("batas pengadaan %(n)s: 'min_quotes' sedikitnya 1") % {"n": number})
    return problems


def _program_problems(data: dict) -> list[str]:
    problems = []
    for key in ("funding_source", "amount", "tranche_scheme", "ksm_scheme", "ladder"):
        if key not in data:
            problems.append(_("kunci '%(key)s' tidak ada") % {"key": key})
    amount = data.get("amount")
    if amount != "setting" and not (isinstance(amount, int) and amount > 0):
        problems.append(_("'amount' harus rupiah bulat atau \"setting\""))
    codes = [step.get("code") for step in data.get("ladder", [])]
    if not codes or len(set(codes)) != len(codes) or not all(codes):
        problems.append(_("'ladder' perlu kode unik di setiap anak tangga"))
    problems += _band_problems(data.get("procurement_bands") or [])
    return problems


class SchemeInvalid(DomainError):
    """A scheme file is malformed; the message names the file and every problem."""

    def __init__(self, message):
        super().__init__(message, code=FinanceError.SCHEME_INVALID)


class SchemeChanged(DomainError):
    """A stored scheme version's file changed without a new version number."""

    def __init__(self, message):
        super().__init__(message, code=FinanceError.SCHEME_CHANGED)


def _named(data: dict) -> list[str]:
    return [] if data.get("name") else [_("kunci 'name' tidak ada")]


def _check_tranches(data: dict, source: str) -> None:
    _raise_problems(_named(data) + _tranche_problems(data), source)


def _check_program(data: dict, source: str) -> None:
    _raise_problems(_named(data) + _program_problems(data), source)


def _raise_problems(problems: list[str], source: str) -> None:
    if problems:
        raise SchemeInvalid(f"{source}: " + "; ".join(problems))


CHECKS = {SchemeKind.TRANCHES: _check_tranches, SchemeKind.PROGRAM: _check_program}


def _creator(kind: str):
    def create(definition: Definition) -> SchemeDefinition:
        return SchemeDefinition.objects.create(
            kind=kind,
            code=definition.code,
            version=definition.version,
            name=definition.data.get("name", definition.code),
            definition=definition.data,
            checksum=definition.checksum,
        )

    return create


@transaction.atomic
def sync_schemes(directory: Path = SCHEMES_DIR, *, force: bool = False) -> None:
    """Store every scheme file not yet stored; refuse a changed stored version (core's
    definition loader: each file parsed and checked once per process while unchanged)."""
    with _lock:
        if directory in _synced and not force and SchemeDefinition.objects.exists():
            return
        for kind in (SchemeKind.TRANCHES, SchemeKind.PROGRAM):
            definitions = read_definitions(
                directory / FOLDERS[kind], check=CHECKS[kind], error=SchemeInvalid
            )
            for definition in definitions:
                if kind == SchemeKind.PROGRAM:
                    for key, level in (("tranche_scheme", "bkm"), ("ksm_scheme", "ksm")):
                        _referenced(definition.data[key], level, definition.path.name)
                store_definition(
                    definition, model=SchemeDefinition, create=_creator(kind), error=SchemeChanged
                )
        transaction.on_commit(lambda: _synced.add(directory))


def _referenced(reference: str, level: str, source: str) -> SchemeDefinition:
    code, _sep, version = reference.partition("@")
    found = SchemeDefinition.objects.filter(
        kind=SchemeKind.TRANCHES, code=code, version=int(version or 0)
    ).first()
    if found is None or found.definition.get("level") != level:
        raise refuse(
            FinanceError.SCHEME_UNKNOWN,
            _("%(file)s: skema tahap '%(ref)s' (tingkat %(level)s) tidak ada")
            % {"file": source, "ref": reference, "level": level},
        )
    return found


def referenced_scheme(reference: str, level: str) -> SchemeDefinition:
    return _referenced(reference, level, reference)


def current_program(code: str) -> SchemeDefinition:
    """The newest stored version of a program's scheme (loading new files first)."""
    sync_schemes()
    found = (
        SchemeDefinition.objects.filter(kind=SchemeKind.PROGRAM, code=code)
        .order_by("-version")
        .first()
    )
    if found is None:
        raise refuse(
            FinanceError.SCHEME_UNKNOWN,
            _("Program '%(code)s' tidak dikenal.") % {"code": code},
            field="program",
        )
    return found


def forget_loaded() -> None:
    """For tests: the next sync reads the files again (a new process would)."""
    with _lock:
        _synced.clear()
