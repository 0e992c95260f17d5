"""Domain errors with stable codes. Callers branch on `code`, never on message text."""

from enum import StrEnum

from django.core.exceptions import ValidationError


class ErrorCode(StrEnum):
    """Extended by each app with its own enum; values are globally unique strings."""


class DomainError(ValidationError):
    """A refused operation: `code` for programs, `message` (translated) for people."""

    def __init__(self, message, *, code: str, params: dict | None = None):
        super().__init__(message, code=str(code), params=params)
