"""Chapters of an RTPLP about its activities (location, RAB, schedule, safeguards, attachments) and
the XLSX workbook of the investment plan with its RAB."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tridaya.core.dates import format_date_id
from tridaya.core.formats import format_number
from tridaya.documents.plan_document import (
    Bullets,
    Paragraphs,
    Table,
)
from tridaya.documents.workbook import InvestmentLine, PlanWorkbook, RABBlock, RABLine
from tridaya.planning.calc import FundingSource
from tridaya.planning.documents import _domain, rp
from tridaya.planning.selectors import kawasan


def _activities(page) -> list:
    rows = []
    for number, a in enumerate(page.activities, start=1):
        rows.append(
            [
                str(number),
                a.name,
                _domain(a.domain),
                a.location or (kawasan.rt_label(a.rt) if a.rt else "-"),
                f"{format_number(a.volume)} {a.unit}",
                "; ".join(page.problem_names.get(p.id, p.title) for p in a.problems.all()) or "-",
                str(a.poor_households),
                rp(a.rab_total),
            ]
        )
    return [
        Table(
            [
                pgettext("nomor urut", "No"),
                _("Kegiatan"),
                _("Daya"),
                _("Lokasi"),
                _("Volume"),
                _("Masalah yang dijawab"),
                _("KK miskin"),
                _("Total RAB"),
            ],
            rows,
            title=_("Daftar kegiatan"),
            footer=[["", _("Jumlah"), "", "", "", "", "", rp(page.totals.total)]],
            widths=[0.8, 3.6, 1.6, 2.4, 1.8, 3.4, 1.3, 2.6],
            align=["center", "left", "left", "left", "right", "left", "right", "right"],
        )
    ]


def _rab(page) -> list:
    blocks: list = []
    for a in page.activities:
        rows = [
            [
                str(n),
                i.code or "-",
                i.description,
                format_number(i.volume),
                i.unit,
                rp(i.unit_price),
                rp(i.amount),
            ]
            for n, i in enumerate(a.rab_items.all(), start=1)
        ]
        blocks.append(
            Table(
                [
                    pgettext("nomor urut", "No"),
                    _("Kode"),
                    _("Uraian pekerjaan"),
                    _("Volume"),
                    _("Satuan"),
                    _("Harga satuan"),
                    _("Jumlah"),
                ],
                rows,
                title=_("RAB: %(activity)s") % {"activity": a.name},
                footer=[["", "", _("Jumlah"), "", "", "", rp(a.rab_total)]],
                widths=[0.8, 1.6, 5.6, 1.6, 1.3, 2.6, 2.9],
                align=["center", "left", "left", "right", "center", "right", "right"],
            )
        )
    blocks.append(
        Paragraphs([_("Total RAB seluruh kegiatan: %(total)s.") % {"total": rp(page.totals.total)}])
    )
    return blocks


def _schedule(page) -> list:
    rows = [
        [
            a.name,
            str(a.year),
            format_date_id(a.starts_on) if a.starts_on else "-",
            format_date_id(a.ends_on) if a.ends_on else "-",
        ]
        for a in page.activities
    ]
    return [
        Table(
            [_("Kegiatan"), _("Tahun"), _("Mulai"), _("Selesai")],
            rows,
            title=_("Jadwal pelaksanaan"),
            widths=[7, 1.8, 3.5, 3.5],
        )
    ]


def _safeguards(page) -> list:
    rows = [
        [str(item.question), answer or "-", note or "-"] for item, answer, note in page.safeguards
    ]
    return [
        Table(
            [_("Pertanyaan"), _("Jawaban"), _("Catatan")],
            rows,
            title=_("Daftar periksa pengaman"),
            widths=[9, 2.4, 4.6],
        )
    ]


def _attachments(page) -> list:
    rows = []
    for a in page.activities:
        for attachment in a.attachments.all():
            rows.append([a.name, str(attachment.get_kind_display()), attachment.title])
    items = [
        _("Peta kelas kekumuhan RT"),
        _("Peta masalah, kawasan prioritas dan rencana kegiatan"),
        _("Tabel rencana investasi (XLSX, dengan rumus)"),
    ]
    if page.version.public_test_meeting:
        items.append(_("Berita acara uji publik"))
    blocks: list = [Bullets(items)]
    if rows:
        blocks.append(
            Table(
                [_("Kegiatan"), _("Jenis"), _("Judul")],
                rows,
                title=_("Lampiran kegiatan (DED, RKS dan lainnya)"),
                widths=[5, 4.5, 6.5],
            )
        )
    return blocks


def workbook_data(page) -> PlanWorkbook:
    lines = [
        InvestmentLine(
            year=line.year,
            domain=line.domain,
            component=line.component,
            detail=line.detail,
            location=line.location,
            quantity=line.quantity,
            volume=line.volume,
            unit=line.unit,
            unit_cost=line.unit_cost,
            funding=line.funding_list,
            beneficiaries=[
                line.people,
                line.women,
                line.mbr,
                line.households,
                line.poor_households,
            ],
            rab_key=f"activity-{line.activity_id}" if line.activity_id else "",
        )
        for line in page.lines
    ]
    rab = [
        RABBlock(
            key=f"activity-{a.pk}",
            title=a.name,
            lines=[
                RABLine(i.code, i.description, i.volume, i.unit, i.unit_price)
                for i in a.rab_items.all()
            ],
        )
        for a in page.activities
    ]
    return PlanWorkbook(
        title=f"{page.plan.title} · {_('versi')} {page.version.number}",
        source_labels=[str(s.label) for s in FundingSource],
        lines=lines,
        rab=rab,
    )
