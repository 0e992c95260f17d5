"""Every write to a village's people and institutions, by sub-domain (people, bkm, groups: the
same names as models/, views/). Each service checks the policy (`actor=None` is the system),
validates with `full_clean()`, writes, and records an audit event in the same durable
transaction (a caller cannot nest two of them; `memberships` saves an institution with its member
lines in one). NIK and phone never enter the audit trail: a change to them is recorded as
`["***", "***"]`.

Callers import from here (`from tridaya.institutions import services`)."""

from tridaya.institutions.errors import InstitutionError
from tridaya.institutions.services.bkm import (
    CandidateVotes,
    bkm_member_add,
    bkm_member_remove,
    bkm_save,
    election_link_meeting,
    election_link_meeting_nested,
    election_record,
)
from tridaya.institutions.services.common import (
    Actor,
)
from tridaya.institutions.services.groups import (
    TIPP_FIELDS,
    kpp_create,
    kpp_member_add,
    kpp_member_remove,
    kpp_update,
    ksm_create,
    ksm_member_add,
    ksm_member_remove,
    ksm_update,
    pokja_create,
    pokja_member_add,
    pokja_member_remove,
    tipp_member_add,
    tipp_member_remove,
    tipp_save,
    up_staff_add,
    up_staff_remove,
    up_unit_create,
)
from tridaya.institutions.services.memberships import (
    bkm_save_with_members,
    kpp_save_with_members,
    ksm_update_with_members,
    pokja_save_with_members,
    tipp_save_with_members,
    up_unit_save_with_staff,
)
from tridaya.institutions.services.people import (
    PERSON_FIELDS,
    SECRET_FIELDS,
    HeadsMarked,
    people_mark_household_heads,
    person_create,
    person_update,
    person_update_nested,
)

__all__ = [
    "Actor",
    "CandidateVotes",
    "HeadsMarked",
    "InstitutionError",
    "PERSON_FIELDS",
    "SECRET_FIELDS",
    "TIPP_FIELDS",
    "bkm_member_add",
    "bkm_member_remove",
    "bkm_save",
    "bkm_save_with_members",
    "election_link_meeting",
    "election_link_meeting_nested",
    "election_record",
    "kpp_create",
    "kpp_member_add",
    "kpp_member_remove",
    "kpp_save_with_members",
    "kpp_update",
    "ksm_create",
    "ksm_member_add",
    "ksm_member_remove",
    "ksm_update",
    "ksm_update_with_members",
    "people_mark_household_heads",
    "person_create",
    "person_update",
    "person_update_nested",
    "pokja_create",
    "pokja_member_add",
    "pokja_member_remove",
    "pokja_save_with_members",
    "tipp_member_add",
    "tipp_member_remove",
    "tipp_save",
    "tipp_save_with_members",
    "up_staff_add",
    "up_staff_remove",
    "up_unit_create",
    "up_unit_save_with_staff",
]
