"""The community institutions of a village: its people, the BKM (members, terms and elections),
the UP-UP units and their staff, the TIPP, the Pokja of volunteers, the KSM and the KPP.

Every institution belongs to one kelurahan/desa and every member is a `Person` of that same
village. A person's NIK and phone are personal data (UU PDP 27/2022): stored, but shown only to
the roles in `institutions.view_personal_data` (see policy.py); everyone else sees `masked_nik`.

people.py holds people and shared rules, bkm.py the BKM and its elections, groups.py the other
institutions. Import from this package.
"""

from tridaya.institutions.models.bkm import (
    BKM,
    BKMMember,
    BKMPosition,
    Election,
    ElectionCandidate,
)
from tridaya.institutions.models.groups import (
    KPP,
    KSM,
    TIPP,
    KPPMember,
    KSMMember,
    Pokja,
    PokjaMember,
    SlumAspect,
    TIPPGroup,
    TIPPMember,
    UPKind,
    UPStaff,
    UPUnit,
)
from tridaya.institutions.models.people import (
    BKM_TERM_YEARS,
    EARLIEST_BIRTH_YEAR,
    KSM_MIN_MEMBERS,
    VILLAGE_ONLY,
    Education,
    GenderBalance,
    Person,
    Sex,
    add_years,
    default_term_end,
    gender_balance,
    mask_nik,
)

__all__ = [
    "BKM",
    "BKM_TERM_YEARS",
    "EARLIEST_BIRTH_YEAR",
    "KPP",
    "KSM",
    "KSM_MIN_MEMBERS",
    "TIPP",
    "VILLAGE_ONLY",
    "BKMMember",
    "BKMPosition",
    "Education",
    "Election",
    "ElectionCandidate",
    "GenderBalance",
    "KPPMember",
    "KSMMember",
    "Person",
    "Pokja",
    "PokjaMember",
    "Sex",
    "SlumAspect",
    "TIPPGroup",
    "TIPPMember",
    "UPKind",
    "UPStaff",
    "UPUnit",
    "add_years",
    "default_term_end",
    "gender_balance",
    "mask_nik",
]
