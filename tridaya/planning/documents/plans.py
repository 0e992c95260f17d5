"""A plan version as documents: the RPLP / RTPLP as DOCX and PDF (chapters from the editable
outline, maps and charts drawn with matplotlib) and the investment plan with its RAB as XLSX,
rendered by the documents app from plain data. The RPLP chapters live here; the RTPLP's in
`rab.py`, the uji publik and signatures in `versions.py`."""

from __future__ import annotations

from typing import cast

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tridaya.core.dates import format_date_id
from tridaya.core.formats import format_number, format_percent, group_thousands
from tridaya.documents import figures
from tridaya.documents.plan_document import (
    Align,
    Bullets,
    Chapter,
    Image,
    Paragraphs,
    PlanDocument,
    Subheading,
    Table,
    plan_docx,
    plan_pdf,
)
from tridaya.documents.workbook import plan_workbook as render_workbook
from tridaya.planning.calc import FUNDING_SHORT, share
from tridaya.planning.documents import CLASS_COLORS, FORMATS, _domain, _empty, _paragraphs, rp
from tridaya.planning.documents.rab import (
    _activities,
    _attachments,
    _rab,
    _safeguards,
    _schedule,
    workbook_data,
)
from tridaya.planning.documents.versions import _public_test, _signers
from tridaya.planning.models import PlanKind, VersionState
from tridaya.planning.outlines import TEXT_PREFIX, active_outline, chapters_of
from tridaya.planning.selectors import plans as selectors
from tridaya.regions.selectors import attach_ancestors

# --- Blocks ----------------------------------------------------------------------------------


def _vision_mission(page) -> list:
    v = page.version
    return [
        Subheading(_("Visi")),
        Paragraphs(_paragraphs(v.vision)) if v.vision.strip() else _empty(),
        Subheading(_("Misi")),
        Bullets(v.mission_lines, numbered=True) if v.mission_lines else _empty(),
    ]


def _concept(page) -> list:
    text = page.version.concept
    return [Subheading(_("Konsep penataan")), Paragraphs(_paragraphs(text)) if text else _empty()]


def _programs(page) -> list:
    if page.is_rtplp:
        return _activities(page)
    rows = []
    for number, view in enumerate(page.programs, start=1):
        p = view.program
        rows.append(
            [
                str(number),
                _domain(p.domain),
                p.name,
                "; ".join(page.problem_names.get(x.id, x.title) for x in view.problems) or "-",
                str(view.households),
                str(view.poor_households),
                ", ".join(str(y) for y in view.years) or "-",
                rp(view.budget),
            ]
        )
    return [
        Table(
            [
                pgettext("nomor urut", "No"),
                _("Daya"),
                _("Program"),
                _("Masalah yang dijawab"),
                _("KK"),
                _("KK miskin"),
                _("Tahun"),
                _("Anggaran"),
            ],
            rows,
            title=_("Matriks program Tridaya"),
            widths=[0.8, 1.8, 3.4, 4.2, 1.1, 1.3, 1.8, 2.6],
            align=["center", "left", "left", "left", "right", "right", "center", "right"],
        )
    ]


def _phasing(page) -> list:
    years = page.version.years
    if page.is_rtplp:
        items = [(a.name, {a.year}) for a in page.activities]
    else:
        items = [(v.program.name, set(v.years)) for v in page.programs]
    rows = [[name, *("x" if y in active else "" for y in years)] for name, active in items]
    return [
        Table(
            [_("Program / kegiatan"), *[str(y) for y in years]],
            rows,
            title=_("Pentahapan lima tahun"),
            widths=[7.0, *[1.8] * len(years)],
            align=["left", *[cast(Align, "center")] * len(years)],
        )
    ]


