"""Who may do what in participatory planning (prioritisation, kawasan prioritas, RPLP, RTPLP)."""

from tridaya.accounts.models import Role
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
