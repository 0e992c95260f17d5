"""Differences between two versions of a plan: texts, programs, investment lines and activities."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tridaya.core.formats import format_rupiah
from tridaya.planning.calc import FundingSource
from tridaya.planning.models import (
    PlanVersion,
)
from tridaya.planning.selectors.plans import VersionPage

# --- Version differences ---------------------------------------------------------------------


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class ItemDiff:
    label: str
    status: str  # "added", "removed", "changed"
    changes: list[Change] = field(default_factory=list)


@dataclass
class VersionDiff:
    old: PlanVersion
    new: PlanVersion
    texts: list[Change]
    programs: list[ItemDiff]
    lines: list[ItemDiff]
    total_before: int
    total_after: int

    @property
    def is_empty(self) -> bool:
        return not (self.texts or self.programs or self.lines) and (
            self.total_before == self.total_after
        )


def _compare(
    old: dict[str, Any], new: dict[str, Any], labels: dict[str, str], status_label: str
) -> list[ItemDiff]:
    out = []
    for key in [*old, *[k for k in new if k not in old]]:
        if key not in new:
            out.append(ItemDiff(old[key]["_label"], "removed"))
        elif key not in old:
            out.append(ItemDiff(new[key]["_label"], "added"))
        else:
            changes = [
                Change(labels[f], str(old[key][f]), str(new[key][f]))
                for f in labels
                if old[key][f] != new[key][f]
            ]
            if changes:
                out.append(ItemDiff(new[key]["_label"], "changed", changes))
    return out


def _programs(page: VersionPage) -> dict[str, dict]:
    return {
        f"{v.program.domain}:{v.program.name}": {
            "_label": f"{v.program.domain}. {v.program.name}",
            "description": v.program.description,
            "years": ", ".join(str(y) for y in v.years),
            "problems": ", ".join(p.title for p in v.problems),
            "budget": format_rupiah(v.budget),
        }
        for v in page.programs
    }


def _lines(page: VersionPage) -> dict[str, dict]:
    found = {}
    for line in page.lines:
        key = f"{line.year}:{line.domain}:{line.component}:{line.detail}"
        found[key] = {
            "_label": f"{line.year} · {line.domain} · {line.component}",
            "volume": f"{line.volume.normalize():f} {line.unit}",
            "unit_cost": format_rupiah(line.unit_cost),
            "total": format_rupiah(line.total),
            "funding": "; ".join(
                f"{FundingSource(s).label}: {format_rupiah(a)}"
                for s, a in line.funding.items()
                if a
            ),
            "beneficiaries": f"{line.people}/{line.women}/{line.mbr}/{line.households}/"
            f"{line.poor_households}",
        }
    return found


def _text_changes(old: PlanVersion, new: PlanVersion) -> list[Change]:
    """The plan's own texts and its numbered sections that differ between two versions."""
    from django.utils.translation import gettext as _

    text_labels = {
        "vision": _("Visi"),
        "mission": _("Misi"),
        "concept": _("Konsep penataan"),
        "community_rules": _("Aturan bersama"),
        "env_social_notes": _("Rencana pengelolaan lingkungan dan sosial"),
        "start_year": _("Tahun pertama"),
    }
    texts = [
        Change(label, str(getattr(old, name)), str(getattr(new, name)))
        for name, label in text_labels.items()
        if getattr(old, name) != getattr(new, name)
    ]
    for key in sorted(set(old.sections) | set(new.sections)):
        if old.sections.get(key, "") != new.sections.get(key, ""):
            texts.append(
                Change(
                    _("Bab %(key)s") % {"key": key},
                    old.sections.get(key, ""),
                    new.sections.get(key, ""),
                )
            )
    return texts


def _program_labels() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {
        "description": _("Uraian"),
        "years": _("Tahun"),
        "problems": _("Masalah yang dijawab"),
        "budget": _("Anggaran"),
    }


def _line_labels() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {
        "volume": _("Volume"),
        "unit_cost": _("Biaya satuan"),
        "total": _("Jumlah"),
        "funding": _("Sumber dana"),
        "beneficiaries": _("Penerima manfaat (jiwa/perempuan/MBR/KK/KK miskin)"),
    }


def version_diff(old_page: VersionPage, new_page: VersionPage) -> VersionDiff:
    """What changed from one version to another: texts, programs (matched by domain and name),
    investment lines / activities (matched by year, domain and component), and the total."""
    old, new = old_page.version, new_page.version
    return VersionDiff(
        old=old,
        new=new,
        texts=_text_changes(old, new),
        programs=_compare(_programs(old_page), _programs(new_page), _program_labels(), ""),
        lines=_compare(_lines(old_page), _lines(new_page), _line_labels(), ""),
        total_before=old_page.totals.total,
        total_after=new_page.totals.total,
    )
