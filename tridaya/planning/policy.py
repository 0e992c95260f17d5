"""Who may do what in participatory planning (prioritisation, kawasan prioritas, RPLP, RTPLP)."""

from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import register

# RPLP and RTPLP (PART 2) ----------------------------------------------------------------------
# Plans are public documents: residents follow their own plan from the first draft (the uji
# publik is about it), so reading plans, versions, RAB and price lists needs no login. The TIPP
# writes the plan with the BKM and the facilitator; the Pokja Teknis / Bappeda side is the city
# coordinator (Korkot / Pemda). Each of the three legalising signatures is given by its own role:
# BKM for the BKM, village apparatus for the Lurah / Kepala Desa, city coordinator for the Pokja
# Teknis / Bappeda. Regional price lists (HSPK) are kept by officers above the village.
PLAN_WRITERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.TIPP,
}
PLAN_LEGALISERS = {Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR, Role.FACILITATOR, Role.BKM}
PLAN_SIGNERS = {Role.BKM, Role.VILLAGE_APPARATUS, Role.CITY_COORDINATOR}
PRICE_KEEPERS = {Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER, Role.CITY_COORDINATOR}
# The signature kind each role gives (PlanSignOff.kind).
SIGNATORY_OF_ROLE: dict[str, str] = {
    Role.BKM: "bkm",
    Role.VILLAGE_APPARATUS: "lurah",
    Role.CITY_COORDINATOR: "pokja_teknis",
}

VIEW_PLANS = "planning.view_plans"
EDIT_PLAN = "planning.edit_plan"
RUN_PUBLIC_TEST = "planning.run_public_test"
SIGN_PLAN = "planning.sign_plan"
LEGALISE_PLAN = "planning.legalise_plan"
AMEND_PLAN = "planning.amend_plan"
VIEW_PRICE_LISTS = "planning.view_price_lists"
MANAGE_PRICE_LISTS = "planning.manage_price_lists"
# The outlines of RPLP / RTPLP documents are program-wide: kept by the national administrators.
EDIT_OUTLINES = "planning.edit_outlines"

register(VIEW_PLANS, public=True)
register(EDIT_PLAN, roles=PLAN_WRITERS)
register(RUN_PUBLIC_TEST, roles=PLAN_WRITERS)
register(SIGN_PLAN, roles=PLAN_SIGNERS)
register(LEGALISE_PLAN, roles=PLAN_LEGALISERS)
register(AMEND_PLAN, roles=PLAN_LEGALISERS)
register(VIEW_PRICE_LISTS, public=True)
register(MANAGE_PRICE_LISTS, roles=PRICE_KEEPERS)
register(EDIT_OUTLINES, roles={Role.NATIONAL_ADMIN})

# Prioritisation and kawasan prioritas (PART 1) -----------------------------------------------
# Rounds, their criteria, weighted scores, vote results and the kawasan prioritas with their
# indicators are community decisions: public, like the plans. The TIPP sets the criteria and
# weights, scores the options, enters paper ballots and closes the vote, with the BKM, the
# facilitator and the officers who may stand in for them (city coordinator, national admin).
# Online ballots are cast by the village's own people (every role held at the village,
# including residents); facilitators and officers guide the vote but do not vote.
PRIORITY_MANAGERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.TIPP,
}
VOTERS = {
    Role.BKM,
    Role.UPK,
    Role.UPL,
    Role.UPS,
    Role.TIPP,
    Role.VILLAGE_APPARATUS,
    Role.KSM,
    Role.RESIDENT,
}
VIEW_PRIORITIES = "planning.view_priorities"
MANAGE_PRIORITIES = "planning.manage_priorities"
VOTE = "planning.vote"
MANAGE_KAWASAN = "planning.manage_kawasan"

register(VIEW_PRIORITIES, public=True)
register(MANAGE_PRIORITIES, roles=PRIORITY_MANAGERS)
register(VOTE, roles=VOTERS)
register(MANAGE_KAWASAN, roles=PRIORITY_MANAGERS)


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "planning.round_created": _("Putaran prioritas dibuat"),
        "planning.round_updated": _("Putaran prioritas diubah"),
        "planning.round_deleted": _("Putaran prioritas dihapus"),
        "planning.round_closed": _("Putaran prioritas ditutup"),
        "planning.options_added": _("Pilihan prioritas ditambahkan"),
        "planning.option_removed": _("Pilihan prioritas dihapus"),
        "planning.criteria_set": _("Kriteria prioritas ditetapkan"),
        "planning.scores_set": _("Nilai prioritas ditetapkan"),
        "planning.voting_opened": _("Pemungutan suara dibuka"),
        "planning.ballot_cast": _("Suara diberikan"),
        "planning.ballot_removed": _("Suara dihapus"),
        "planning.paper_ballots_entered": _("Suara kertas dimasukkan"),
        "planning.kawasan_created": _("Kawasan prioritas dibuat"),
        "planning.kawasan_updated": _("Kawasan prioritas diubah"),
        "planning.kawasan_deleted": _("Kawasan prioritas dihapus"),
        "planning.kawasan_recomputed": _("Indikator kawasan dihitung ulang"),
        "planning.kawasan_criteria_set": _("Kriteria kawasan ditetapkan"),
        "planning.kawasan_chosen": _("Kawasan prioritas ditetapkan"),
        "planning.kawasan_unchosen": _("Penetapan kawasan dibatalkan"),
        "planning.outline_saved": _("Kerangka dokumen disimpan"),
        "planning.plan_created": _("Rencana dibuat"),
        "planning.version_updated": _("Versi rencana diubah"),
        "planning.version_revised": _("Versi rencana direvisi"),
        "planning.version_amended": _("Rencana diubah (amandemen)"),
        "planning.version_signed": _("Versi rencana ditandatangani"),
        "planning.version_legalised": _("Versi rencana disahkan"),
        "planning.version_superseded": _("Versi rencana digantikan"),
        "planning.version_frozen": _("Isi versi sah dibekukan"),
        "planning.public_test_started": _("Uji publik dimulai"),
        "planning.feedback_added": _("Tanggapan warga dicatat"),
        "planning.feedback_answered": _("Tanggapan warga dijawab"),
        "planning.safeguards_updated": _("Pengamanan sosial dan lingkungan diubah"),
        "planning.program_added": _("Program ditambahkan"),
        "planning.program_saved": _("Program disimpan"),
        "planning.program_deleted": _("Program dihapus"),
        "planning.investment_row_added": _("Baris investasi ditambahkan"),
        "planning.investment_row_saved": _("Baris investasi disimpan"),
        "planning.investment_row_deleted": _("Baris investasi dihapus"),
        "planning.activity_added": _("Kegiatan ditambahkan"),
        "planning.activity_saved": _("Kegiatan disimpan"),
        "planning.activity_deleted": _("Kegiatan dihapus"),
        "planning.rab_item_added": _("Baris RAB ditambahkan"),
        "planning.rab_item_deleted": _("Baris RAB dihapus"),
        "planning.attachment_added": _("Lampiran ditambahkan"),
        "planning.attachment_deleted": _("Lampiran dihapus"),
        "planning.price_list_created": _("Daftar harga dibuat"),
        "planning.price_list_imported": _("Daftar harga diimpor"),
        "planning.price_changed": _("Harga satuan diubah"),
        "planning.price_applied": _("Harga satuan diterapkan"),
    }
)
