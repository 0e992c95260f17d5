"""The progress report XLSForm (ODK Collect / KoboCollect) and the importer of its KoBoToolbox
and ODK Central exports, registered in mapping's survey importer registry (WorksConfig.ready()).

One spec for both directions: the XLSForm a village downloads asks for one of the village's
packages (a choice list made per village), the date, the physical progress, the evidence slot
and a photo; the importer reads the same question names. Each good row becomes a progress entry
through `progress.entry_report_nested` (EXIF checks, the 0/50/100 rule, the KSM's own packages
only): a refusal is a bad row on the column it concerns, and the submission's instance id makes a
second import of the same export change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.mapping.importers.archive import Photos, UnreadablePhoto
from tridaya.mapping.importers.base import ChunkResult
from tridaya.mapping.importers.parse import Chunk
from tridaya.mapping.importers.spec import (
    DATE,
    DECIMAL,
    IMAGE,
    SELECT_ONE,
    TEXT,
    YES_NO,
    YES_NO_CHOICES,
    YES_NO_LIST,
    Choice,
    FormSpec,
    Question,
    group_of,
)
from tridaya.mapping.importers.xlsform import BuiltForm, build_xlsform, check_xlsform
from tridaya.regions.models import Region
from tridaya.works.models import WorkPackage

FORM = "works_progress"
LABEL = gettext_lazy("Laporan progres pembangunan")
IMPORT_ACTION = "works.import_progress"
PACKAGE_CHOICE = re.compile(r"^paket_(\d+)$")
SLOT_NONE = "tidak"


def package_choice_name(package_id: int) -> str:
    return f"paket_{package_id}"


def progress_form(packages: Iterable[WorkPackage] | None = None) -> FormSpec:
    """The form's questions. With the village's packages the package question is a choice
    list (the XLSForm); without, the importer reads the chosen name as text and finds it."""
    choices: dict[str, tuple[Choice, ...]] = {
        "slot": (
            Choice(SLOT_NONE, gettext_lazy("Bukan slot bukti")),
            Choice("0", "0%"),
            Choice("50", "50%"),
            Choice("100", "100%"),
        ),
        YES_NO_LIST: YES_NO_CHOICES,
    }
    if packages is not None:
        choices["package"] = tuple(Choice(package_choice_name(p.pk), p.name) for p in packages)
        package_question = Question(
            "package", SELECT_ONE, gettext_lazy("Paket pekerjaan"), required=True, choices="package"
        )
    else:
        package_question = Question("package", TEXT, gettext_lazy("Paket pekerjaan"), required=True)
    questions = [
        package_question,
        Question(
            "date",
            DATE,
            gettext_lazy("Tanggal"),
            required=True,
            constraint=". <= today()",
            constraint_message=gettext_lazy("Tanggal tidak boleh di masa depan."),
        ),
        Question(
            "percent",
            DECIMAL,
            gettext_lazy("Progres fisik (%)"),
            required=True,
            constraint=". >= 0 and . <= 100",
            constraint_message=gettext_lazy("Isi 0 sampai 100."),
        ),
        Question("slot", SELECT_ONE, gettext_lazy("Slot bukti"), choices="slot", default=SLOT_NONE),
        Question(
            "photo",
            IMAGE,
            gettext_lazy("Foto (dengan lokasi dan waktu)"),
            required=True,
            parameters="max-pixels=1600",
        ),
        Question("note", TEXT, gettext_lazy("Catatan"), appearance="multiline"),
        Question("submit", YES_NO, gettext_lazy("Langsung ajukan ke fasilitator"), default="ya"),
    ]
    return FormSpec(
        kind=FORM,
        form_id="tridaya_progres_pembangunan",
        title=LABEL,
        version="2026120701",
        groups=(group_of("progress", gettext_lazy("Progres"), questions),),
        choice_lists=choices,
    )


def xlsform_for(village: Region) -> BuiltForm:
    """The village's XLSForm (its packages as choices), checked with pyxform before it goes
    out (a DomainError with pyxform's message otherwise)."""
    packages = WorkPackage.objects.filter(village=village).order_by("starts_on", "id")
    built = build_xlsform(progress_form(list(packages)), village)
    check_xlsform(built.content)
    return built


class ProgressImporter:
    """Stores each good row as a progress entry with its photo (see the module docstring)."""

    spec = progress_form()
    required = ["package", "date", "percent", "photo"]
    chunk_size = 100
    action = IMPORT_ACTION

    def __init__(self, *, village: Region, batch: Any, actor=None):
        self.village = village
        self.batch = batch
        self.actor = actor
        self.packages = {p.pk: p for p in WorkPackage.objects.filter(village=village)}
        for package in self.packages.values():
            package.village = village
        self.media: Photos | None = None
        self.reader_columns: Any = None
        self.stored: list[str] = []

    def _column(self, question: str) -> str:
        reader = self.reader_columns
        return reader.column_name(question) if reader is not None else question

    def check(self, chunk: Chunk) -> None:
        """Each row's package and photo, before anything is written (no database here: the
        package list was read when the importer was made)."""
        found: list[Any] = [None] * len(chunk)
        chunk.prepared["photo"] = found
        for i in range(len(chunk)):
            if not chunk.ok(i):
                continue
            values = chunk.row_values(i)
            name = values.get("package") or ""
            match = PACKAGE_CHOICE.match(name.strip())
            if match is None or int(match.group(1)) not in self.packages:
                reason = _("paket tidak ada di %(village)s; pakai formulir desa ini") % {
                    "village": self.village.name
                }
                chunk.add_issue(i, self._column("package"), name, reason)
                continue
            found[i] = self._photo(chunk, i, values.get("photo") or "")

    def _photo(self, chunk: Chunk, index: int, name: str) -> Any:
        if self.media is None:
            reason = _("foto tidak ikut: unggah ekspor ZIP yang berisi foto (media)")
            chunk.add_issue(index, self._column("photo"), name, reason)
            return None
        ids = (chunk.instance_ids[index], chunk.deprecated_ids[index])
        photo = self.media.find(name, ids)
        if isinstance(photo, str):
            chunk.add_issue(index, self._column("photo"), name, photo)
            return None
        return photo

    def write(self, chunk: Chunk) -> ChunkResult:
        result = ChunkResult()
        for i in chunk.good():
            values = chunk.row_values(i)
            try:
                with transaction.atomic():  # a refused row leaves nothing behind
                    outcome = self._store(chunk, i, values)
            except (PermissionDenied, Http404):
                reason = _("Anda tidak berwenang melapor untuk paket ini")
                chunk.add_issue(i, self._column("package"), values.get("package"), reason)
                continue
            except ValidationError as exc:
                self._issue(chunk, i, exc, values)
                continue
            setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    @staticmethod
    def _package_id(name: str) -> int:
        """The package id of a choice name `check` found in the village (-1 otherwise)."""
        match = PACKAGE_CHOICE.match(name.strip())
        return int(match.group(1)) if match else -1

    def _issue(self, chunk: Chunk, index: int, exc: ValidationError, values: dict) -> None:
        """A refusal on the column of the question it concerns (the photo otherwise)."""
        field = getattr(exc, "field", None)
        if hasattr(exc, "error_dict"):
            field = next(iter(exc.error_dict))
        question = field if isinstance(field, str) and field in values else "photo"
        chunk.add_issue(index, self._column(question), values.get(question), " ".join(exc.messages))

    def _store(self, chunk: Chunk, index: int, values: dict[str, Any]) -> str:
        from tridaya.works.models import ProgressEntry
        from tridaya.works.services.progress import entry_report_nested

        package = self.packages[self._package_id(values["package"])]
        instance_id = chunk.instance_ids[index][:80]
        if ProgressEntry.objects.filter(package=package, instance_id=instance_id).exists():
            return "unchanged"
        slot = values.get("slot")
        image = self.media.open(chunk.prepared["photo"][index])  # type: ignore[union-attr]
        original = str(image.name)
        try:
            entry_report_nested(
                actor=self.actor,
                package=package,
                date=values["date"],
                percent=values["percent"],
                file=image,
                slot=int(slot) if slot and slot != SLOT_NONE else None,
                note=values.get("note") or "",
                submit=values.get("submit") is not False,
                instance_id=instance_id,
            )
        except UnreadablePhoto:
            raise ValidationError(
                {"photo": _("foto %(name)s rusak di berkas ZIP") % {"name": original}}
            ) from None
        except ValidationError:
            if image.name and image.name != original:  # stored, then refused (no slot photo)
                self._discard_written(package, str(image.name))
            raise
        finally:
            image.close()
        stored = package.photos.filter(entry__instance_id=instance_id).values_list(
            "image", flat=True
        )
        self.stored.extend(stored)
        return "created"

    @staticmethod
    def _discard_written(package: WorkPackage, name: str) -> None:
        from tridaya.works.services.progress import photo_files_discard

        photo_files_discard(names=[f"works/{package.village_id}/{package.pk}/{name}"])

    def discard(self) -> None:
        """The import was rolled back: remove the photo files it wrote."""
        from tridaya.works.services.progress import photo_files_discard

        photo_files_discard(names=self.stored)
        self.stored = []


def register() -> None:
    from tridaya.mapping.services.surveys import register_importer

    register_importer(FORM, ProgressImporter, label=LABEL)
