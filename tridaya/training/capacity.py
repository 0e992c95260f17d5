"""The capacity map of a village, from plain values: for each actor group and each module of
the curriculum, which of the group's current members have completed the module, and where the
gaps are ("no UPK member has completed BLM funding").

Members are keyed by person (`p:<id>`) or, for guests recorded only by name, by `g:<name>`;
completions use the same keys, so a BKM member who is also in the TIPP counts for both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tridaya.training.models import CAPACITY_GROUPS, UP_UP_GROUPS, ActorGroup, group_label

# The three groups the core modules must reach before PLPBK starts (DOMAIN.md section 6):
# the BKM, its units (any of UPK, UPL, UPS) and the village apparatus.
CORE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bkm", (ActorGroup.BKM,)),
    ("up_up", UP_UP_GROUPS),
    ("aparat", (ActorGroup.APARAT,)),
)


def person_key(person_id: int | None, name: str) -> str:
    if person_id is not None:
        return f"p:{person_id}"
    return "g:" + " ".join(name.lower().split())


@dataclass(frozen=True)
class ModuleInfo:
    code: str
    title: str
    is_core: bool
    stage: str
    stage_label: str
    targets: frozenset[str]


@dataclass(frozen=True)
class Member:
    key: str
    name: str


class CellStatus:
    FULL = "full"  # every member completed it
    PARTIAL = "partial"  # some did
    GAP = "gap"  # the module is for this group and nobody completed it (a core module)
    LATER = "later"  # the same, for a module of a later stage
    NO_MEMBERS = "no_members"  # the module is for this group, which has no members recorded
    NONE = "none"  # not for this group, and nobody completed it


@dataclass
class Cell:
    group: str
    module: ModuleInfo
    members: int
    completed: list[Member]  # sorted by name

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.completed]

    @property
    def targeted(self) -> bool:
        return self.group in self.module.targets

    @property
    def status(self) -> str:
        done = len(self.completed)
        if self.members and done >= self.members:
            return CellStatus.FULL
        if done:
            return CellStatus.PARTIAL
        if not self.targeted:
            return CellStatus.NONE
        if not self.members:
            return CellStatus.NO_MEMBERS
        return CellStatus.GAP if self.module.is_core else CellStatus.LATER


@dataclass(frozen=True)
class Gap:
    group: str
    module: ModuleInfo
    no_members: bool

    @property
    def message(self) -> str:
        params = {"group": group_label(self.group), "module": self.module.title}
        if self.no_members:
            return (
                _(
                    "Belum ada anggota %(group)s yang tercatat, jadi belum ada yang menyelesaikan "
                    "modul %(module)s."
                )
                % params
            )
        return _("Belum ada anggota %(group)s yang menyelesaikan modul %(module)s.") % params


@dataclass
class CapacityMap:
    modules: list[ModuleInfo]
    members: dict[str, list[Member]]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    completions: dict[str, set[str]] = field(default_factory=dict)

    @property
    def groups(self) -> list[str]:
        return list(CAPACITY_GROUPS)

    def cell(self, group: str, module_code: str) -> Cell:
        return self.cells[(group, module_code)]

    def rows(self) -> list[tuple[str, str, list[Member], list[Cell]]]:
        """(group, its label, its members, one cell per module) for each group."""
        return [
            (
                group,
                group_label(group),
                self.members.get(group, []),
                [self.cell(group, m.code) for m in self.modules],
            )
            for group in self.groups
        ]

    def gaps(self, *, core_only: bool = False) -> list[Gap]:
        """Targeted cells with nobody trained: core modules first, then later stages."""
        found = []
        for module in sorted(self.modules, key=lambda m: not m.is_core):
            if core_only and not module.is_core:
                continue
            for group in self.groups:
                cell = self.cell(group, module.code)
                if cell.status in (CellStatus.GAP, CellStatus.LATER, CellStatus.NO_MEMBERS):
                    found.append(Gap(group, module, cell.status == CellStatus.NO_MEMBERS))
        return found

    def trained_in(self, groups: Iterable[str], module_code: str) -> set[str]:
        """Keys of the members of any of `groups` who completed the module."""
        keys: set[str] = set()
        for group in groups:
            keys.update(m.key for m in self.cell(group, module_code).completed)
        return keys

    @property
    def core_modules(self) -> list[ModuleInfo]:
        return [m for m in self.modules if m.is_core]


def build(
    modules: list[ModuleInfo],
    members: Mapping[str, Iterable[Member]],
    completions: Mapping[str, set[str]],
) -> CapacityMap:
    """`completions` maps a person key to the codes of the modules they completed."""
    unique: dict[str, list[Member]] = {}
    for group in CAPACITY_GROUPS:
        seen: dict[str, Member] = {}
        for member in members.get(group, []):
            seen.setdefault(member.key, member)
        unique[group] = sorted(seen.values(), key=lambda m: (m.name.lower(), m.key))
    result = CapacityMap(modules=modules, members=unique, completions=dict(completions))
    for group in CAPACITY_GROUPS:
        for module in modules:
            done = [m for m in unique[group] if module.code in completions.get(m.key, set())]
            result.cells[(group, module.code)] = Cell(group, module, len(unique[group]), done)
    return result


def check_core(capacity: CapacityMap) -> tuple[bool, str]:
    """Every core module completed by at least one member of the BKM, of the UP-UP (any unit)
    and of the village apparatus; the explanation names what is missing."""
    core = capacity.core_modules
    if not core:
        return False, _("Kurikulum belum memiliki modul inti.")
    labels = {"bkm": _("BKM"), "up_up": _("UP-UP"), "aparat": _("aparat kelurahan/desa")}
    missing = []
    for module in core:
        for key, groups in CORE_GROUPS:
            if not capacity.trained_in(groups, module.code):
                missing.append(
                    _("%(group)s belum dilatih %(module)s")
                    % {"group": labels[key], "module": module.title}
                )
    if missing:
        return False, _("Modul inti belum lengkap: %(missing)s.") % {"missing": "; ".join(missing)}
    counts = {
        key: len(set().union(*(capacity.trained_in(groups, m.code) for m in core)))
        for key, groups in CORE_GROUPS
    }
    return True, _(
        "Semua %(n)s modul inti sudah diselesaikan oleh BKM (%(bkm)s orang), UP-UP "
        "(%(up_up)s orang) dan aparat (%(aparat)s orang)."
    ) % {"n": len(core), **counts}


def check_group(capacity: CapacityMap, group: str, module_codes: list[str]) -> tuple[bool, str]:
    """At least one member of `group` completed each of `module_codes`."""
    titles = {m.code: m.title for m in capacity.modules}
    label = group_label(group)
    if not capacity.members.get(group):
        return False, _("Belum ada anggota %(group)s yang tercatat.") % {"group": label}
    missing = [titles.get(c, c) for c in module_codes if not capacity.trained_in([group], c)]
    if missing:
        return False, _("Belum ada anggota %(group)s yang menyelesaikan: %(modules)s.") % {
            "group": label,
            "modules": ", ".join(missing),
        }
    names = set().union(*(capacity.trained_in([group], c) for c in module_codes))
    return True, _("%(n)s anggota %(group)s sudah menyelesaikan %(modules)s.") % {
        "n": len(names),
        "group": label,
        "modules": ", ".join(titles.get(c, c) for c in module_codes),
    }
