"""REST endpoints for a village's people and institutions, under /api/v1/villages/<code>/.

Institutions and their members are public like the pages. The register of the village's people
(`people/` and `people/<id>/`) is not: it needs `institutions.view_people` over the village (401
anonymous, 404 outside the user's regions, 403 inside them without the role). Within it,
`nik`, `phone`, `birth_year`, `education`, `is_poor` and `disability` appear only for roles in
`institutions.view_personal_data`; everyone else gets `nik_masked`. Writes need
`institutions.manage` over the village (401 anonymous, 404 outside the user's regions, 403
inside them without the role). One API class per operation, each with its own serializers."""

from tridaya.institutions.api.views import (
    BKMAPI,
    TIPPAPI,
    BKMMemberCreateAPI,
    BKMMemberDeleteAPI,
    ElectionsAPI,
    KPPMemberCreateAPI,
    KPPMemberDeleteAPI,
    KPPsAPI,
    KSMMemberCreateAPI,
    KSMMemberDeleteAPI,
    KSMsAPI,
    MemberDeleteAPI,
    PeopleAPI,
    PeopleRegisterAPI,
    PersonAPI,
    PokjaMemberCreateAPI,
    PokjaMemberDeleteAPI,
    PokjasAPI,
    TIPPMemberCreateAPI,
    TIPPMemberDeleteAPI,
    UPStaffCreateAPI,
    UPStaffDeleteAPI,
    UPUnitsAPI,
    VillageAPI,
)

__all__ = [
    "BKMAPI",
    "BKMMemberCreateAPI",
    "BKMMemberDeleteAPI",
    "ElectionsAPI",
    "KPPMemberCreateAPI",
    "KPPMemberDeleteAPI",
    "KPPsAPI",
    "KSMMemberCreateAPI",
    "KSMMemberDeleteAPI",
    "KSMsAPI",
    "MemberDeleteAPI",
    "PeopleAPI",
    "PeopleRegisterAPI",
    "PersonAPI",
    "PokjaMemberCreateAPI",
    "PokjaMemberDeleteAPI",
    "PokjasAPI",
    "TIPPAPI",
    "TIPPMemberCreateAPI",
    "TIPPMemberDeleteAPI",
    "UPStaffCreateAPI",
    "UPStaffDeleteAPI",
    "UPUnitsAPI",
    "VillageAPI",
]
