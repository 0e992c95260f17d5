"""The prospectus of a legalised plan, built from the plan (planning's selectors), the slum and
poverty picture (mapping's selectors, counts only) and the funding gaps (this app's one gap
selector): the village's vision, the picture, a map, and every activity still short of money with
its cost, location, beneficiaries, the photos of the problems it answers, and its Tridaya domain.

It names nobody: no household head, no NIK, no contact person. Photos are re-encoded as small PNGs,
which also drops their EXIF (time and GPS of the camera). A partner-facing summary keeps only the
activities of one Tridaya domain or one sector (e.g. water for the PDAM)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.choices import Sector, TridayaDomain
from tridaya.core.dates import format_date_id
from tridaya.core.formats import format_percent, format_rupiah
from tridaya.documents import figures
from tridaya.documents.plan_document import Bullets, Chapter, Image, Paragraphs, Subheading, Table
from tridaya.documents.prospectus import (
    ProspectusDocument,
    prospectus_docx,
    prospectus_html,
    prospectus_pdf,
)
from tridaya.mapping.selectors.households import Stats, village_households
from tridaya.mapping.selectors.slum import slum_page
from tridaya.marketing.models import Prospectus, ProspectusState
from tridaya.marketing.selectors import GapRow, funding_gaps
from tridaya.planning.selectors.plans import VersionPage, map_features, version_data
from tridaya.regions.selectors import attach_ancestors

CLASS_COLORS = {
    "tidak": "#a6d96a",
    "ringan": "#fee08b",
    "sedang": "#fdae61",
    "berat": "#d73027",
    "": "#d9d9d9",
}
PHOTO_WIDTH_PX = 480
PHOTOS_PER_ACTIVITY = 2


@dataclass
class Offer:
    """One activity offered to partners."""

    row: GapRow
    sectors: list[str]
    problems: list = field(default_factory=list)

    @property
    def domain_label(self) -> str:
        return str(TridayaDomain(self.row.target.domain).label)

    @property
    def sector_labels(self) -> list[str]:
        return [str(Sector(s).label) for s in self.sectors if s in Sector.values]


@dataclass
class ProspectusData:
    prospectus: Prospectus
    page: VersionPage
    features: dict
    households: Stats  # counts only
    slum_classes: list[tuple[str, str, int]]
    offers: list[Offer]
    totals: dict[str, int]

    def filtered(self, *, domain: str = "", sector: str = "") -> list[Offer]:
        return [
            o
            for o in self.offers
            if (not domain or o.row.target.domain == domain) and (not sector or sector in o.sectors)
        ]


def _sectors_and_problems(page) -> tuple[dict[str, list[str]], dict[str, list]]:
    """Target key -> sectors and problems it answers (activities: their own; RPLP rows: those
    of their program)."""
    sectors: dict[str, list[str]] = {}
    problems: dict[str, list] = {}
    for activity in page.activities:
        linked = list(activity.problems.all())
        key = f"activity-{activity.pk}"
        problems[key] = linked
        sectors[key] = sorted({activity.sector, *(p.sector for p in linked)})
    by_program = {view.program.pk: view.problems for view in page.programs}
    for line in page.lines:
        if line.row_id:
            linked = by_program.get(line.program_id, [])
            problems[f"row-{line.row_id}"] = linked
            sectors[f"row-{line.row_id}"] = sorted({p.sector for p in linked})
    return sectors, problems


def prospectus_data(prospectus: Prospectus) -> ProspectusData:
    """Everything the page and the documents show (a fixed number of queries)."""
    version = prospectus.version
    plan = version.plan
    village = plan.village
    attach_ancestors([village])
    page = version_data(village, plan, version)
    report = funding_gaps(village.code)
    sectors, problems = _sectors_and_problems(page)
    prefetch_related_objects([p for ps in problems.values() for p in ps], "photos")
    offers = [
        Offer(row, sectors.get(row.target.key, []), problems.get(row.target.key, []))
        for row in report.rows
        if row.target.version_id == version.pk and row.funding.gap > 0 and not row.target.detailed
    ]
    totals: dict[str, int] = {}
    for name in ("cost", "funded", "gap", "committed", "blm", "swadaya"):
        totals[name] = sum(
            getattr(r.funding, name) for r in report.rows if r.target.version_id == version.pk
        )
    slum = slum_page(village)
    return ProspectusData(
        prospectus=prospectus,
        page=page,
        features=map_features(page),
        households=village_households(village).total,
        slum_classes=slum.class_counts,
        offers=offers,
        totals=totals,
    )


# --- Blocks ----------------------------------------------------------------------------------


def photo_png(image_field) -> bytes | None:
    """A small PNG of a photo, without its EXIF; None when the file cannot be read."""
    from PIL import Image as PILImage

    try:
        image_field.open("rb")
        with PILImage.open(image_field) as original:
            img = original.convert("RGB")
            img.thumbnail((PHOTO_WIDTH_PX, PHOTO_WIDTH_PX))
            out = io.BytesIO()
            img.save(out, format="PNG", optimize=False)
            return out.getvalue()
    except (OSError, ValueError):
        return None
    finally:
        image_field.close()


def _picture(data: ProspectusData) -> list:
    stats = data.households
    blocks: list = []
    facts = [
        _("%(n)s KK tercatat dalam pemetaan swadaya, %(people)s jiwa.")
        % {"n": stats.households, "people": stats.people},
        _("%(poor)s KK miskin (%(share)s dari KK tercatat).")
        % {"poor": stats.poor, "share": _share(stats.poor, stats.households)},
        _("Air minum layak: %(w)s KK; sanitasi layak: %(s)s KK.")
        % {
            "w": _share(stats.safe_water, stats.households),
            "s": _share(stats.safe_sanitation, stats.households),
        },
    ]
    classes = [f"{label}: {count} RT" for _code, label, count in data.slum_classes if count]
    if classes:
        facts.append(_("Kelas kekumuhan RT: %(list)s.") % {"list": "; ".join(classes)})
    blocks.append(Bullets(facts))
    problems = data.page.problems[:8]
    if problems:
        blocks.append(Subheading(_("Masalah utama hasil pemetaan swadaya")))
        blocks.append(
            Table(
                [_("Masalah"), _("Daya"), _("KK terdampak"), _("KK miskin terdampak")],
                [
                    [
                        p.title,
                        str(TridayaDomain(p.domain).label),
                        str(p.households_affected),
                        str(p.poor_households_affected),
                    ]
                    for p in problems
                ],
                align=["left", "left", "right", "right"],
                widths=[8, 3, 2.5, 2.5],
            )
        )
    return blocks


def _share(part: int, whole: int) -> str:
    """'62,5%' of the households; '0%' when none are recorded."""
    return format_percent(Decimal(part) * 100 / whole if whole else 0)


def map_image(data: ProspectusData) -> Image:
    rts = data.features["rts"]
    classes = [f["properties"]["class"] for f in rts]
    png = figures.map_png(
        [
            figures.MapLayer(
                _("RT (kelas kekumuhan)"),
                [f["geometry"] for f in rts],
                colors=[CLASS_COLORS.get(k, "#d9d9d9") for k in classes],
                alpha=0.7,
            ),
            figures.MapLayer(
                _("Kawasan prioritas"),
                [f["geometry"] for f in data.features["areas"]],
                color="#e31a1c",
                fill=False,
                line_width=2.0,
            ),
            figures.MapLayer(
                _("Masalah"),
                [f["geometry"] for f in data.features["problems"]],
                color="#ff7f00",
                alpha=0.6,
            ),
            figures.MapLayer(
                _("Rencana kegiatan"),
                [f["geometry"] for f in data.features["works"]],
                color="#1f78b4",
                alpha=0.6,
                marker_size=40,
            ),
        ],
        title=_("Kelas kekumuhan, masalah dan rencana kegiatan"),
    )
    return Image(png, _("Peta %(village)s") % {"village": data.page.village})


def _offer_blocks(number: int, offer: Offer, photos: dict[int, bytes | None]) -> list:
    t, money = offer.row.target, offer.row.funding
    people, women, mbr, households, poor = t.beneficiaries
    where = t.location or (t.kawasan_name and _("Kawasan %(k)s") % {"k": t.kawasan_name}) or "-"
    # A list, not a table per activity: a plan offers dozens of activities and a table each
    # costs the PDF layout several times as much.
    facts = [
        _("Daya: %(domain)s; sektor: %(sector)s; tahun %(year)s.")
        % {
            "domain": offer.domain_label,
            "sector": ", ".join(offer.sector_labels) or "-",
            "year": t.year,
        },
        _("Lokasi: %(where)s.") % {"where": where},
        _(
            "Penerima manfaat: %(p)s jiwa (%(w)s perempuan, %(m)s MBR); %(h)s KK, "
            "%(poor)s KK miskin."
        )
        % {"p": people, "w": women, "m": mbr, "h": households, "poor": poor},
        _("Biaya %(cost)s; BLM, swadaya dan komitmen %(funded)s; belum terdanai %(gap)s.")
        % {
            "cost": format_rupiah(t.cost),
            "funded": format_rupiah(money.funded),
            "gap": format_rupiah(money.gap),
        },
    ]
    blocks: list = [Subheading(f"{number}. {t.name}"), Bullets(facts)]
    answered = [p.title for p in offer.problems]
    if answered:
        blocks.append(
            Paragraphs([_("Menjawab masalah: %(list)s.") % {"list": "; ".join(answered)}])
        )
    shown = 0
    for problem in offer.problems:
        for photo in problem.photos.all():
            if shown >= PHOTOS_PER_ACTIVITY:
                break
            png = photos.get(photo.pk)
            if png:
                blocks.append(Image(png, problem.title, width_cm=8))
                shown += 1
    return blocks


def _photos(offers: list[Offer]) -> dict[int, bytes | None]:
    found: dict[int, bytes | None] = {}
    for offer in offers:
        taken = 0
        for problem in offer.problems:
            for photo in problem.photos.all():
                if taken >= PHOTOS_PER_ACTIVITY:
                    break
                if photo.pk not in found:
                    found[photo.pk] = photo_png(photo.image)
                taken += 1
    return found


def _offer_table(offers: list[Offer]) -> Table:
    rows = [
        [
            str(n),
            o.row.target.name,
            o.row.target.domain,
            str(o.row.target.year),
            format_rupiah(o.row.target.cost),
            format_rupiah(o.row.funding.gap),
        ]
        for n, o in enumerate(offers, start=1)
    ]
    footer = [
        [
            "",
            _("Jumlah"),
            "",
            "",
            format_rupiah(sum(o.row.target.cost for o in offers)),
            format_rupiah(sum(o.row.funding.gap for o in offers)),
        ]
    ]
    return Table(
        ["#", _("Kegiatan"), _("Daya"), _("Tahun"), _("Biaya"), _("Belum terdanai")],
        rows,
        footer=footer,
        align=["right", "left", "center", "center", "right", "right"],
        widths=[0.8, 7.2, 1.3, 1.4, 3, 3],
        title=_("Kegiatan yang menunggu mitra"),
    )


def summary_label(*, domain: str = "", sector: str = "") -> str:
    if sector and sector in Sector.values:
        return _("Ringkasan untuk mitra: %(what)s") % {"what": Sector(sector).label}
    if domain and domain in TridayaDomain.values:
        return _("Ringkasan untuk mitra: %(what)s") % {"what": TridayaDomain(domain).label}
    return ""


def prospectus_document(
    data: ProspectusData, *, domain: str = "", sector: str = ""
) -> ProspectusDocument:
    page, prospectus = data.page, data.prospectus
    village, version, plan = page.village, page.version, page.plan
    offers = data.filtered(domain=domain, sector=sector)
    photos = _photos(offers)
    intro = [prospectus.introduction] if prospectus.introduction.strip() else []
    intro.append(
        _(
            "%(plan)s disahkan pada %(date)s. Biaya seluruh kegiatannya %(cost)s; BLM, swadaya "
            "dan komitmen mitra menanggung %(funded)s; %(gap)s masih menunggu mitra."
        )
        % {
            "plan": plan.title,
            "date": format_date_id(version.legalised_on) if version.legalised_on else "-",
            "cost": format_rupiah(data.totals["cost"]),
            "funded": format_rupiah(data.totals["funded"]),
            "gap": format_rupiah(data.totals["gap"]),
        }
    )
    vision: list = [Paragraphs([version.vision or "-"])]
    if version.mission_lines:
        vision += [Subheading(_("Misi")), Bullets(version.mission_lines, numbered=True)]
    offer_blocks: list = (
        [_offer_table(offers)] if offers else [Paragraphs([_("Semua kegiatan sudah terdanai.")])]
    )
    for n, offer in enumerate(offers, start=1):
        offer_blocks += _offer_blocks(n, offer, photos)
    chapters = [
        Chapter(_("Pengantar"), [Paragraphs(intro)]),
        Chapter(_("Visi dan misi"), vision),
        Chapter(_("Gambaran kekumuhan dan kemiskinan"), _picture(data) + [map_image(data)]),
        Chapter(_("Kegiatan yang ditawarkan kepada mitra"), offer_blocks),
        Chapter(
            _("Cara bermitra"),
            [
                Paragraphs(
                    [
                        _(
                            "Hubungi BKM %(village)s atau koordinator kota. Dukungan dicatat "
                            "sebagai janji, lalu dikukuhkan dengan nota kesepahaman (MoU) atau "
                            "surat kesepakatan, dan realisasinya dilaporkan kepada warga."
                        )
                        % {"village": village.name}
                    ]
                )
            ],
        ),
    ]
    province, regency, district = (str(a) for a in village.ancestors)
    published_on = (
        prospectus.published_on if prospectus.state == ProspectusState.PUBLISHED else None
    )
    return ProspectusDocument(
        document_title=_("PROSPEKTUS INVESTASI PENATAAN PERMUKIMAN"),
        plan_title=plan.title,
        region_lines=[str(village), district, regency, province],
        period=f"{version.years[0]}-{version.years[-1]}",
        status_line=_("Diterbitkan %(date)s") % {"date": format_date_id(published_on)}
        if published_on
        else _("Draf prospektus"),
        issued_on=prospectus.published_on or timezone.localdate(),
        chapters=chapters,
        subtitle=summary_label(domain=domain, sector=sector),
        organisation=_("BKM %(village)s") % {"village": village.name},
        draft_mark="" if published_on else _("DRAF: BELUM DITERBITKAN"),
    )


def render(data: ProspectusData, fmt: str, *, domain: str = "", sector: str = "") -> bytes:
    doc = prospectus_document(data, domain=domain, sector=sector)
    if fmt == "pdf":
        return prospectus_pdf(doc)
    if fmt == "docx":
        return prospectus_docx(doc)
    return prospectus_html(doc).encode()
