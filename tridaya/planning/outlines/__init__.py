"""The outline (chapters) of RPLP and RTPLP documents.

The default ships as versioned data files beside this module (`rplp-1.toml`, `rtplp-1.toml`);
documents use the newest active `DocumentOutline` row of a kind, and the newest shipped file while
the program has added none (a read never writes). The program adds a newer outline, or edits one,
in the admin (saved through `planning.services.plans.outline_save`)."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from tridaya.core.definitions import DefinitionError, read_definitions

OUTLINE_DIR = Path(__file__).resolve().parent

BLOCKS = (
    "vision_mission",
    "concept",
    "programs",
    "phasing",
    "investment_plan",
    "investment_summary",
    "poverty_check",
    "community_rules",
    "env_social",
    "maps",
    "charts",
    "activities",
    "rab",
    "schedule",
    "safeguards",
    "public_test",
    "attachments",
)
TEXT_PREFIX = "text:"


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    blocks: tuple[str, ...]

    @property
    def text_keys(self) -> list[str]:
        return [b[len(TEXT_PREFIX) :] for b in self.blocks if b.startswith(TEXT_PREFIX)]


def outline_errors(chapters) -> list[str]:
    """What is wrong with an outline's chapters (empty when it can be used)."""
    if not isinstance(chapters, list) or not chapters:
        return [_("Kerangka harus berisi daftar bab (paling sedikit satu).")]
    errors = []
    keys = set()
    for number, chapter in enumerate(chapters, start=1):
        if not isinstance(chapter, dict):
            errors.append(_("Bab %(n)s bukan objek {key, title, blocks}.") % {"n": number})
            continue
        key, title, blocks = chapter.get("key"), chapter.get("title"), chapter.get("blocks")
        if not key or not isinstance(key, str):
            errors.append(_("Bab %(n)s: isi 'key'.") % {"n": number})
        elif key in keys:
            errors.append(
                _("Bab %(n)s: 'key' %(key)s dipakai dua kali.") % {"n": number, "key": key}
            )
        keys.add(key)
        if not title or not isinstance(title, str):
            errors.append(_("Bab %(n)s: isi 'title'.") % {"n": number})
        if not isinstance(blocks, list):
            errors.append(_("Bab %(n)s: 'blocks' harus daftar.") % {"n": number})
            continue
        for block in blocks:
            if not isinstance(block, str) or not (
                block in BLOCKS or (block.startswith(TEXT_PREFIX) and len(block) > len(TEXT_PREFIX))
            ):
                errors.append(
                    _("Bab %(n)s: blok tidak dikenal '%(block)s'.") % {"n": number, "block": block}
                )
    return errors


def chapters_of(data: list[dict]) -> list[Chapter]:
    return [Chapter(c["key"], c["title"], tuple(c.get("blocks", []))) for c in data]


def _check_outline(data: dict, source: str) -> None:
    errors = outline_errors(data.get("chapters"))
    if data.get("kind") not in ("rplp", "rtplp"):
        errors.insert(0, _("'kind' harus rplp atau rtplp."))
    if errors:
        raise DefinitionError(f"{source}: {'; '.join(errors)}")


def shipped_outlines() -> dict[str, dict]:
    """The newest shipped file of each kind: {kind: parsed TOML} (read and checked once per
    process by tridaya.core.definitions)."""
    newest: dict[str, dict] = {}
    for definition in read_definitions(OUTLINE_DIR, check=_check_outline):
        data = definition.data
        kind = data["kind"]
        if kind not in newest or data["version"] > newest[kind]["version"]:
            newest[kind] = data
    return newest


def active_outline(kind: str):
    """The outline documents of `kind` use: the newest active row, else the newest shipped file as
    an unsaved row (one query; nothing is written)."""
    from tridaya.planning.models import DocumentOutline

    outline = DocumentOutline.objects.filter(kind=kind, is_active=True).order_by("-version").first()
    if outline is not None:
        return outline
    data = shipped_outlines()[kind]
    return DocumentOutline(
        kind=kind, version=data["version"], name=data["name"], chapters=deepcopy(data["chapters"])
    )
