"""Codes of refused oversight operations (callers branch on these, never on message text)."""

from enum import StrEnum


class OversightError(StrEnum):
    WRONG_STATUS = "oversight_wrong_status"
    TOP_LEVEL = "oversight_already_national"
    NOT_A_PHOTO = "oversight_not_a_photo"
    PHOTO_TOO_LARGE = "oversight_photo_too_large"
    TOO_MANY_PHOTOS = "oversight_too_many_photos"
    BAD_POINT = "oversight_bad_point"
    BAD_LINK = "oversight_bad_link"
    REOPEN_EXPIRED = "oversight_reopen_expired"
    REASON_TOO_SHORT = "oversight_reason_too_short"
    EMPTY_TEXT = "oversight_empty_text"
    BAD_CLASS = "oversight_bad_class"


def refuse(code: OversightError, message: str, *, field: str | None = None):
    """A DomainError carrying its code and, for forms, the field it concerns."""
    from tridaya.core.errors import DomainError

    return DomainError(message, code=code, field=field)
