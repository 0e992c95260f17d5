"""The gap view as XLSX: one row per activity (with its plan and kawasan) and the region's
totals, then a sheet with the gap per plan and per kawasan; whole rupiah as numbers, so the
sheets add up the same as the page."""

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
    _groups_sheet(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GROUP_FIGURES = ("cost", "blm", "swadaya", "committed", "pledged", "funded", "gap", "over")


def _groups_sheet(workbook: Workbook, report: GapReport) -> None:
    """The gap per plan and per kawasan (the page's groups), one row each, same figures."""
    sheet = workbook.create_sheet(_("Per rencana dan kawasan"))
    sheet.append(
        [
            _("Kelompok"),
            _("Nama"),
            _("Kelurahan/desa"),
            _("Biaya (Rp)"),
            _("BLM (Rp)"),
            _("Swadaya (Rp)"),
            _("Komitmen mitra (Rp)"),
            _("Janji belum dikukuhkan (Rp)"),
            _("Terdanai (Rp)"),
            _("Celah (Rp)"),
            _("Kelebihan (Rp)"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for kind, groups in ((_("Rencana"), report.plans), (_("Kawasan"), report.kawasan)):
        for group in groups:
            sheet.append(
                [str(kind), group.label, group.village_id]
                + [group.totals.get(name, 0) for name in GROUP_FIGURES]
            )
    for column in "DEFGHIJK":
        for cell in sheet[column][1:]:
            cell.number_format = MONEY
        sheet.column_dimensions[column].width = 16
    sheet.column_dimensions["B"].width = 40
