"""Numbers read from a URL's query or a form as text: ASCII digits only, and within what the
database stores. `"²".isdigit()` is true and `int("²")` fails; `9223372036854775808` passes
`isdigit()` and `int()` but no database column holds it (a 64-bit id ends at 2**63 - 1)."""

from __future__ import annotations

import re

# The largest id (and integer) a BigAutoField / BIGINT holds on PostgreSQL and SQLite.
MAX_ID = 2**63 - 1

_DIGITS = re.compile(r"[0-9]+")


def parse_int(value: object, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """`value` as an int when it is plain ASCII digits (no sign, no spaces) between `minimum` and
    `maximum`; otherwise None."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_id(value: object) -> int | None:
    """A primary key from text: 1 to MAX_ID, else None."""
    return parse_int(value, minimum=1)
