"""Spreadsheets (XLSX, openpyxl): one training's participants, attendance and scores; and the
roll-up of a kecamatan, regency or province. Numbers are written as numbers (scores with one
decimal, rupiah as whole numbers with thousands grouping) so offices can compute with them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tridaya.training.models import Certificate, FollowUpAction, group_label
from tridaya.training.selectors.results import Outcomes
from tridaya.training.selectors.trainings import Rollup

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH = "#,##0"
SCORE = "0.0"


def _sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    formats: dict[int, str] | None = None,
    first: bool = False,
) -> Worksheet:
    sheet = workbook.active if first else workbook.create_sheet()
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for index, label in enumerate(header, start=1):
        values = [label, *(row[index - 1] for row in rows if len(row) >= index)]
        width = min(max(len(str(v)) for v in values if v is not None) + 2, 60)
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 6)
        fmt = (formats or {}).get(index)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    return sheet


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _yes(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def _participants_sheet(workbook: Workbook, outcomes: Outcomes, valid: dict[int, str]) -> None:
    header = [
        pgettext("nomor urut", "No"),
        _("Nama"),
        _("Unsur"),
        _("Jabatan / asal"),
        _("Asal kelurahan/desa"),
        _("L/P"),
        _("Warga miskin"),
        _("Sesi dihadiri"),
        _("Jumlah sesi"),
        _("Kehadiran lengkap"),
    ]
    for module in outcomes.modules:
        header += [
            _("%(module)s: pre") % {"module": module.title},
            _("%(module)s: post") % {"module": module.title},
            _("%(module)s: kenaikan") % {"module": module.title},
        ]
    header += [_("Rata-rata pre"), _("Rata-rata post"), _("Rata-rata kenaikan"), _("Sertifikat")]
    rows = []
    for number, (participant, outcome) in enumerate(outcomes.rows(), start=1):
        row: list[Any] = [
            number,
            participant.name,
            participant.group_label,
            participant.position,
            str(participant.village) if participant.village else "",
            participant.sex,
            _yes(participant.is_poor),
            outcome.attended,
            outcome.sessions,
            _yes(outcome.attendance_ok),
        ]
        for module in outcomes.modules:
            result = outcome.modules[module.pk]
            row += [result.pre, result.post, result.gain]
        row += [outcome.avg_pre, outcome.avg_post, outcome.avg_gain, valid.get(participant.pk, "")]
        rows.append(row)
    score_columns = range(11, len(header))
    _sheet(
        workbook,
        _("Peserta"),
        header,
        rows,
        formats=dict.fromkeys(score_columns, SCORE),
        first=True,
    )


def _module_sheet(workbook: Workbook, outcomes: Outcomes) -> None:
    summaries = outcomes.module_summaries
    _sheet(
        workbook,
        _("Nilai per modul"),
        [
            _("Modul"),
            _("JPL"),
            _("Peserta dengan pre dan post"),
            _("Rata-rata pre"),
            _("Rata-rata post"),
            _("Rata-rata kenaikan"),
            _("Lulus post-test"),
            _("Ikut post-test"),
        ],
        [
            [
                m.title,
                m.jpl,
                summaries[m.pk].n,
                summaries[m.pk].avg_pre,
                summaries[m.pk].avg_post,
                summaries[m.pk].avg_gain,
                summaries[m.pk].passed,
                summaries[m.pk].post_taken,
            ]
            for m in outcomes.modules
        ],
        formats={4: SCORE, 5: SCORE, 6: SCORE},
    )


def _group_sheet(workbook: Workbook, outcomes: Outcomes) -> None:
    _sheet(
        workbook,
        _("Nilai per unsur"),
        [
            _("Unsur"),
            _("Peserta dengan pre dan post"),
            _("Rata-rata pre"),
            _("Rata-rata post"),
            _("Rata-rata kenaikan"),
        ],
        [
            [group_label(g), s.n, s.avg_pre, s.avg_post, s.avg_gain]
            for g, s in outcomes.group_summaries
        ],
        formats={3: SCORE, 4: SCORE, 5: SCORE},
    )


def _sessions_sheet(workbook: Workbook, outcomes: Outcomes) -> None:
    present_count = {s.pk: 0 for s in outcomes.sessions}
    for sessions in outcomes.present.values():
        for session_id in sessions:
            if session_id in present_count:
                present_count[session_id] += 1
    _sheet(
        workbook,
        _("Sesi"),
        [pgettext("nomor urut", "No"), _("Tanggal"), _("Jam"), _("Sesi"), _("Pelatih"), _("Hadir")],
        [
            [
                n,
                s.date,
                f"{s.start_time:%H.%M}-{s.end_time:%H.%M}" if s.start_time and s.end_time else "",
                s.display_title,
                s.trainers,
                present_count[s.pk] if s.attendance_recorded_at else None,
            ]
            for n, s in enumerate(outcomes.sessions, start=1)
        ],
        formats={2: "DD/MM/YYYY"},
    )


def training_xlsx(
    outcomes: Outcomes, follow_ups: list[FollowUpAction], certificates: list[Certificate]
) -> bytes:
    """A training's participants (attendance, scores, certificate), its scores per module and
    per group, its sessions and its follow-up plan, one sheet each."""
    workbook = Workbook()
    valid = {c.participant_id: c.number for c in certificates if c.is_valid}
    _participants_sheet(workbook, outcomes, valid)
    _module_sheet(workbook, outcomes)
    _group_sheet(workbook, outcomes)
    _sessions_sheet(workbook, outcomes)
    _sheet(
        workbook,
        _("RKTL"),
        [_("Kegiatan"), _("Penanggung jawab"), _("Batas waktu"), _("Status"), _("Catatan")],
        [[f.action, f.owner, f.due_on, f.get_status_display(), f.note] for f in follow_ups],
        formats={3: "DD/MM/YYYY"},
    )
    workbook.properties.title = outcomes.training.title
    return _bytes(workbook)


def _summary_sheet(workbook: Workbook, rollup: Rollup) -> None:
    region = rollup.region
    summary: list[list[Any]] = [
        [_("Wilayah"), f"{region} ({region.code})"],
        [_("Pelatihan selesai"), rollup.held],
        [_("Pelatihan direncanakan / berjalan"), rollup.planned],
        [_("Sesi dalam pelatihan selesai"), rollup.sessions],
        [_("JPL modul dalam pelatihan selesai"), rollup.jpl],
        [_("Orang dilatih"), rollup.people.total],
        [_("Laki-laki"), rollup.people.men],
        [_("Perempuan"), rollup.people.women],
        [_("Warga miskin"), rollup.people.poor],
        [_("Menyelesaikan pelatihan"), rollup.people.completed],
        [_("Rata-rata kenaikan nilai (poin)"), rollup.overall.avg_gain],
        [_("Biaya dari program (Rp)"), rollup.cost_program],
        [_("Biaya swadaya (Rp)"), rollup.cost_swadaya],
        [_("Desa program dengan kesenjangan modul inti"), len(rollup.villages_with_gaps)],
    ]
    sheet = _sheet(workbook, _("Ringkasan"), [_("Uraian"), _("Nilai")], summary, first=True)
    for row in (13, 14):
        sheet.cell(row=row, column=2).number_format = RUPIAH
    sheet.cell(row=12, column=2).number_format = SCORE


def _training_row(t: Any) -> list[Any]:
    """A training with the counts `selectors.trainings.annotated` adds to it."""
    return [
        t.title,
        str(t.region),
        t.region_id,
        t.starts_on,
        t.ends_on,
        t.get_status_display(),
        t.men,
        t.women,
        t.poor,
        t.session_count,
        t.cost_program,
        t.cost_swadaya,
    ]


def _trainings_sheet(workbook: Workbook, rollup: Rollup) -> None:
    _sheet(
        workbook,
        _("Pelatihan"),
        [
            _("Judul"),
            _("Wilayah"),
            _("Kode wilayah"),
            _("Mulai"),
            _("Selesai"),
            _("Status"),
            _("Laki-laki"),
            _("Perempuan"),
            _("Warga miskin"),
            _("Sesi"),
            _("Biaya program (Rp)"),
            _("Biaya swadaya (Rp)"),
        ],
        [_training_row(t) for t in rollup.trainings],
        formats={4: "DD/MM/YYYY", 5: "DD/MM/YYYY", 11: RUPIAH, 12: RUPIAH},
    )


def _gains_sheets(workbook: Workbook, rollup: Rollup) -> None:
    _sheet(
        workbook,
        _("Orang dilatih per unsur"),
        [
            _("Unsur"),
            _("Laki-laki"),
            _("Perempuan"),
            _("Jumlah"),
            _("Warga miskin"),
            _("Menyelesaikan"),
        ],
        [[g.label, g.men, g.women, g.total, g.poor, g.completed] for g in rollup.groups],
    )
    gains: list[list[Any]] = [
        [_("Modul"), title, s.n, s.avg_pre, s.avg_post, s.avg_gain]
        for _code, title, s in rollup.module_gains
    ] + [
        [_("Unsur"), group_label(g), s.n, s.avg_pre, s.avg_post, s.avg_gain]
        for g, s in rollup.group_gains
    ]
    _sheet(
        workbook,
        _("Kenaikan nilai"),
        [
            _("Menurut"),
            _("Nama"),
            _("Peserta dengan pre dan post"),
            _("Rata-rata pre"),
            _("Rata-rata post"),
            _("Rata-rata kenaikan"),
        ],
        gains,
        formats={4: SCORE, 5: SCORE, 6: SCORE},
    )


def _villages_sheet(workbook: Workbook, rollup: Rollup) -> None:
    _sheet(
        workbook,
        _("Desa dan kesenjangan"),
        [
            _("Kelurahan/desa"),
            _("Kode"),
            _("Orang yang menyelesaikan modul"),
            _("Kesenjangan modul inti"),
            _("Kesenjangan lain"),
            _("Uraian kesenjangan modul inti"),
        ],
        [
            [
                str(v.village),
                v.village.code,
                v.trained,
                len(v.core_gaps),
                len(v.gaps) - len(v.core_gaps),
                " ".join(g.message for g in v.core_gaps),
            ]
            for v in rollup.villages
        ],
    )


def rollup_xlsx(rollup: Rollup) -> bytes:
    """A region's roll-up: the summary, its trainings, people trained per group, gains per
    module and per group, and the villages with their gaps, one sheet each."""
    workbook = Workbook()
    _summary_sheet(workbook, rollup)
    _trainings_sheet(workbook, rollup)
    _gains_sheets(workbook, rollup)
    _villages_sheet(workbook, rollup)
    workbook.properties.title = str(rollup.region)
    return _bytes(workbook)
