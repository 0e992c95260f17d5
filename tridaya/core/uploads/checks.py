"""One check for every upload: size cap, kind by content, and the ZIP caps for archives."""

from __future__ import annotations

from pathlib import PurePath

from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.core.formats import format_number
from tridaya.core.uploads.errors import UploadError
from tridaya.core.uploads.kinds import GIS, LABELS, SUFFIXES, TABLES, Kind, describe, sniff
from tridaya.core.uploads.limits import MB, max_bytes
from tridaya.core.uploads.zips import check_zip

ZIPPED = frozenset({Kind.ZIP, Kind.SHAPEFILE, Kind.DOCX, Kind.XLSX})


def file_label(upload) -> str:
    """'Berkas "kuitansi.jpg"': how a message names the file (its base name only)."""
    name = PurePath(str(getattr(upload, "name", "") or "")).name[:120]
    return _("Berkas “%(name)s”") % {"name": name} if name else _("Berkas")


def check_upload(upload, *, accept: frozenset[Kind], group: str, field: str | None = None) -> Kind:
    """The file's kind, or a DomainError naming the file and what to do instead."""
    label = file_label(upload)
    size = getattr(upload, "size", None)
    if not size:
        raise DomainError(
            _("%(file)s kosong; unggah ulang berkasnya.") % {"file": label},
            code=UploadError.EMPTY,
            field=field,
        )
    limit = max_bytes(group)
    if size > limit:
        raise DomainError(
            _("%(file)s berukuran %(size)s MB; paling besar %(limit)s MB. Perkecil berkasnya.")
            % {"file": label, "size": format_number(size / MB, 1), "limit": limit // MB},
            code=UploadError.TOO_LARGE,
            field=field,
        )
    kind = sniff(upload)
    if kind is None or kind not in accept:
        found = str(LABELS[kind]) if kind else _("jenis yang tidak dikenal")
        raise DomainError(
            _(
                "%(file)s menurut isinya adalah %(found)s, bukan %(accepted)s (nama berkas tidak "
                "menentukan jenisnya). Unggah berkas %(accepted)s."
            )
            % {"file": label, "found": found, "accepted": describe(accept)},
            code=UploadError.WRONG_KIND,
            field=field,
        )
    if kind in ZIPPED:
        check_zip(upload, label=label, field=field)
    return kind


# The GIS reader picks its format from the file name; the content must agree with it.
GIS_FORMAT_KINDS = {
    "geojson": Kind.GEOJSON,
    "kml": Kind.KML,
    "csv": Kind.CSV,
    "gpkg": Kind.GPKG,
    "shp": Kind.SHAPEFILE,
}


def check_gis_upload(upload, *, fmt: str | None, field: str | None = None) -> Kind:
    """A GIS file checked by content (GIS kinds, the gis cap) and matched with the format its
    name announces (`core.geo.formats.format_of`)."""
    kind = check_upload(upload, accept=GIS, group="gis", field=field)
    expected = GIS_FORMAT_KINDS.get(fmt or "")
    if expected is not None and expected != kind:
        raise DomainError(
            _(
                "%(file)s menurut isinya adalah %(found)s, tetapi namanya berakhiran %(format)s. "
                "Perbaiki akhiran nama berkasnya (mis. %(suffix)s) atau unggah berkas yang benar."
            )
            % {
                "file": file_label(upload),
                "found": LABELS[kind],
                "format": fmt,
                "suffix": SUFFIXES[kind],
            },
            code=UploadError.WRONG_KIND,
            field=field,
        )
    return kind


TABLE_SUFFIX_KINDS = {".csv": Kind.CSV, ".xlsx": Kind.XLSX}


def check_table_upload(upload, *, group: str = "table", field: str | None = None) -> Kind:
    """A CSV or XLSX table (readers pick by the name's suffix, so the content must agree)."""
    kind = check_upload(upload, accept=TABLES, group=group, field=field)
    suffix = PurePath(str(upload.name or "")).suffix.lower()
    expected = TABLE_SUFFIX_KINDS.get(suffix)
    if expected is not None and expected != kind:
        raise DomainError(
            _(
                "%(file)s menurut isinya adalah %(found)s, tetapi namanya berakhiran %(suffix)s. "
                "Simpan ulang sebagai %(found)s dengan akhiran %(right)s."
            )
            % {
                "file": file_label(upload),
                "found": LABELS[kind],
                "suffix": suffix,
                "right": SUFFIXES[kind],
            },
            code=UploadError.WRONG_KIND,
            field=field,
        )
    return kind
