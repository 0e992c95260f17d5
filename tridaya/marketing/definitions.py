"""The funding sources of the program MIS as versioned TOML files in `sources/`, loaded into the
database once per (code, version). A loaded version whose file later changes is refused: copy the
file, raise `version` and edit the copy, so every pledge keeps the source list it was made with."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import CountsAs, FundingSource, SourceList

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
DEFAULT_LIST = "mis"


def _invalid(source: str, problem: str) -> DomainError:
    return DomainError(
        _("%(file)s: %(problem)s") % {"file": source, "problem": problem},
        code=MarketingError.SOURCE_FILE_INVALID,
    )


def check_definition(data: dict, source: str) -> None:
    for key in ("code", "version", "name", "sources"):
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


def read_file(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _invalid(path.name, str(exc)) from exc
    check_definition(data, path.name)
    return data


def checksum(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _create(data: dict, source: str, digest: str) -> SourceList:
    source_list = SourceList.objects.create(
        code=data["code"],
        version=data["version"],
        name=data["name"],
        source_file=source,
        checksum=digest,
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
    loaded = []
    for path in sorted(directory.glob("*.toml")):
        data = read_file(path)
        digest = checksum(data)
        existing = SourceList.objects.filter(code=data["code"], version=data["version"]).first()
        if existing is None:
            existing = _create(data, path.name, digest)
        elif existing.checksum != digest:
            raise DomainError(
                _(
                    "%(file)s: daftar sumber dana %(code)s versi %(version)s sudah dimuat dan isi "
                    "berkasnya berubah. Salin ke berkas baru dan naikkan 'version'."
                )
                % {"file": path.name, "code": data["code"], "version": data["version"]},
                code=MarketingError.SOURCE_FILE_CHANGED,
            )
        loaded.append(existing)
    return loaded


def current_sources(code: str = DEFAULT_LIST) -> list[FundingSource]:
    """The sources of the newest loaded list (loading the files on first use)."""
    newest = SourceList.objects.filter(code=code).order_by("-version").first()
    if newest is None:
        sync_sources()
        newest = SourceList.objects.filter(code=code).order_by("-version").first()
    if newest is None:
        return []
    return list(newest.sources.order_by("position"))
