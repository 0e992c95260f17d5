"""Error codes of the accounts app (callers branch on these, never on message text)."""

from enum import StrEnum


class AccountError(StrEnum):
    USERNAME_TAKEN = "username_taken"