def _summary(page) -> list:
    totals = page.totals
    domain_rows = [
        [label, rp(amount), format_percent(share(amount, totals.total))]
        for label, amount in totals.domain_rows()
    ]
    source_rows = [
        [label, rp(amount), format_percent(share(amount, totals.total))]
        for label, amount in totals.source_rows()
        if amount
    ]
    year_rows = [[str(y), rp(a)] for y, a in sorted(totals.by_year.items())]
    b = totals.beneficiaries
    return [
        Paragraphs(
            [
                _(
                    "Total rencana investasi %(total)s untuk %(people)s jiwa (%(women)s perempuan, "
                    "%(mbr)s MBR), %(households)s KK dan %(poor)s KK miskin."
                )
                % {
                    "total": rp(totals.total),
                    "people": b["people"],
                    "women": b["women"],
                    "mbr": b["mbr"],
                    "households": b["households"],
                    "poor": b["poor_households"],
                }
            ]
        ),
        Table(
            [_("Daya"), _("Jumlah"), _("Bagian")],
            domain_rows,
            title=_("Anggaran menurut daya"),
            footer=[[_("Jumlah"), rp(totals.total), "100%"]],
            widths=[6, 5, 3],
            align=["left", "right", "right"],
        ),
        Table(
            [_("Sumber dana"), _("Jumlah"), _("Bagian")],
            source_rows,
            title=_("Anggaran menurut sumber dana"),
            footer=[[_("Jumlah"), rp(totals.total), "100%"]],
            widths=[7, 5, 2.5],
            align=["left", "right", "right"],
        ),
        Table(
            [_("Tahun"), _("Jumlah")],
            year_rows,
            title=_("Anggaran menurut tahun"),
            widths=[4, 5],
            align=["center", "right"],
        ),
    ]


def _charts(page) -> list:
    totals = page.totals
    by_domain = totals.domain_rows()
    by_source = [(label, amount) for label, amount in totals.source_rows() if amount]
    return [
        Image(
            figures.bar_chart_png(
                [label for label, _a in by_domain],
                [a for _l, a in by_domain],
                axis_label=_("juta rupiah"),
                title=_("Anggaran menurut daya"),
            ),
            _("Grafik anggaran menurut daya Tridaya"),
            width_cm=14,
        ),
        Image(
            figures.bar_chart_png(
                [label for label, _a in by_source],
                [a for _l, a in by_source],
                axis_label=_("juta rupiah"),
                title=_("Anggaran menurut sumber dana"),
                horizontal=True,
                color="#1f78b4",
            ),
            _("Grafik anggaran menurut sumber dana"),
            width_cm=14,
        ),
    ]


def _funding_text(line) -> str:
    """'BLM 45.000.000; APBD kab./kota 18.750.000; Swadaya 7.500.000' (rupiah)."""
    return (
        "; ".join(f"{FUNDING_SHORT[s]} {group_thousands(a)}" for s, a in line.funding.items() if a)
        or "-"
    )


def _investment_plan(page) -> list:
    rows = []
    for number, line in enumerate(page.lines, start=1):
        cells = [
            str(number),
            str(line.year),
            line.domain,
            line.component + (f"\n{line.detail}" if line.detail else ""),
            line.location or "-",
            format_number(line.volume),
            line.unit,
            rp(line.unit_cost),
            rp(line.total),
            _funding_text(line),
            f"{line.people}/{line.women}/{line.mbr}/{line.households}/{line.poor_households}",
        ]
        rows.append(cells)
    footer = [["", "", "", _("Jumlah"), "", "", "", "", rp(page.totals.total), "", ""]]
    return [
        Table(
            [
                pgettext("nomor urut", "No"),
                _("Tahun"),
                _("Daya"),
                _("Komponen dan rincian"),
                _("Lokasi"),
                _("Vol."),
                _("Sat."),
                _("Biaya satuan"),
                _("Jumlah"),
                _("Sumber dana (Rp)"),
                _("Jiwa/P/MBR/KK/KK miskin"),
            ],
            rows,
            title=_("Rencana investasi"),
            footer=footer,
            widths=[0.8, 1.2, 1.0, 5.0, 2.6, 1.4, 1.1, 2.2, 2.4, 4.4, 2.6],
            align=[
                "center",
                "center",
                "center",
                "left",
                "left",
                "right",
                "center",
                "right",
                "right",
                "left",
                "center",
            ],
            landscape=True,
            font_size_pt=8,
        )
    ]


