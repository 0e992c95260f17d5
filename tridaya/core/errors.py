"""Domain errors with stable codes. Callers branch on `code`, never on message text."""

from enum import StrEnum

from django.core.exceptions import ValidationError


class ErrorCode(StrEnum):
    """Extended by each app with its own enum; values are globally unique strings."""


class CoreError(StrEnum):
    """Codes of the shared kernel (used when an app passes none of its own)."""

    REASON_TOO_SHORT = "reason_too_short"
    NOT_FOUND = "not_found"
    TABLE_UNREADABLE = "table_unreadable"
    TABLE_EMPTY = "table_empty"
    TABLE_MISSING_COLUMNS = "table_missing_columns"


class DomainError(ValidationError):
    """A refused operation: `code` for programs, `message` (translated) for people, and
    optionally the `field` the refusal is about (a form shows it beside that input)."""

    def __init__(self, message, *, code: str, params: dict | None = None, field: str | None = None):
        super().__init__(message, code=str(code), params=params)
        self.field = field


class NotFound(DomainError):
    """A selector found nothing to show. Selectors raise it, never Http404; a page or API view
    that lets it escape answers 404 (`core.middleware.NotFoundMiddleware`, `core.api`), and
    `core.pages.found_or_404` turns it into Http404 where a view needs that explicitly."""

    def __init__(self, message, *, code: str = CoreError.NOT_FOUND, params: dict | None = None):
        super().__init__(message, code=code, params=params)
