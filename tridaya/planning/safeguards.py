"""The safeguards checklist of an RTPLP (environmental and social safeguards of community
infrastructure: land, resettlement, environment, vulnerable groups, maintenance). Each item is
answered yes / no / not applicable with a note; "no" on an item marked `blocking` means the plan
cannot be legalised until it is resolved."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "ya", _("Ya")
    NO = "tidak", _("Tidak")
    NOT_APPLICABLE = "na", _("Tidak berlaku")


@dataclass(frozen=True)
class Item:
    key: str
    question: Promise
    blocking: bool  # a "no" here stops legalisation


ITEMS = (
    Item(
        "lahan",
        _("Lahan untuk setiap kegiatan berstatus jelas (milik desa, hibah tertulis, atau izin)."),
        True,
    ),
    Item(
        "pemukiman_kembali",
        _("Tidak ada warga yang harus pindah tanpa kesepakatan dan penggantian yang layak."),
        True,
    ),
    Item(
        "lingkungan",
        _("Dampak lingkungan (debu, limbah, genangan, pohon ditebang) dikenali dan dikelola."),
        False,
    ),
    Item(
        "cagar",
        _("Tidak mengganggu situs budaya, makam atau tempat ibadah tanpa kesepakatan."),
        True,
    ),
    Item(
        "rentan",
        _("Kebutuhan perempuan, lansia, anak dan penyandang disabilitas dipertimbangkan."),
        False,
    ),
    Item(
        "pemeliharaan",
        _("Ada KPP atau kelompok yang sanggup memelihara hasil pembangunan."),
        False,
    ),
    Item(
        "k3",
        _("Keselamatan kerja (K3) pekerja dan warga selama pembangunan direncanakan."),
        False,
    ),
)
ITEM_KEYS = tuple(item.key for item in ITEMS)


def normalise(data: dict) -> dict[str, dict[str, str]]:
    """Keep only known items with a known answer and a note."""
    clean = {}
    for item in ITEMS:
        entry = data.get(item.key) or {}
        answer = entry.get("answer", "")
        if answer in Answer.values:
            clean[item.key] = {"answer": answer, "note": str(entry.get("note", "")).strip()}
    return clean


def rows(data: dict) -> list[tuple[Item, str, str]]:
    """(item, answer label or '', note) for every item, in order."""
    out = []
    for item in ITEMS:
        entry = data.get(item.key) or {}
        answer = entry.get("answer", "")
        label = str(Answer(answer).label) if answer in Answer.values else ""
        out.append((item, label, entry.get("note", "")))
    return out


def blocking_problems(data: dict) -> list[str]:
    """Questions that stop legalisation: unanswered items, and blocking items answered 'no'."""
    problems = []
    for item in ITEMS:
        answer = (data.get(item.key) or {}).get("answer", "")
        if answer not in Answer.values or (item.blocking and answer == Answer.NO):
            problems.append(str(item.question))
    return problems
