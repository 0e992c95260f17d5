"""Files of the works: the reports of a package as XLSX, the BAST as DOCX and PDF."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from tridaya.documents import docx as doc
from tridaya.documents.signers import Signer


def reports_xlsx(package, reports) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Laporan")[:31]
    sheet.append([_("Laporan lapangan %(name)s") % {"name": package.name}])
    header = [
        _("Tanggal"),
        _("Jenis"),
        _("Pekerja L"),
        _("Pekerja P"),
        _("Pekerja MBR"),
        _("HOK"),
        _("Nilai per HOK (Rp)"),
        _("Upah dibayar"),
        _("Bahan datang"),
        _("Cuaca"),
        _("Kendala"),
    ]
    sheet.append(header)
    for r in reports:
        sheet.append(
            [
                r.date,
                r.get_kind_display(),
                r.workers_men,
                r.workers_women,
                r.workers_mbr,
                r.hok_days,
                r.hok_rate,
                _("ya") if r.paid else _("tidak"),
                r.materials,
                r.weather,
                r.obstacles,
            ]
        )
    last = sheet.max_row
    sheet.append(
        [
            _("Jumlah"),
            "",
            f"=SUM(C3:C{last})",
            f"=SUM(D3:D{last})",
            f"=SUM(E3:E{last})",
            f"=SUM(F3:F{last})",
        ]
    )
    for row in sheet.iter_rows(min_row=3, max_row=last, max_col=1):
        row[0].number_format = "DD-MM-YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bast_lines(package, handover, asset) -> list[tuple[str, str]]:
    from tridaya.core.formats import format_number, format_rupiah

    return [
        (_("Nomor BAST"), handover.number),
        (_("Tanggal"), handover.date.strftime("%d-%m-%Y")),
        (_("Pekerjaan"), package.name),
        (_("Dibangun oleh"), package.builder),
        (_("Volume"), f"{format_number(asset.volume)} {asset.unit}"),
        (_("Nilai aset"), format_rupiah(asset.value)),
        (_("Umur rencana"), _("%(n)s tahun") % {"n": asset.design_life_years}),
        (
            _("Penerima manfaat"),
            _("%(people)s jiwa, %(kk)s KK") % {"people": asset.people, "kk": asset.households},
        ),
        (_("Diserahkan kepada"), handover.recipient_name),
    ]


def bast_signers(package, handover) -> list[Signer]:
    return [
        Signer(_("Yang menyerahkan,\n%(builder)s") % {"builder": package.builder}, ""),
        Signer(_("Yang menerima,\n%(who)s") % {"who": handover.recipient_name}, ""),
    ]


def bast_docx(package, handover, asset) -> bytes:
    document = doc.new_document()
    doc.add_heading_block(
        document,
        [_("BERITA ACARA SERAH TERIMA ASET"), _("Nomor: %(n)s") % {"n": handover.number}],
    )
    doc.add_paragraph(
        document,
        _(
            "Pada tanggal %(date)s di %(village)s telah diserahterimakan hasil pekerjaan berikut "
            "untuk dimanfaatkan dan dipelihara."
        )
        % {"date": handover.date.strftime("%d-%m-%Y"), "village": package.village.name},
    )
    doc.add_table(document, [_("Uraian"), _("Isi")], bast_lines(package, handover, asset), [5, 11])
    doc.add_signature_blocks(document, bast_signers(package, handover), per_row=2)
    return doc.to_bytes(document)


def bast_pdf(package, handover, asset) -> bytes:
    from tridaya.documents.pdf import render_pdf
    from tridaya.documents.signers import signature_rows

    return render_pdf(
        "works/bast_print.html",
        {
            "package": package,
            "handover": handover,
            "lines": bast_lines(package, handover, asset),
            "signature_rows": signature_rows(bast_signers(package, handover), per_row=2),
        },
    )
