"""Tracking codes: 10 characters drawn with `secrets` from 31 symbols that are hard to mistake
over the phone (no 0/O, no 1/I, no U beside V), shown as two groups of five (`K7MQ2-XH94T`).
31^10 ≈ 8·10^14 codes, so guessing a live one is hopeless, and lookups are rate-limited besides."""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTVWXYZ"
LENGTH = 10
_NOT_CODE = re.compile(r"[\s\-.]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def normalise(text: str) -> str:
    """What a resident typed (any case, spaces or dashes, O for 0 ...) as a stored code, or ''."""
    code = _NOT_CODE.sub("", (text or "").upper())
    code = code.replace("O", "0").replace("I", "1")
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return ""
    return code