def _poverty(page) -> list:
    check = page.poverty
    unit = _("kegiatan") if page.is_rtplp else _("program")
    blocks: list = [
        Paragraphs(
            [
                _(
                    "%(share)s anggaran (%(poor)s dari %(total)s) untuk %(unit)s yang "
                    "menjangkau KK miskin."
                )
                % {
                    "share": check.budget_share_text,
                    "poor": rp(check.poor_budget),
                    "total": rp(check.total_budget),
                    "unit": unit,
                },
                _(
                    "%(n)s dari %(all)s %(unit)s (%(share)s) menjangkau KK miskin; seluruhnya "
                    "menjawab masalah %(households)s KK berbeda, di antaranya %(poor)s KK miskin "
                    "(KK miskin dijangkau, tanpa hitung ganda)."
                )
                % {
                    "n": check.programs_poor,
                    "all": check.programs_total,
                    "unit": unit,
                    "share": check.programs_share_text,
                    "households": check.households,
                    "poor": check.poor_households,
                },
            ]
        )
    ]
    blocks.append(Subheading(_("Masalah yang belum dijawab")))
    if check.problems_without_program:
        blocks.append(
            Bullets(
                [
                    _("%(title)s (%(poor)s KK miskin dari %(households)s KK)")
                    % {
                        "title": page.problem_names.get(p.id, p.title),
                        "poor": p.poor_households,
                        "households": p.households,
                    }
                    for p in check.problems_without_program
                ]
            )
        )
    else:
        blocks.append(Paragraphs([_("Semua masalah yang dipetakan sudah dijawab.")]))
    blocks.append(Subheading(_("Program / kegiatan tanpa masalah yang dijawab")))
    if check.programs_without_problem:
        blocks.append(Bullets([u.label for u in check.programs_without_problem]))
    else:
        blocks.append(Paragraphs([_("Setiap program / kegiatan menjawab masalah yang dipetakan.")]))
    return blocks


def _rules(page) -> list:
    lines = page.version.rule_lines
    return [Bullets(lines, numbered=True)] if lines else [_empty()]


def _env_social(page) -> list:
    text = page.version.env_social_notes
    return [Paragraphs(_paragraphs(text))] if text.strip() else [_empty()]


def map_images(page, features: dict | None = None) -> list[Image]:
    features = features or selectors.map_features(page)
    rts = features["rts"]
    classes = [f["properties"]["class"] for f in rts]
    present = [k for k in ("tidak", "ringan", "sedang", "berat") if k in classes]
    labels = {f["properties"]["class"]: f["properties"]["class_label"] for f in rts}
    legend = [(labels[k], CLASS_COLORS[k]) for k in present]
    if "" in classes:
        legend.append((_("Belum dinilai"), CLASS_COLORS[""]))
    slum = figures.map_png(
        [
            figures.MapLayer(
                _("RT"),
                [f["geometry"] for f in rts],
                colors=[CLASS_COLORS.get(k, "#d9d9d9") for k in classes],
                legend=legend,
                alpha=0.8,
            )
        ],
        title=_("Kelas kekumuhan RT"),
    )
    plan = figures.map_png(
        [
            figures.MapLayer(
                _("Batas RT"),
                [f["geometry"] for f in rts],
                color="#888888",
                fill=False,
                line_width=0.6,
            ),
            figures.MapLayer(
                _("Kawasan prioritas"),
                [f["geometry"] for f in features["areas"]],
                color="#e31a1c",
                fill=False,
                line_width=2.0,
            ),
            figures.MapLayer(
                _("Masalah"),
                [f["geometry"] for f in features["problems"]],
                color="#ff7f00",
                alpha=0.6,
            ),
            figures.MapLayer(
                _("Rencana kegiatan"),
                [f["geometry"] for f in features["works"]],
                color="#1f78b4",
                alpha=0.6,
                marker_size=40,
            ),
        ],
        title=_("Masalah, kawasan prioritas dan rencana kegiatan"),
    )
    return [
        Image(slum, _("Peta kelas kekumuhan RT %(village)s") % {"village": page.village}),
        Image(plan, _("Peta masalah, kawasan prioritas dan rencana kegiatan")),
    ]


