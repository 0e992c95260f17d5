"""Codes of refused planning operations: one enum for the whole app (callers branch on these,
never on text). The values are stable: the API answers with them."""

from enum import StrEnum


class PlanningError(StrEnum):
    # Shared by every part
    NOT_A_VILLAGE = "planning_not_a_village"
    OTHER_VILLAGE = "planning_other_village"

    # Prioritisation rounds and votes
    ROUND_CLOSED = "planning_round_closed"
    NOT_DRAFT = "planning_round_not_draft"
    NOT_VOTING = "planning_round_not_voting"
    BAD_CRITERIA = "planning_bad_criteria"
    WEIGHTS_NOT_100 = "planning_weights_not_100"
    BAD_SCORE = "planning_bad_score"
    BAD_OPTION = "planning_bad_option"
    TOO_FEW_OPTIONS = "planning_too_few_options"
    BAD_BALLOT = "planning_bad_ballot"
    TOO_MANY_PAPER_BALLOTS = "planning_too_many_paper_ballots"
    NOT_YOUR_BALLOT = "planning_not_your_ballot"
    NO_BALLOTS = "planning_no_ballots"
    MEETING_MISSING = "planning_meeting_missing"
    HAS_BALLOTS = "planning_round_has_ballots"

    # Kawasan prioritas
    KAWASAN_NOT_A_VILLAGE = "planning_kawasan_not_a_village"
    KAWASAN_OUTSIDE_VILLAGE = "planning_kawasan_outside_village"
    KAWASAN_NAME_TAKEN = "planning_kawasan_name_taken"
    KAWASAN_CHOSEN = "planning_kawasan_chosen_is_frozen"
    KAWASAN_HAS_PLAN = "planning_kawasan_has_plan"
    KAWASAN_NOT_CHOSEN = "planning_kawasan_not_chosen"
    KAWASAN_CRITERIA_MISSING = "planning_kawasan_criteria_missing"
    KAWASAN_REASON_TOO_SHORT = "planning_kawasan_reason_too_short"
    KAWASAN_BAD_IMPORT = "planning_kawasan_bad_import"
    KAWASAN_BAD_GEOMETRY = "planning_kawasan_bad_geometry"
    KAWASAN_NOTHING_TO_DERIVE = "planning_kawasan_nothing_to_derive"
    KAWASAN_OTHER_VILLAGE = "planning_kawasan_other_village"

    # RPLP and RTPLP plans, their versions, RAB and price lists
    PLAN_EXISTS = "planning_plan_exists"
    VERSION_LOCKED = "planning_version_locked"
    NOT_EDITABLE = "planning_version_not_editable"
    WRONG_STATE = "planning_wrong_state"
    OPEN_VERSION_EXISTS = "planning_open_version_exists"
    NOT_LATEST = "planning_not_latest_version"
    MEETING_KIND = "planning_meeting_not_public_test"
    FEEDBACK_UNANSWERED = "planning_feedback_unanswered"
    NO_FEEDBACK = "planning_no_feedback"
    SIGNOFF_ROLE = "planning_signoff_role"
    SIGNOFF_EXISTS = "planning_signoff_exists"
    SIGNOFFS_MISSING = "planning_signoffs_missing"
    NOT_READY = "planning_not_ready"
    REASON_TOO_SHORT = "planning_reason_too_short"
    WRONG_KIND = "planning_wrong_plan_kind"
    PRICE_LIST_LEVEL = "planning_price_list_level"
    IMPORT_INVALID = "planning_import_invalid"
    PRICE_ITEM_ELSEWHERE = "planning_price_item_elsewhere"
