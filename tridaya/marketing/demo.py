"""Demo marketing (seed step order 82, after the plans and the money): Desa Bajur's legalised
RPLP is marketed to 8 partners of the Lombok Barat register at a forum kolaborasi of Kecamatan
Labuapi; 12 pledges cover every state (nine pledged, two committed with their MoU files, one of
them realised through the BKM account and so posted in its books, one withdrawn), and its
prospectus is published. Desa Terong Tawah gets a small legalised RPLP with no partner and no
pledge, so the gap view and the roll-up show a village still waiting for funders next to one
being marketed. Everything goes through the services; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from tridaya.accounts.models import User
from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import MeetingKind
from tridaya.cycle.services import MeetingInput
from tridaya.marketing import letters
from tridaya.marketing.definitions import current_sources, sync_sources
from tridaya.marketing.models import ForumKind, Partner, PartnerType, Pledge, Prospectus
from tridaya.marketing.selectors import funding_gaps
from tridaya.marketing.services import forums as forum_services
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.services import pledges as pledge_services
from tridaya.marketing.services import prospectus as prospectus_services
from tridaya.planning.selectors.plans import legalised_versions_under
from tridaya.regions.demo import BAJUR, TERONG_TAWAH
from tridaya.regions.models import Region

FORUM_ON = dt.date(2026, 11, 26)
PUBLISHED_ON = dt.date(2026, 11, 20)

# name, type, region acted in, sources
PARTNERS = [
    (
        "Dinas Perumahan dan Permukiman Kabupaten Lombok Barat",
        PartnerType.OPD,
        "52.01",
        ["apbd_kab", "dak"],
    ),
    ("Dinas Pekerjaan Umum dan Penataan Ruang Provinsi NTB", PartnerType.OPD, "52", ["apbd_prov"]),
    (
        "Balai Prasarana Permukiman Wilayah NTB (Kementerian PUPR)",
        PartnerType.MINISTRY,
        "52",
        ["dit_pkp", "nsup"],
    ),
    ("Perumda Air Minum Giri Menang", PartnerType.COMPANY, "52.01", ["non_pemerintah"]),
    ("PT Bank NTB Syariah", PartnerType.BANK, "52", ["non_pemerintah"]),
    ("Baznas Kabupaten Lombok Barat", PartnerType.DONOR, "52.01", ["hibah"]),
    ("Yayasan Air Bersih Lombok", PartnerType.DONOR, "52.01", ["hibah"]),
    ("Paguyuban Pedagang Pasar Bajur", PartnerType.COMMUNITY, BAJUR, ["swadaya"]),
]
# (partner index, share of the row's gap in percent, source) per pledge, row by row.
PLEDGES = [
    (0, 60, "apbd_kab"),
    (3, 50, "non_pemerintah"),
    (1, 40, "apbd_prov"),
    (2, 50, "dit_pkp"),
    (4, 30, "non_pemerintah"),
    (5, 30, "hibah"),
    (6, 40, "hibah"),
    (7, 20, "swadaya"),
    (0, 50, "dak"),
    (3, 40, "non_pemerintah"),
    (1, 30, "apbd_prov"),
    (2, 25, "dit_pkp"),
]
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _partners(village: Region) -> list[Partner]:
    sources = {s.code: s for s in current_sources()}
    made = []
    for name, kind, acts_in, codes in PARTNERS:
        existing = Partner.objects.filter(city_id="52.01", name=name).first()
        made.append(
            existing
            or partner_services.partner_create(
                actor=_user("korkot.lobar"),
                where=village,
                name=name,
                kind=kind,
                acts_in=Region.objects.get(pk=acts_in),
                sources=[sources[c] for c in codes],
            )
        )
    return made


def _forum_meeting(village: Region):
    meeting = cycle_services.meeting_record(
        actor=_user("fasilitator.bajur"),
        village=village,
        data=MeetingInput(
            kind=MeetingKind.LOKAKARYA,
            title="Forum kolaborasi Kecamatan Labuapi",
            agenda="Pemasaran RPLP Desa Bajur kepada OPD, program sektor, perusahaan dan donor",
            held_on=FORUM_ON,
            place="Aula Kantor Camat Labuapi",
            facilitator="Koordinator Kota Lombok Barat",
            men=31,
            women=17,
            poor=6,
            decisions=(
                "Mitra menyampaikan janji dukungan untuk kegiatan RPLP Desa Bajur.",
                "BKM mengirim surat permohonan dan draf MoU kepada setiap mitra.",
            ),
        ),
    )
    forum_services.forum_record(
        actor=_user("korkot.lobar"),
        region=Region.objects.get(pk="52.01.08"),
        kind=ForumKind.COLLABORATION,
        meeting=meeting,
        bkm_members=5,
    )
    return meeting


def _pledges(village: Region, partners: list[Partner], meeting) -> list[Pledge]:
    sources = {s.code: s for s in current_sources()}
    rows = [r for r in funding_gaps(village.code).rows if r.funding.gap > 0]
    made = []
    for number, (partner_index, pct, code) in enumerate(PLEDGES):
        row = rows[number % len(rows)]
        amount = row.funding.gap * pct // 100 // 1000 * 1000
        made.append(
            pledge_services.pledge_create(
                actor=_user("tipp.bajur"),
                village=village,
                target=row.target.key,
                partner=partners[partner_index],
                source=sources[code],
                amount=amount,
                year=row.target.year,
                pledged_on=FORUM_ON,
                meeting=meeting,
            )
        )
    return made


def _move(village: Region, pledges: list[Pledge]) -> None:
    bkm = _user("bkm.bajur")
    for pledge in pledges[:2]:
        facts = letters.letter_facts(village, pledge)
        pledge_services.pledge_commit(
            actor=bkm,
            pledge=pledge,
            agreement_kind="mou",
            agreement_file=ContentFile(letters.letter_docx("mou", facts), name="mou.docx"),
            committed_on=dt.date(2026, 12, 3),
            conditions="Dana disalurkan setelah DED disetujui dinas teknis.",
        )
    pledge_services.pledge_realise(
        actor=bkm,
        pledge=pledges[0],
        amount=pledges[0].amount,
        realised_on=dt.date(2027, 2, 15),
        evidence_file=ContentFile(EVIDENCE_PDF, name="bast.pdf"),
        # The money reached the BKM's joint account: also a Bukti Kas Masuk in its books.
        through_bkm=True,
    )
    pledge_services.pledge_withdraw(
        actor=bkm,
        pledge=pledges[-1],
        reason="Anggaran program sektor tahun 2027 dialihkan ke kabupaten lain.",
        withdrawn_on=dt.date(2027, 1, 20),
    )


def _terong_tawah_plan(village: Region) -> None:
    """A small legalised RPLP of Terong Tawah (no partner yet), through planning's services."""
    from tridaya.planning.services import plans, versions

    plan = plans.plan_create(actor=None, village=village, kind="rplp", start_year=2027)
    version = plan.versions.get(number=1)
    plans.version_update_texts(
        actor=None,
        version=version,
        data=plans.VersionTexts(vision="Terong Tawah yang bersih, sehat dan layak huni."),
    )
    program = plans.program_save(
        actor=None,
        version=version,
        data=plans.ProgramInput(domain="L", name="Air minum dan drainase", years=(2027, 2028)),
    )
    for year, component, unit_cost in (
        (2027, "Jaringan perpipaan air minum", 450_000),
        (2028, "Saluran drainase lingkungan", 350_000),
    ):
        cost = 300 * unit_cost
        blm = cost * 40 // 100
        plans.investment_row_save(
            actor=None,
            version=version,
            data=plans.InvestmentInput(
                year=year,
                domain="L",
                component=component,
                volume=Decimal(300),
                unit="m",
                unit_cost=unit_cost,
                funding={"blm": blm, "swadaya": cost // 10, "apbd_city": cost - blm - cost // 10},
                program_id=program.pk,
                location="Desa Terong Tawah",
            ),
        )
    meeting = cycle_services.meeting_record(
        actor=None,
        village=village,
        data=MeetingInput(
            kind=MeetingKind.UJI_PUBLIK,
            agenda="Uji publik draf RPLP Desa Terong Tawah",
            held_on=dt.date(2026, 10, 29),
            place="Kantor Desa Terong Tawah",
            men=40,
            women=33,
            poor=18,
        ),
    )
    versions.version_start_public_test(actor=None, version=version, meeting=meeting)
    point = versions.feedback_add(
        actor=None, version=version, raised_by="Warga RT 03", point="Dahulukan air minum."
    )
    versions.feedback_answer(actor=None, feedback=point, answer="Air minum tahun pertama.")
    versions.version_revise(actor=None, version=version)
    for kind, name, position in (
        ("bkm", "Lalu Muhammad Amin", "Koordinator BKM Terong Tawah"),
        ("lurah", "H. Sahnan", "Kepala Desa Terong Tawah"),
        ("pokja_teknis", "Ir. Baiq Rina", "Bappeda Kabupaten Lombok Barat"),
    ):
        versions.version_sign(
            actor=None,
            version=version,
            kind=kind,
            signer_name=name,
            position=position,
            signed_on=dt.date(2026, 11, 19),
        )
    versions.version_legalise(actor=None, version=version, legalised_on=dt.date(2026, 11, 19))


def seed(log) -> None:
    sync_sources()
    bajur = Region.objects.filter(code=BAJUR).first()
    versions = legalised_versions_under(BAJUR) if bajur else []
    if bajur is None or not versions:
        log("Pemasaran: Desa Bajur belum punya rencana yang disahkan; dilewati")
        return
    if not Pledge.objects.filter(village=bajur).exists():
        partners = _partners(bajur)
        pledges = _pledges(bajur, partners, _forum_meeting(bajur))
        _move(bajur, pledges)
        log(f"{BAJUR}: {len(partners)} mitra, {len(pledges)} janji pendanaan, forum kolaborasi")
    rplp = next(v for v in versions if v.plan.kind == "rplp")
    if not Prospectus.objects.filter(version=rplp).exists():
        prospectus = prospectus_services.prospectus_create(
            actor=_user("bkm.bajur"),
            version=rplp,
            introduction=(
                "Warga Desa Bajur mengundang Pemda, program sektor, perusahaan, bank dan donor "
                "untuk bermitra menuntaskan permukiman kumuh bersama BLM dan swadaya warga."
            ),
        )
        prospectus_services.prospectus_publish(
            actor=_user("bkm.bajur"), prospectus=prospectus, on=PUBLISHED_ON
        )
        log(f"{BAJUR}: prospektus RPLP diterbitkan")
    terong = Region.objects.filter(code=TERONG_TAWAH).first()
    if terong is not None and not legalised_versions_under(TERONG_TAWAH):
        from tridaya.planning.selectors.plans import village_plans

        if not village_plans(terong):
            _terong_tawah_plan(terong)
            log(f"{TERONG_TAWAH}: RPLP kecil disahkan, belum ada mitra")
