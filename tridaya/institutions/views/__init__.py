"""Pages of a village's institutions: the organisation chart, the people, and one page per
institution (BKM, UP-UP, TIPP, Pokja, KSM, KPP). The institutions and their members are public;
the register of the village's people is only for those in `institutions.view_people` (login
first, then 404 outside their regions and 403 inside them without the role). The forms on each
page are shown to, and accepted from, those who may manage the village's institutions."""

from tridaya.institutions.views.bkm import bkm, election_create
from tridaya.institutions.views.groups import (
    kpp_create,
    kpps,
    ksm_create,
    ksm_edit,
    ksms,
    pokjas,
    tipp,
    up_units,
)
from tridaya.institutions.views.people import org_chart, people, person_create, person_edit
from tridaya.institutions.views.personal_data import (
    nik_access,
    personal_data,
    personal_data_erase,
    personal_data_export,
)

__all__ = [
    "bkm",
    "election_create",
    "kpp_create",
    "kpps",
    "ksm_create",
    "ksm_edit",
    "ksms",
    "org_chart",
    "nik_access",
    "people",
    "personal_data",
    "personal_data_erase",
    "personal_data_export",
    "person_create",
    "person_edit",
    "pokjas",
    "tipp",
    "up_units",
]
