"""Who signs a document, and how their blocks are laid out (shared by the DOCX and PDF forms)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

BLANK_NAME = "(" + "." * 32 + ")"


@dataclass(frozen=True)
class Signer:
    """One signature block: the role written above the signature, the name below it.

    `role_title` may hold line breaks ("Mengetahui,\\nKepala Desa Bajur"); `position` is an
    optional line under the name (a NIP, or the position when the role line names an office).
    An empty `name` prints a dotted line in brackets, to be written in by hand.
    """

    role_title: str
    name: str
    position: str = ""

    @property
    def name_or_blank(self) -> str:
        return self.name.strip() or BLANK_NAME

    @property
    def is_blank(self) -> bool:
        return not self.name.strip()


def signature_rows(signers: Sequence[Signer], per_row: int = 3) -> list[list[Signer | None]]:
    """Split signers into balanced rows of at most `per_row` blocks.

    One signer sits on the right of a two-column row, as in Indonesian letters; otherwise the
    rows are as even as possible (4 -> 2 + 2, 5 -> 3 + 2, 7 -> 3 + 2 + 2).
    """
    if per_row < 1:
        raise ValueError("per_row must be at least 1")
    if not signers:
        return []
    if len(signers) == 1:
        return [[None, signers[0]]]
    row_count = math.ceil(len(signers) / per_row)
    base, extra = divmod(len(signers), row_count)
    rows: list[list[Signer | None]] = []
    start = 0
    for index in range(row_count):
        size = base + (1 if index < extra else 0)
        rows.append(list(signers[start : start + size]))
        start += size
    return rows
