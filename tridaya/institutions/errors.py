"""Error codes of the institutions app (callers branch on these, never on message text)."""

from tridaya.core.errors import ErrorCode


class InstitutionError(ErrorCode):
    NOT_A_VILLAGE = "not_a_village"
    ERASE_REASON = "person_erase_reason"
    ALREADY_ERASED = "person_already_erased"
    KSM_TOO_FEW_MEMBERS = "ksm_too_few_members"
    KSM_LEADER_NOT_MEMBER = "ksm_leader_not_member"
    KSM_LEADER_CANNOT_LEAVE = "ksm_leader_cannot_leave"
    ELECTION_WITHOUT_CANDIDATES = "election_without_candidates"
    ELECTION_DUPLICATE_CANDIDATE = "election_duplicate_candidate"
    ELECTION_IN_FUTURE = "election_in_future"
    PERSON_NOT_IN_VILLAGE = "person_not_in_village"
