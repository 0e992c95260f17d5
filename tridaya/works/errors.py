"""Codes of refused works operations (callers branch on these, never on message text)."""

from enum import StrEnum


class WorksError(StrEnum):
    NOT_IN_RTPLP = "works_activity_not_in_legalised_rtplp"
    PACKAGE_EXISTS = "works_package_exists"
    BAD_GEOMETRY = "works_bad_geometry"
    OUTSIDE_VILLAGE = "works_outside_village"
    BAD_DATES = "works_bad_dates"
    BAD_SCHEDULE = "works_bad_schedule"
    WRONG_STATUS = "works_wrong_status"
    BAD_PERCENT = "works_bad_percent"
    PERCENT_BACKWARDS = "works_percent_below_approved"
    EVIDENCE_MISSING = "works_evidence_slot_missing"
    NOT_A_PHOTO = "works_not_a_photo"
    PHOTO_NO_PLACE = "works_photo_without_place"
    PHOTO_NO_TIME = "works_photo_without_time"
    PHOTO_TOO_FAR = "works_photo_too_far"
    PHOTO_TOO_EARLY = "works_photo_before_start"
    BAD_REPORT = "works_bad_report"
    REPORT_EXISTS = "works_report_exists"
    REASON_TOO_SHORT = "works_reason_too_short"
    NOT_COMPLETE = "works_not_complete"
    HANDOVER_EXISTS = "works_handover_exists"
    RECIPIENT_MISSING = "works_recipient_missing"
    CHECK_EXISTS = "works_check_exists"
    BAD_AMOUNT = "works_bad_amount"
    BAD_CRITERION = "works_bad_criterion"
    WRONG_VILLAGE = "works_wrong_village"


def refuse(code: WorksError, message: str, *, field: str | None = None):
    """A DomainError carrying its code and, for forms, the field it concerns."""
    from tridaya.core.errors import DomainError

    return DomainError(message, code=code, field=field)