BUILDERS = {
    "vision_mission": _vision_mission,
    "concept": _concept,
    "programs": _programs,
    "phasing": _phasing,
    "investment_summary": _summary,
    "charts": _charts,
    "investment_plan": _investment_plan,
    "poverty_check": _poverty,
    "community_rules": _rules,
    "env_social": _env_social,
    "activities": _activities,
    "rab": _rab,
    "schedule": _schedule,
    "safeguards": _safeguards,
    "public_test": _public_test,
    "attachments": _attachments,
}


# --- Document --------------------------------------------------------------------------------


def plan_document(page, features: dict | None = None) -> PlanDocument:
    """The document of a version, its chapters following the active outline of its kind."""
    village, version, plan = page.village, page.version, page.plan
    if not getattr(village, "ancestors", None):
        attach_ancestors([village])
    province, regency, district = (str(a) for a in village.ancestors)
    outline = page.outline or active_outline(plan.kind)
    chapters = []
    maps_cache: list[Image] = []
    for chapter in chapters_of(outline.chapters):
        blocks: list = []
        for block in chapter.blocks:
            if block.startswith(TEXT_PREFIX):
                text = version.sections.get(block[len(TEXT_PREFIX) :], "")
                blocks.append(Paragraphs(_paragraphs(text)) if text.strip() else _empty())
            elif block == "maps":
                maps_cache = maps_cache or map_images(page, features)
                blocks.extend(maps_cache)
            else:
                blocks.extend(BUILDERS[block](page))
        chapters.append(Chapter(chapter.title, blocks, chapter.key))
    legalised = version.state in (VersionState.LEGALISED, VersionState.SUPERSEDED)
    state = version.get_state_display()
    if legalised and version.legalised_on:
        label = _("Versi %(n)s · disahkan %(date)s") % {
            "n": version.number,
            "date": format_date_id(version.legalised_on),
        }
    else:
        label = _("Versi %(n)s · %(state)s") % {"n": version.number, "state": state}
    is_rplp = plan.kind == PlanKind.RPLP
    return PlanDocument(
        document_title=_("RENCANA PENATAAN LINGKUNGAN PERMUKIMAN (RPLP)")
        if is_rplp
        else _("RENCANA TINDAK PENATAAN LINGKUNGAN PERMUKIMAN (RTPLP)"),
        plan_title=plan.title,
        village_kind_and_name=str(village),
        district=district,
        regency=regency,
        province=province,
        period=f"{version.years[0]}-{version.years[-1]}",
        version_label=label,
        issued_on=version.legalised_on or timezone.localdate(),
        chapters=chapters,
        signers=_signers(page),
        signing_place=village.name,
        organisation=_("Tim Inti Perencanaan Partisipatif (TIPP) dan BKM %(village)s")
        % {"village": village.name},
        approval_text=_(
            "%(title)s ini telah diuji publik, disepakati warga, dan disahkan oleh BKM, "
            "%(head)s, serta Pokja Teknis / Bappeda."
        )
        % {"title": plan.title, "head": village.head_title},
        draft_mark="" if legalised else _("DRAF: BELUM DISAHKAN"),
        outline_name=str(outline),
    )


def plan_file(page, fmt: str) -> tuple[bytes, str]:
    if fmt == "xlsx":
        return render_workbook(workbook_data(page)), FORMATS[fmt]
    doc = plan_document(page)
    content = plan_pdf(doc) if fmt == "pdf" else plan_docx(doc)
    return content, FORMATS[fmt]


def plan_filename(page, fmt: str) -> str:
    return document_filename(page.plan, page.version, fmt)


def document_filename(plan, version, fmt: str) -> str:
    return f"{slugify(plan.title)}-v{version.number}.{fmt}"
