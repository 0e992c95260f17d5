"""Chapters of a plan version's uji publik and its signature page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tridaya.core.dates import format_date_id
from tridaya.documents.plan_document import (
    Paragraphs,
    Signer,
    Table,
)
from tridaya.planning.models import SignatoryKind


def _public_test(page) -> list:
    meeting = page.version.public_test_meeting
    blocks: list = []
    if meeting is None:
        blocks.append(Paragraphs([_("Uji publik belum dilaksanakan.")]))
    else:
        blocks.append(
            Paragraphs(
                [
                    _(
                        "Uji publik dilaksanakan pada %(date)s di %(place)s, dihadiri "
                        "%(total)s orang (%(women)s perempuan, %(poor)s warga miskin)."
                    )
                    % {
                        "date": format_date_id(meeting.held_on),
                        "place": meeting.place,
                        "total": meeting.total,
                        "women": meeting.women,
                        "poor": meeting.poor,
                    }
                ]
            )
        )
    if page.feedback:
        blocks.append(
            Table(
                [
                    pgettext("nomor urut", "No"),
                    _("Disampaikan oleh"),
                    _("Masukan"),
                    _("Jawaban / tindak lanjut"),
                ],
                [[str(f.number), f.raised_by, f.point, f.answer or "-"] for f in page.feedback],
                title=_("Masukan warga dan jawabannya"),
                widths=[0.8, 3.2, 6, 6],
            )
        )
    if page.signoffs:
        blocks.append(
            Table(
                [_("Atas nama"), _("Nama"), _("Tanggal")],
                [
                    [str(s.get_kind_display()), s.signer_name, format_date_id(s.signed_on)]
                    for s in page.signoffs
                ],
                title=_("Pengesahan"),
                widths=[5, 6, 4],
            )
        )
    return blocks


def _signers(page) -> list[Signer]:
    village = page.village
    titles = {
        SignatoryKind.BKM: _("Koordinator BKM"),
        SignatoryKind.LURAH: _("Mengetahui,\n%(head)s %(village)s")
        % {
            "head": village.head_title,
            "village": village.name,
        },
        SignatoryKind.POKJA: _("Menyetujui,\nPokja Teknis / Bappeda"),
    }
    signed = {s.kind: s for s in page.signoffs}
    return [
        Signer(
            role_title=str(title),
            name=signed[k].signer_name if k in signed else "",
            position=signed[k].position if k in signed else "",
        )
        for k, title in titles.items()
    ]
