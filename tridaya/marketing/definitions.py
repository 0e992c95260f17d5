"""The funding sources of the program MIS as versioned TOML files in `sources/`, loaded into the
database once per (code, version). A loaded version whose file later changes is refused: copy the
file, raise `version` and edit the copy, so every pledge keeps the source list it was made with."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.definitions import Definition, sync_definitions
from tridaya.core.errors import DomainError
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import CountsAs, FundingSource, SourceList

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
DEFAULT_LIST = "mis"


class SourceFileError(DomainError):
    """A funding-source file is malformed, or a loaded version's file changed; the message
    names the file (and the source and key)."""

    def __init__(self, message):
        super().__init__(message, code=MarketingError.SOURCE_FILE)


def _invalid(source: str, problem: str) -> SourceFileError:
    return SourceFileError(_("%(file)s: %(problem)s") % {"file": source, "problem": problem})


def check_definition(data: dict, source: str) -> None:
    for key in ("name", "sources"):
        if key not in data:
            raise _invalid(source, _("kunci '%(key)s' tidak ada.") % {"key": key})
    seen: set[str] = set()
    for number, item in enumerate(data["sources"], start=1):
        for key in ("code", "label", "short", "counts_as"):
            if not str(item.get(key, "")).strip():
                raise _invalid(
                    source,
                    _("sumber ke-%(n)s: '%(key)s' kosong.") % {"n": number, "key": key},
                )
        if item["counts_as"] not in CountsAs.values:
            raise _invalid(
                source,
                _("sumber %(code)s: counts_as harus salah satu dari %(allowed)s.")
                % {"code": item["code"], "allowed": ", ".join(CountsAs.values)},
            )
        if item["code"] in seen:
            raise _invalid(source, _("kode %(code)s ganda.") % {"code": item["code"]})
        seen.add(item["code"])


def _create(definition: Definition) -> SourceList:
    data = definition.data
    source_list = SourceList.objects.create(
        code=data["code"],
        version=data["version"],
        name=data["name"],
        source_file=definition.path.name,
        checksum=definition.checksum,
    )
    FundingSource.objects.bulk_create(
        FundingSource(
            source_list=source_list,
            code=item["code"],
            position=position,
            label=item["label"],
            short=item["short"],
            counts_as=item["counts_as"],
            government=bool(item.get("government", False)),
        )
        for position, item in enumerate(data["sources"], start=1)
    )
    return source_list


@transaction.atomic
def sync_sources(directory: Path = SOURCES_DIR) -> list[SourceList]:
    """Load every source file not yet loaded; refuse a changed file of a loaded version."""
    return sync_definitions(
        directory, model=SourceList, create=_create, check=check_definition, error=SourceFileError
    )


def current_sources(code: str = DEFAULT_LIST) -> list[FundingSource]:
    """The sources of the newest loaded list (loading the files on first use)."""
    newest = SourceList.objects.filter(code=code).order_by("-version").first()
    if newest is None:
        sync_sources()
        newest = SourceList.objects.filter(code=code).order_by("-version").first()
    if newest is None:
        return []
    return list(newest.sources.order_by("position"))
