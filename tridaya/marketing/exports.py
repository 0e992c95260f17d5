"""The gap view as XLSX: one row per activity (with its plan and kawasan), then totals per plan
and for the region; whole rupiah as numbers, so the sheet adds up the same as the page."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tridaya.marketing.selectors import GapReport

MONEY = "#,##0"


def gaps_workbook(report: GapReport, region_name: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Celah pendanaan")
    sheet.append([_("Celah pendanaan %(region)s") % {"region": region_name}])
    sheet["A1"].font = Font(bold=True, size=12)
    header = [
        _("Kelurahan/desa"),
        _("Rencana"),
        _("Kawasan"),
        _("Kegiatan"),
        _("Daya"),
        _("Tahun"),
        _("Biaya (Rp)"),
        _("BLM (Rp)"),
        _("Swadaya (Rp)"),
        _("Komitmen mitra (Rp)"),
        _("Janji belum dikukuhkan (Rp)"),
        _("Terdanai (Rp)"),
        _("Celah (Rp)"),
        _("Kelebihan (Rp)"),
        _("Status"),
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in report.rows:
        t, money = row.target, row.funding
        status = _("Dirinci di RTPLP") if t.detailed else row.status_label
        sheet.append(
            [
                t.village_id,
                t.plan_title,
                t.kawasan_name,
                t.name,
                t.domain,
                t.year,
                money.cost,
                money.blm,
                money.swadaya,
                money.committed,
                money.pledged,
                money.funded,
                money.gap,
                money.over,
                str(status),
            ]
        )
    totals = report.totals
    sheet.append(
        [
            _("Jumlah"),
            "",
            "",
            "",
            "",
            "",
            totals["cost"],
            totals["blm"],
            totals["swadaya"],
            totals["committed"],
            totals["pledged"],
            totals["funded"],
            totals["gap"],
            totals["over"],
            "",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in "GHIJKLMN":
        for cell in sheet[column][2:]:
            cell.number_format = MONEY
        sheet.column_dimensions[column].width = 16
    sheet.column_dimensions["D"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
