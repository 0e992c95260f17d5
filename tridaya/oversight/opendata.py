"""Open data: the public figures of a village and of the list of villages of a region as CSV and
JSON, with the licence, the source and the time they were generated. Only what the public pages
show (aggregates, names of places and things), never personal data.

CSV layout, chosen for spreadsheet users: UTF-8 with a byte order mark (so Excel reads Indonesian
text right), comma-separated, whole rupiah without grouping, one leading row holding the licence,
source and generation time in its first cell (starting with "#", so `pandas.read_csv(...,
comment="#")` skips it), then the header row. The licence is also in the HTTP `Link` header
(rel="license"). JSON: `licence`, `source`, `generated` and `as_of` keys around the rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.oversight.public import (
    PublicPage,
    VillageHeadline,
    village_headlines,
    villages_under,
)
from tridaya.oversight.selectors import ComplaintCounts, ComplaintStats, complaint_stats
from tridaya.regions.models import Level, Region

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CHUNK = 500  # villages read per round of the owners' selectors (bounded query parameters)

# The columns of the list of villages, in the order of the page (stable keys: not translated).
VILLAGE_COLUMNS = (
    "kode",
    "desa",
    "kecamatan",
    "alokasi_blm",
    "dana_diterima",
    "dibelanjakan",
    "kemajuan_fisik_persen",
    "paket",
    "pengaduan_terbuka",
)
COUNT_KEYS = ("received", "open", "overdue", "resolved", "rejected", "median_days")


def progress_figure(progress: Decimal | None) -> str | None:
    """Physical progress as the page shows it: one decimal, rounded half up ("." decimal)."""
    if progress is None:
        return None
    return str(Decimal(progress).quantize(Decimal("0.1"), ROUND_HALF_UP))


def village_record(row: VillageHeadline) -> dict:
    return {
        "kode": row.village.code,
        "desa": row.village.name,
        "kecamatan": row.district,
        "alokasi_blm": row.allocated,
        "dana_diterima": row.received,
        "dibelanjakan": row.spent,
        "kemajuan_fisik_persen": progress_figure(row.progress),
        "paket": row.packages,
        "pengaduan_terbuka": row.open_complaints,
    }


def village_records(region: Region, as_of: dt.date) -> list[dict]:
    """Every village under `region` (not one page of the list) with the list's headline figures,
    from the same selector as the page (`village_headlines`), CHUNK villages at a time."""
    villages = list(villages_under(region))
    if region.level < Level.DISTRICT:
        from tridaya.regions.selectors import attach_ancestors

        attach_ancestors(villages)
    records = []
    for start in range(0, len(villages), CHUNK):
        chunk = villages[start : start + CHUNK]
        records += [village_record(row) for row in village_headlines(chunk, as_of=as_of)]
    return records


def counts_record(counts: ComplaintCounts) -> dict:
    return {key: getattr(counts, key) for key in COUNT_KEYS}


def stats_record(stats: ComplaintStats) -> dict:
    """The complaint statistics with their breakdowns by class, scope and field (counts only)."""
    return {
        **counts_record(stats),
        **{
            key: [
                {"key": row.key, "label": str(row.label), **counts_record(row.counts)}
                for row in rows
            ]
            for key, _title, rows in stats.breakdowns
        },
    }


def stats_rows(stats: ComplaintStats) -> list[tuple[str, str, str]]:
    """(section, item, value) rows of the complaint statistics for the village download."""
    rows = [("pengaduan", key, _value(getattr(stats, key))) for key in COUNT_KEYS]
    for name, _title, breakdown in stats.breakdowns:
        for row in breakdown:
            rows += [
                (f"pengaduan_{name}", f"{row.key} / {key}", _value(getattr(row.counts, key)))
                for key in COUNT_KEYS
            ]
    return rows


def public_rows(page: PublicPage) -> list[tuple[str, str, str]]:
    """(section, item, value) rows of the page for CSV/JSON: whole rupiah, no personal data."""
    rows = [("alokasi", f"{a['year']} {a['program']}", str(a["amount"])) for a in page.allocations]
    rows += [
        ("uang", key, str(getattr(page, key)))
        for key in ("received", "released_to_ksm", "spent", "swadaya", "returned", "cash_and_bank")
    ]
    rows += [("biaya", e["name"], str(e["amount"])) for e in page.expenses]
    for p in page.packages:
        rows += [
            ("paket", f"{p['name']} / {key}", str(p[key]))
            for key in ("status", "value", "progress", "released", "spent")
        ]
    for c in page.commitments:
        for key in ("committed", "realised"):
            rows.append(("komitmen", f"{c['source']} / {key}", str(c[key])))
    rows += [("lpj", f"{lpj['year']} tahap {lpj['tranche']}", lpj["status"]) for lpj in page.lpjs]
    rows += [("audit", str(a["year"]), a["opinion"]) for a in page.audits]
    rows += stats_rows(page.complaints)
    rows += [("jawaban", a["tracking_code"], a["public_answer"]) for a in page.answers]
    return rows


def _value(value) -> str:
    return "" if value is None else str(value)


def source_line(place: str) -> str:
    return _("Tridaya: buku kas BKM, laporan pekerjaan dan pengaduan masyarakat, %(place)s") % {
        "place": place
    }


def meta(place: str, as_of: dt.date) -> dict:
    return {
        "licence": LICENCE,
        "source": source_line(place),
        "generated": timezone.localtime().isoformat(timespec="seconds"),
        "as_of": as_of.isoformat(),
    }


def csv_response(
    info: dict, header: Sequence[str], rows: Iterable[Sequence], filename: str
) -> HttpResponse:
    line = _("Lisensi: %(licence)s. Sumber: %(source)s. Dibuat: %(generated)s.") % {
        k: info[k] for k in ("licence", "source", "generated")
    }
    out = io.StringIO()
    # One unquoted cell: no separator, quote or line break in it (so "#" starts the line).
    out.write("# " + re.sub(r'[,"\r\n]+', ";", line) + "\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_value(v) for v in row] for row in rows)
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    return _attach(response, filename)


def json_response(body: dict, filename: str) -> HttpResponse:
    text = json.dumps(body, ensure_ascii=False, indent=1)
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    return _attach(response, filename)


def _attach(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def villages_download(region: Region, fmt: str) -> HttpResponse:
    """The list of villages of `region` as CSV or JSON (JSON adds the region's complaint
    statistics with their breakdowns, the figures the list shows above the villages)."""
    as_of = timezone.localdate()
    records = village_records(region, as_of)
    info = meta(f"{region.name} ({region.code})", as_of)
    filename = f"desa-publik-{region.code}-{as_of:%Y%m%d}.{fmt}"
    if fmt == "csv":
        rows = ([r[c] for c in VILLAGE_COLUMNS] for r in records)
        return csv_response(info, VILLAGE_COLUMNS, rows, filename)
    body = {
        **info,
        "region": {"code": region.code, "name": region.name},
        "complaints": stats_record(complaint_stats(region.code)),
        "columns": list(VILLAGE_COLUMNS),
        "villages": records,
    }
    return json_response(body, filename)


def village_download(page: PublicPage, fmt: str) -> HttpResponse:
    """The village public page's figures as (section, item, value) rows, CSV or JSON."""
    village = page.village
    info = meta(f"{village.name} ({village.code})", page.as_of)
    rows = public_rows(page)
    filename = f"publik-{village.code}-{page.as_of:%Y%m%d}.{fmt}"
    if fmt == "csv":
        return csv_response(info, ("bagian", "butir", "nilai"), rows, filename)
    body = {
        **info,
        "village": {"code": village.code, "name": village.name},
        "rows": [{"section": s, "item": i, "value": v} for s, i, v in rows],
    }
    return json_response(body, filename)
