from enum import StrEnum


class MarketingError(StrEnum):
    """Codes of refused marketing operations (callers branch on these, never on text)."""

    SOURCE_FILE = "marketing_source_file"
    NOT_A_VILLAGE = "marketing_not_a_village"
    PARTNER_DUPLICATE = "marketing_partner_duplicate"
    PARTNER_REGION = "marketing_partner_region"
    PARTNER_ELSEWHERE = "marketing_partner_elsewhere"
    SOURCE_NOT_PARTNER = "marketing_source_not_partner"
    PLAN_NOT_LEGALISED = "marketing_plan_not_legalised"
    TARGET_ELSEWHERE = "marketing_target_elsewhere"
    WRONG_STATE = "marketing_pledge_wrong_state"
    OVER_COMMITTED = "marketing_over_committed"
    REASON_TOO_SHORT = "marketing_reason_too_short"
    FILE_MISSING = "marketing_file_missing"
    FILE_TYPE = "marketing_file_type"
    FILE_TOO_LARGE = "marketing_file_too_large"
    DATE_ORDER = "marketing_date_order"
    YEAR_OUTSIDE_PLAN = "marketing_year_outside_plan"
    PROSPECTUS_EXISTS = "marketing_prospectus_exists"
    PROSPECTUS_STATE = "marketing_prospectus_state"
    FORUM_LEVEL = "marketing_forum_level"
    FORUM_MEETING = "marketing_forum_meeting"
    FORUM_EXISTS = "marketing_forum_exists"
    BKM_IN_KIND = "marketing_bkm_in_kind"
    NO_LEDGER = "marketing_no_ledger"
