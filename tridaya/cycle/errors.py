from enum import StrEnum


class CycleError(StrEnum):
    """Codes of refused cycle operations (callers branch on these, never on message text)."""

    ALREADY_ENROLLED = "cycle_already_enrolled"
    NOT_A_VILLAGE = "cycle_not_a_village"
    STEP_NOT_OPEN = "cycle_step_not_open"
    GATES_FAILING = "cycle_gates_failing"
    SIGNOFFS_MISSING = "cycle_signoffs_missing"
    SIGNOFF_OUT_OF_ORDER = "cycle_signoff_out_of_order"
    SIGNOFF_ROLE = "cycle_signoff_role_not_allowed"
    SIGNOFF_EXISTS = "cycle_signoff_exists"
    SIGNOFF_LATER_EXISTS = "cycle_signoff_later_exists"
    SIGNOFF_WITHDRAWN = "cycle_signoff_already_withdrawn"
    REASON_TOO_SHORT = "cycle_reason_too_short"
    BAD_ATTENDANCE = "cycle_bad_attendance"
    NO_ATTENDEES = "cycle_no_attendees"
    STEP_ELSEWHERE = "cycle_step_of_other_village"
    PHOTO_TOO_LARGE = "cycle_photo_too_large"
