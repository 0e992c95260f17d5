"""Reads of certificates: a training's, and one found by its verification code."""

from __future__ import annotations

from tridaya.training.models import (
    Certificate,
    Training,
)


def certificates_of(training: Training) -> list[Certificate]:
    return list(
        Certificate.objects.filter(participant__training=training)
        .select_related("participant", "revoked_by")
        .order_by("number")
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with a verification code as people type it: any case, with or without
    dashes and spaces; O is read as 0 and I or L as 1 (Crockford's base 32)."""
    normal = normalise_code(code)
    if not normal:
        return None
    return (
        Certificate.objects.filter(code=normal)
        .select_related("participant__training__region", "participant__village")
        .first()
    )


def normalise_code(code: str) -> str:
    text = "".join(code.split()).replace("-", "").upper()
    return text.translate(str.maketrans("OIL", "011"))[:24]
