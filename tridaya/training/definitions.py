"""Curricula as versioned TOML files in `curricula/`, checked and loaded into the database.

A file is loaded once per (code, version): its modules and questions become rows that the
program may then edit in the admin. If a loaded version's file later changes without a new
version number, loading is refused (copy the file and raise `version`), so every training can be
traced to the curriculum it was planned with."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.definitions import Definition, read_definitions, sync_definitions
from tridaya.core.stages import STAGES
from tridaya.training.models import (
    CAPACITY_GROUPS,
    JPL_MINUTES,
    LETTERS,
    Curriculum,
    Module,
    Question,
    QuestionKind,
    TrainingSettings,
)

CURRICULA_DIR = Path(__file__).resolve().parent / "curricula"
TRUE_FALSE_ANSWERS = {"benar": 0, "salah": 1}
STAGE_SLUGS = {stage.slug for stage in STAGES}


class CurriculumFileError(ValidationError):
    """A curriculum file is malformed; the message names the file, the module and the field."""


def _answer_index(question: dict) -> int | None:
    answer = str(question.get("answer", "")).strip().lower()
    if question.get("kind") == QuestionKind.TRUE_FALSE:
        return TRUE_FALSE_ANSWERS.get(answer)
    options = question.get("options") or []
    if len(answer) == 1 and answer in LETTERS[: len(options)]:
        return LETTERS.index(answer)
    return None


def _check_module(module: dict, problems: list[str]) -> None:
    code = module.get("code", "?")

    def problem(message: str) -> None:
        problems.append(f"{code}: {message}")

    for key in ("code", "title", "stage", "jpl", "targets", "objectives", "indicators", "steps"):
        if not module.get(key):
            problem(_("kunci '%(key)s' tidak ada atau kosong") % {"key": key})
    if module.get("stage") and module["stage"] not in STAGE_SLUGS:
        problem(_("tahap tidak dikenal '%(stage)s'") % {"stage": module["stage"]})
    unknown = sorted(set(module.get("targets", [])) - set(CAPACITY_GROUPS))
    if unknown:
        problem(_("kelompok sasaran tidak dikenal %(groups)s") % {"groups": ", ".join(unknown)})
    jpl = module.get("jpl")
    steps = module.get("steps", [])
    if isinstance(jpl, int) and steps:
        total = sum(step.get("minutes", 0) for step in steps)
        if total != jpl * JPL_MINUTES:
            problem(
                _("langkah berjumlah %(total)s menit, padahal %(jpl)s JPL = %(minutes)s menit")
                % {"total": total, "jpl": jpl, "minutes": jpl * JPL_MINUTES}
            )
    questions = module.get("questions", [])
    if not questions:
        problem(_("tidak ada soal untuk pre-test dan post-test"))
    for number, question in enumerate(questions, start=1):
        kind = question.get("kind")
        if kind not in QuestionKind.values:
            problem(_("soal %(n)s: jenis '%(kind)s' tidak dikenal") % {"n": number, "kind": kind})
            continue
        if not str(question.get("text", "")).strip():
            problem(_("soal %(n)s tanpa pertanyaan") % {"n": number})
        if _answer_index(question) is None:
            problem(
                _("soal %(n)s: kunci jawaban '%(answer)s' tidak cocok dengan pilihannya")
                % {"n": number, "answer": question.get("answer", "")}
            )


def check_definition(data: dict, source: str) -> None:
    """Every problem of a file in one message."""
    problems: list[str] = []
    for key in ("code", "version", "name", "modules"):
        if key not in data:
            problems.append(_("kunci '%(key)s' tidak ada") % {"key": key})
    seen: set[str] = set()
    for module in data.get("modules", []):
        code = module.get("code", "?")
        if code in seen:
            problems.append(_("modul '%(code)s' ganda") % {"code": code})
        seen.add(code)
        _check_module(module, problems)
    if problems:
        raise CurriculumFileError(f"{source}: " + "; ".join(problems))


def _create(definition: Definition) -> Curriculum:
    data = definition.data
    curriculum = Curriculum.objects.create(
        code=data["code"],
        version=data["version"],
        name=data["name"],
        description=data.get("description", ""),
        source_file=definition.path.name,
        checksum=definition.checksum,
    )
    for order, spec in enumerate(data["modules"], start=1):
        module = Module(
            curriculum=curriculum,
            code=spec["code"],
            order=order,
            title=spec["title"],
            summary=spec.get("summary", ""),
            stage=spec["stage"],
            is_core=bool(spec.get("core", False)),
            jpl=spec["jpl"],
            objectives=list(spec["objectives"]),
            media=list(spec.get("media", [])),
            readings=list(spec.get("readings", [])),
            steps=[dict(step) for step in spec["steps"]],
            indicators=list(spec["indicators"]),
            target_groups=list(spec["targets"]),
        )
        module.full_clean(exclude=["curriculum"])
        module.save()
        questions = []
        for number, q in enumerate(spec.get("questions", []), start=1):
            answer = _answer_index(q)
            assert answer is not None  # check_definition refused the file otherwise
            question = Question(
                module=module,
                order=number,
                kind=q["kind"],
                text=q["text"].strip(),
                options=list(q.get("options", []))
                if q["kind"] == QuestionKind.MULTIPLE_CHOICE
                else [],
                answer=answer,
            )
            question.full_clean(exclude=["module"])
            questions.append(question)
        Question.objects.bulk_create(questions)
    return curriculum


@transaction.atomic
def sync_curricula(directory: Path = CURRICULA_DIR) -> list[Curriculum]:
    """Load every curriculum file not yet in the database; refuse a changed loaded version."""
    return sync_definitions(
        directory,
        model=Curriculum,
        create=_create,
        check=check_definition,
        error=CurriculumFileError,
    )


def current_curriculum(code: str | None = None) -> Curriculum | None:
    """The newest active version of a curriculum (by default the one the capacity map uses),
    loading the files first when none is in the database yet."""
    code = code or TrainingSettings.current().capacity_curriculum
    found = Curriculum.objects.filter(code=code, is_active=True).order_by("-version").first()
    if found is None and not Curriculum.objects.filter(code=code).exists():
        sync_curricula()
        found = Curriculum.objects.filter(code=code, is_active=True).order_by("-version").first()
    return found


def file_codes(directory: Path = CURRICULA_DIR) -> list[tuple[str, str]]:
    """(module code, title) of every module in the files, read without the database: the gate
    outputs are registered from these when the app starts."""
    seen: dict[str, str] = {}
    for definition in read_definitions(directory, error=CurriculumFileError):
        for module in definition.data.get("modules", []):
            seen.setdefault(module["code"], module["title"])
    return list(seen.items())
