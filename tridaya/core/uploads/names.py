"""Stored names are random: the uploader's file name may carry a person's name or a phone's id,
and a guessable path invites guessing. Only the suffix of the sniffed kind is kept."""

from __future__ import annotations

import uuid
from pathlib import PurePath


def random_name(folder: str, filename: str) -> str:
    """`<folder>/<32 hex digits><suffix>`; the suffix is the one the upload field set from the
    file's content (at most 8 characters, lower case)."""
    suffix = PurePath(filename).suffix.lower()[:8]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"{folder.strip('/')}/{uuid.uuid4().hex}{suffix}"
