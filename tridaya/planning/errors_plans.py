from enum import StrEnum


class PlanError(StrEnum):
    """Codes of refused RPLP / RTPLP operations (callers branch on these, never on text)."""

    PLAN_EXISTS = "planning_plan_exists"
    NOT_A_VILLAGE = "planning_not_a_village"
    VERSION_LOCKED = "planning_version_locked"
    NOT_EDITABLE = "planning_version_not_editable"
    WRONG_STATE = "planning_wrong_state"
    OPEN_VERSION_EXISTS = "planning_open_version_exists"
    NOT_LATEST = "planning_not_latest_version"
    MEETING_KIND = "planning_meeting_not_public_test"
    ELSEWHERE = "planning_other_village"
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
